package worker

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// syncMarker is written into a capture pipe to learn when everything written
// before it has been forwarded: pipes are FIFO. Writes of up to PIPE_BUF
// bytes are atomic, so the marker is never split by other writers.
var syncMarker = []byte("\x00\x1b[gokernel-sync]\x00")

// capture turns what is written to an OS pipe (the os.Stdout or os.Stderr
// of interpreted code and of the child processes it starts) into stream
// events, never splitting a UTF-8 character.
type capture struct {
	name   string
	w      *os.File // the write end, handed to interpreted code
	r      *os.File
	emit   func(wp.Event)
	synced chan struct{} // one value per marker seen

	// divert, when set, picks complete lines that are kept aside (see
	// takeDiverted) instead of being streamed.
	divert   func(line string) bool
	mu       sync.Mutex
	diverted []string
}

func newCapture(name string, emit func(wp.Event)) (*capture, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("create %s pipe: %w", name, err)
	}
	c := &capture{name: name, w: w, r: r, emit: emit, synced: make(chan struct{}, 16)}
	go c.forward()
	return c, nil
}

// forward reads the pipe until it closes.
func (c *capture) forward() {
	buf := make([]byte, 64<<10)
	var held []byte
	for {
		n, err := c.r.Read(buf)
		data := append(held, buf[:n]...)
		if err == nil {
			data, err = c.gather(data, buf)
		}
		held = c.deliver(data)
		if err != nil {
			if len(held) > 0 {
				c.send(held)
			}
			return
		}
	}
}

// gatherWindow is how long the reader waits for more output before it
// emits what it has: a loop printing line by line then makes one event per
// window instead of one per line. A sync marker is emitted at once.
const (
	gatherWindow = 2 * time.Millisecond
	gatherMax    = 256 << 10
)

// gather reads what more arrives within gatherWindow, up to gatherMax or
// a sync marker. On platforms whose pipes have no deadlines it returns
// data as it is.
func (c *capture) gather(data, buf []byte) ([]byte, error) {
	if bytes.Contains(data, syncMarker) || c.r.SetReadDeadline(time.Now().Add(gatherWindow)) != nil {
		return data, nil
	}
	defer c.r.SetReadDeadline(time.Time{})
	for len(data) < gatherMax {
		n, err := c.r.Read(buf)
		from := max(0, len(data)-len(syncMarker)+1) // a marker may span the reads
		data = append(data, buf[:n]...)
		switch {
		case errors.Is(err, os.ErrDeadlineExceeded):
			return data, nil
		case err != nil:
			return data, err
		case bytes.Contains(data[from:], syncMarker):
			return data, nil
		}
	}
	return data, nil
}

// deliver sends data up to each marker, acknowledges markers, and returns
// the tail that must wait for more bytes: a possible marker prefix or an
// incomplete UTF-8 sequence.
func (c *capture) deliver(data []byte) []byte {
	for {
		i := bytes.Index(data, syncMarker)
		if i < 0 {
			break
		}
		c.send(data[:i])
		data = data[i+len(syncMarker):]
		c.synced <- struct{}{}
	}
	keep := markerPrefixLen(data)
	if keep == 0 {
		keep = incompleteUTF8Len(data)
	}
	c.send(data[:len(data)-keep])
	return append([]byte(nil), data[len(data)-keep:]...)
}

func (c *capture) send(b []byte) {
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	text := string(b)
	if c.divert != nil {
		text = c.keepAside(text)
	}
	if text != "" {
		c.emit(wp.Stream{Name: c.name, Text: text})
	}
}

// keepAside removes the complete lines that c.divert picks from text.
func (c *capture) keepAside(text string) string {
	var rest strings.Builder
	for line := range strings.SplitAfterSeq(text, "\n") {
		if strings.HasSuffix(line, "\n") && c.divert(strings.TrimSuffix(line, "\n")) {
			c.mu.Lock()
			c.diverted = append(c.diverted, strings.TrimSuffix(line, "\n"))
			c.mu.Unlock()
			continue
		}
		rest.WriteString(line)
	}
	return rest.String()
}

// takeDiverted returns and forgets the lines kept aside so far.
func (c *capture) takeDiverted() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	lines := c.diverted
	c.diverted = nil
	return lines
}

// markerPrefixLen is the length of the longest suffix of data that is a
// proper prefix of syncMarker.
func markerPrefixLen(data []byte) int {
	for k := min(len(syncMarker)-1, len(data)); k > 0; k-- {
		if bytes.HasSuffix(data, syncMarker[:k]) {
			return k
		}
	}
	return 0
}

// incompleteUTF8Len is the length of a UTF-8 sequence cut short at the end
// of data (0 if data ends on a character boundary or with invalid bytes).
func incompleteUTF8Len(data []byte) int {
	for k := 1; k <= min(utf8.UTFMax-1, len(data)); k++ {
		b := data[len(data)-k]
		if !utf8.RuneStart(b) {
			continue
		}
		if !utf8.FullRune(data[len(data)-k:]) {
			return k
		}
		return 0
	}
	return 0
}

// syncer flushes several captures: when sync returns, every byte written to
// them before the call has been emitted.
type syncer struct {
	mu       sync.Mutex
	captures []*capture
}

func (s *syncer) sync() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.captures {
		if _, err := c.w.Write(syncMarker); err == nil {
			<-c.synced
		}
	}
}
