package display

import (
	"fmt"
	"html"
	"strings"
	"sync"
	"time"
)

// progressInterval is the least time between two updates of a progress bar,
// so a tight loop never floods the front end with messages.
const progressInterval = 100 * time.Millisecond

// Progress is a progress bar for long loops: an HTML bar updated in place,
// with a text bar for consoles. Updates are throttled to ten a second; the
// first and the last state are always shown. It is safe for concurrent use,
// so goroutines of a worker pool may share one.
type Progress struct {
	mu    sync.Mutex
	d     *Display
	label string
	total int
	done  int
	start time.Time
	last  time.Time
}

// NewProgress shows a progress bar for total steps, labelled label.
func NewProgress(total int, label string) *Progress {
	p := &Progress{d: New(), label: label, total: max(total, 0), start: time.Now()}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.renderLocked()
	return p
}

// Add advances the bar by n steps.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.setLocked(p.done + n)
}

// Set moves the bar to step n.
func (p *Progress) Set(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.setLocked(n)
}

// Done marks the work finished and shows the final state and elapsed time.
func (p *Progress) Done() {
	p.Set(p.total)
}

func (p *Progress) setLocked(n int) {
	p.done = min(max(n, 0), p.total)
	if p.done == p.total || time.Since(p.last) >= progressInterval {
		p.renderLocked()
	}
}

func (p *Progress) renderLocked() {
	p.last = time.Now()
	p.d.Data(p.bundleLocked())
}

// bundleLocked renders the bar as HTML and as text.
func (p *Progress) bundleLocked() MIMEBundle {
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	status := fmt.Sprintf("%3.0f%% %d/%d", 100*frac, p.done, p.total)
	if p.done == p.total {
		status += fmt.Sprintf(" in %.1f s", time.Since(p.start).Seconds())
	}
	const width = 30
	filled := int(frac * width)
	text := fmt.Sprintf("%s [%s%s] %s", p.label, strings.Repeat("#", filled), strings.Repeat(".", width-filled), status)
	htm := fmt.Sprintf(`<div style="font-family: monospace"><span>%s</span> <progress value="%d" max="%d" style="width: 20em"></progress> <span>%s</span></div>`,
		html.EscapeString(p.label), p.done, max(p.total, 1), html.EscapeString(status))
	return MIMEBundle{textHTML: htm, textPlain: strings.TrimSpace(text)}
}
