package worker

import (
	"bufio"
	"bytes"
	"context"
	"testing"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// TestPrintlnWritesToTheStderrStream checks the worker's half of the cell
// runtime (cellrt.Host): the builtin println reaches the cell's standard
// error stream, in the runtime's format.
func TestPrintlnWritesToTheStderrStream(t *testing.T) {
	var events bytes.Buffer
	w, err := newWorker(&events)
	if err != nil {
		t.Fatal(err)
	}
	// run returns after the captures synced, so events is complete.
	done := w.runner.run(context.Background(), wp.Exec{Cell: "cell1", Code: `println("hi", 1, true)`}, true)
	if done.Error != nil {
		t.Fatalf("error: %s", done.Error.Value)
	}
	streams := map[string]string{}
	r := bufio.NewReader(bytes.NewReader(events.Bytes()))
	for {
		e, err := wp.ReadEvent(r)
		if err != nil {
			break
		}
		if s, ok := e.(wp.Stream); ok {
			streams[s.Name] += s.Text
		}
	}
	if streams["stderr"] != "hi 1 true\n" || streams["stdout"] != "" {
		t.Errorf("streams %q, want stderr %q", streams, "hi 1 true\n")
	}
}
