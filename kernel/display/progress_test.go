package display

import (
	"strings"
	"testing"
	"time"
)

func TestProgressThrottlesAndFinishes(t *testing.T) {
	var msgs []Message
	SetPublisher(func(m Message) { msgs = append(msgs, m) })
	defer SetPublisher(nil)
	p := NewProgress(1000, "work")
	for range 1000 {
		p.Add(1)
	}
	if len(msgs) < 2 || len(msgs) > 4 {
		t.Fatalf("%d messages for a fast loop of 1000 steps, want the first and the last (throttled)", len(msgs))
	}
	if msgs[0].Kind != Show || msgs[len(msgs)-1].Kind != Update || msgs[0].DisplayID != msgs[len(msgs)-1].DisplayID {
		t.Errorf("kinds %v..%v, ids %q %q", msgs[0].Kind, msgs[len(msgs)-1].Kind, msgs[0].DisplayID, msgs[len(msgs)-1].DisplayID)
	}
	last := msgs[len(msgs)-1].Data
	if !strings.Contains(last[textPlain].(string), "100% 1000/1000") || !strings.Contains(last[textHTML].(string), `value="1000" max="1000"`) {
		t.Errorf("final state %v", last)
	}
	n := len(msgs)
	p.Set(500)
	time.Sleep(progressInterval + 10*time.Millisecond)
	p.Set(600)
	if len(msgs) != n+1 || !strings.Contains(msgs[len(msgs)-1].Data[textPlain].(string), " 60% 600/1000") {
		t.Errorf("an update after the interval: %d messages, last %v", len(msgs)-n, msgs[len(msgs)-1].Data[textPlain])
	}
}

func TestSliceOfStructsRendersAsTable(t *testing.T) {
	type city struct {
		Name string
		Pop  int
	}
	b := Bundle([]city{{"Paris", 2}, {"<Oslo>", 1}})
	want := "<table><thead><tr><th></th><th>Name</th><th>Pop</th></tr></thead><tbody><tr><th>0</th><td>Paris</td><td>2</td></tr><tr><th>1</th><td>&lt;Oslo&gt;</td><td>1</td></tr></tbody></table>"
	if b[textHTML] != want {
		t.Errorf("table:\n got %v\nwant %s", b[textHTML], want)
	}
	if b := Bundle([]int{1, 2}); b != nil {
		t.Errorf("a slice of ints rendered %v", b)
	}
	if b := Bundle([]*city{{"Rome", 3}, nil}); !strings.Contains(b[textHTML].(string), "<td colspan=\"2\">nil</td>") {
		t.Errorf("pointers: %v", b[textHTML])
	}
}
