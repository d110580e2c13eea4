package worker

import (
	"bufio"
	"bytes"
	"reflect"
	"testing"
)

func TestEventFramingRoundTrip(t *testing.T) {
	events := []Event{
		{Ev: "ready"},
		{Ev: "stream", Name: "stdout", Text: "héllo\n{\"not\": \"json\"}\nS fake header\n"},
		{Ev: "stream", Name: "stderr", Text: ""},
		{Ev: "display", Data: map[string]any{"text/html": "<b>x</b>"}},
		{Ev: "done", ID: 7, Vars: []string{"x"}},
	}
	var b []byte
	for _, e := range events {
		var err error
		if b, err = appendEvent(b, e); err != nil {
			t.Fatal(err)
		}
	}
	r := bufio.NewReader(bytes.NewReader(b))
	for i, want := range events {
		got, err := ReadEvent(r)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("event %d: got %+v, want %+v", i, got, want)
		}
	}
	if _, err := ReadEvent(r); err == nil {
		t.Error("read past the end")
	}
	if _, err := ReadEvent(bufio.NewReader(bytes.NewReader([]byte("Sstdout x\nabc")))); err == nil {
		t.Error("accepted a bad stream header")
	}
}
