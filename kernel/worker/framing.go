package worker

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Events travel from the worker to the kernel as JSON lines, except stream
// text, which is framed as "S<name> <length>\n" followed by the raw bytes:
// output can be megabytes, and JSON would escape and unescape all of it.

// appendEvent appends the wire form of e to b.
func appendEvent(b []byte, e Event) ([]byte, error) {
	if e.Ev == "stream" {
		b = fmt.Appendf(b, "S%s %d\n", e.Name, len(e.Text))
		return append(b, e.Text...), nil
	}
	j, err := json.Marshal(e)
	if err != nil {
		return b, err
	}
	return append(append(b, j...), '\n'), nil
}

// ReadEvent reads the next event the worker wrote.
func ReadEvent(r *bufio.Reader) (Event, error) {
	first, err := r.Peek(1)
	if err != nil {
		return Event{}, err
	}
	if first[0] == 'S' {
		return readStream(r)
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return Event{}, err
	}
	var e Event
	if err := json.Unmarshal(line, &e); err != nil {
		return Event{}, fmt.Errorf("bad event %.80q: %w", line, err)
	}
	return e, nil
}

func readStream(r *bufio.Reader) (Event, error) {
	header, err := r.ReadString('\n')
	if err != nil {
		return Event{}, err
	}
	name, size, ok := strings.Cut(strings.TrimSuffix(header[1:], "\n"), " ")
	n, err := strconv.Atoi(size)
	if !ok || err != nil || n < 0 {
		return Event{}, fmt.Errorf("bad stream header %q", header)
	}
	text := make([]byte, n)
	if _, err := io.ReadFull(r, text); err != nil {
		return Event{}, err
	}
	return Event{Ev: "stream", Name: name, Text: string(text)}, nil
}
