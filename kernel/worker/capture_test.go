package worker

import (
	"strings"
	"sync"
	"testing"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

type collector struct {
	mu     sync.Mutex
	events []wp.Stream
}

func (c *collector) emit(e wp.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = append(c.events, e.(wp.Stream))
}

func (c *collector) text() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, e := range c.events {
		b.WriteString(e.Text)
	}
	return b.String()
}

func TestCaptureDeliversEverythingBeforeSync(t *testing.T) {
	var col collector
	c, err := newCapture("stdout", col.emit)
	if err != nil {
		t.Fatal(err)
	}
	s := &syncer{captures: []*capture{c}}
	want := strings.Repeat("héllo, 世界\n", 10000)
	c.w.WriteString(want)
	s.sync()
	if got := col.text(); got != want {
		t.Fatalf("got %d bytes, want %d", len(got), len(want))
	}
	for _, e := range col.events {
		if strings.ContainsRune(e.Text, '\uFFFD') {
			t.Fatalf("a chunk split a UTF-8 character: %q", e.Text[:min(20, len(e.Text))])
		}
	}
}

func TestDeliverHoldsPartialCharacterAndMarker(t *testing.T) {
	var col collector
	c := &capture{name: "stdout", emit: col.emit, synced: make(chan struct{}, 4)}
	tail := c.deliver([]byte("ab\xe4\xb8"))
	if col.text() != "ab" || string(tail) != "\xe4\xb8" {
		t.Fatalf("text %q tail %q", col.text(), tail)
	}
	tail = c.deliver(append(tail, append([]byte("\x96x"), syncMarker[:5]...)...))
	if col.text() != "ab世x" || len(tail) != 5 {
		t.Fatalf("text %q tail %q", col.text(), tail)
	}
	tail = c.deliver(append(tail, syncMarker[5:]...))
	if len(tail) != 0 || len(c.synced) != 1 {
		t.Fatalf("marker not recognised across reads: tail %q synced %d", tail, len(c.synced))
	}
}

func TestInvalidUTF8IsReplacedNotHeld(t *testing.T) {
	var col collector
	c := &capture{name: "stdout", emit: col.emit}
	tail := c.deliver([]byte("a\xffb"))
	if len(tail) != 0 || col.text() != "a\uFFFDb" {
		t.Fatalf("text %q tail %q", col.text(), tail)
	}
}
