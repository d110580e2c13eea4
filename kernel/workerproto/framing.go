package workerproto

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// commandHead and eventHead are the fields every command and event line
// starts with; the payload's fields follow in the same JSON object.
type (
	commandHead struct {
		Op Op  `json:"op"`
		ID int `json:"id,omitempty"`
	}
	eventHead struct {
		Kind Kind `json:"ev"`
	}
)

// AppendCommand appends the wire form of c, one JSON line, to b.
func AppendCommand(b []byte, c Command) ([]byte, error) {
	return appendObject(b, commandHead{Op: c.Request.Op(), ID: c.ID}, c.Request)
}

// DecodeCommand decodes one command line (with or without its newline).
func DecodeCommand(line []byte) (Command, error) {
	var head commandHead
	if err := json.Unmarshal(line, &head); err != nil {
		return Command{}, fmt.Errorf("bad command %.80q: %w", line, err)
	}
	decode, ok := requests[head.Op]
	if !ok {
		return Command{}, fmt.Errorf("unknown command %q", head.Op)
	}
	req, err := decode(line)
	if err != nil {
		return Command{}, fmt.Errorf("bad %s command: %w", head.Op, err)
	}
	return Command{ID: head.ID, Request: req}, nil
}

// AppendEvent appends the wire form of e to b.
func AppendEvent(b []byte, e Event) ([]byte, error) {
	if s, ok := e.(Stream); ok {
		b = fmt.Appendf(b, "S%s %d\n", s.Name, len(s.Text))
		return append(b, s.Text...), nil
	}
	return appendObject(b, eventHead{Kind: e.Kind()}, e)
}

// ReadEvent reads the next event the worker wrote.
func ReadEvent(r *bufio.Reader) (Event, error) {
	first, err := r.Peek(1)
	if err != nil {
		return nil, err
	}
	if first[0] == 'S' {
		return readStream(r)
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return nil, err
	}
	var head eventHead
	if err := json.Unmarshal(line, &head); err != nil {
		return nil, fmt.Errorf("bad event %.80q: %w", line, err)
	}
	decode, ok := events[head.Kind]
	if !ok {
		return nil, fmt.Errorf("unknown event %q", head.Kind)
	}
	return decode(line)
}

func readStream(r *bufio.Reader) (Event, error) {
	header, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	name, size, ok := strings.Cut(strings.TrimSuffix(header[1:], "\n"), " ")
	n, err := strconv.Atoi(size)
	if !ok || err != nil || n < 0 {
		return nil, fmt.Errorf("bad stream header %q", header)
	}
	text := make([]byte, n)
	if _, err := io.ReadFull(r, text); err != nil {
		return nil, err
	}
	return Stream{Name: name, Text: string(text)}, nil
}

// appendObject appends one JSON line: head's fields, then payload's.
func appendObject(b []byte, head, payload any) ([]byte, error) {
	h, err := json.Marshal(head)
	if err != nil {
		return b, err
	}
	p, err := json.Marshal(payload)
	if err != nil {
		return b, err
	}
	b = append(b, h[:len(h)-1]...) // without its closing brace
	if len(p) > len("{}") {
		b = append(append(b, ','), p[1:]...)
	} else {
		b = append(b, '}')
	}
	return append(b, '\n'), nil
}

// decode unmarshals a payload of type T from a whole line, whose head
// fields T does not have and ignores.
func decode[I any, T any](line []byte) (I, error) {
	var v T
	err := json.Unmarshal(line, &v)
	return any(v).(I), err
}
