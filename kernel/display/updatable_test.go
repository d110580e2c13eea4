package display_test

import (
	"image"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/kernel/display"
)

func TestDisplayShowThenUpdate(t *testing.T) {
	tests := []struct {
		name string
		call func(d *display.Display)
		key  string
	}{
		{"HTML", func(d *display.Display) { d.HTML("<b>x</b>") }, "text/html"},
		{"Markdown", func(d *display.Display) { d.Markdown("*x*") }, "text/markdown"},
		{"SVG", func(d *display.Display) { d.SVG("<svg/>") }, "image/svg+xml"},
		{"Latex", func(d *display.Display) { d.Latex("x") }, "text/latex"},
		{"Text", func(d *display.Display) { d.Text("x") }, "text/plain"},
		{"PNG", func(d *display.Display) { d.PNG([]byte{1}) }, "image/png"},
		{"JPEG", func(d *display.Display) { d.JPEG([]byte{1}) }, "image/jpeg"},
		{"GIF", func(d *display.Display) { d.GIF([]byte{1}) }, "image/gif"},
		{"Image", func(d *display.Display) { d.Image(image.NewRGBA(image.Rect(0, 0, 1, 1))) }, "image/png"},
		{"JSON", func(d *display.Display) { d.JSON([]int{1}) }, "application/json"},
		{"Data", func(d *display.Display) { d.Data(display.MIMEBundle{"text/csv": "a"}) }, "text/csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := display.New()
			msgs := capture(t, func() { tt.call(d); tt.call(d); tt.call(d) })
			want := []display.Kind{display.Show, display.Update, display.Update}
			if len(msgs) != len(want) {
				t.Fatalf("got %d messages, want %d", len(msgs), len(want))
			}
			for i, m := range msgs {
				checkWellFormed(t, m)
				if m.Kind != want[i] || m.DisplayID != d.ID() || m.DisplayID == "" {
					t.Errorf("message %d: kind %v id %q, want %v %q", i, m.Kind, m.DisplayID, want[i], d.ID())
				}
				if _, ok := m.Data[tt.key]; !ok {
					t.Errorf("message %d lacks %s: %v", i, tt.key, m.Data)
				}
			}
		})
	}
}

func TestDisplayIDs(t *testing.T) {
	a, b := display.New(), display.New()
	if a.ID() == "" || a.ID() == b.ID() || a.ID() != a.ID() {
		t.Errorf("ids %q and %q: want distinct, stable and non-empty", a.ID(), b.ID())
	}
	var zero display.Display
	msgs := capture(t, func() { zero.Text("a"); zero.Text("b") })
	if zero.ID() == "" || len(msgs) != 2 || msgs[0].DisplayID != zero.ID() || msgs[1].Kind != display.Update {
		t.Errorf("zero Display: id %q, messages %+v", zero.ID(), msgs)
	}
}

func TestDisplayConcurrentShowFirst(t *testing.T) {
	d := display.New()
	msgs := capture(t, func() {
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() { defer wg.Done(); d.Text("x") }()
		}
		wg.Wait()
	})
	for i, m := range msgs {
		if (m.Kind == display.Show) != (i == 0) {
			t.Fatalf("message %d has kind %v", i, m.Kind)
		}
	}
	if len(msgs) != 20 {
		t.Errorf("got %d messages, want 20", len(msgs))
	}
}
