package worker

import (
	"context"
	"io"
	"testing"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// TestShownValueKeepsItsHTMLMethod checks that the runtime's Show hands
// the worker a cell value with its methods (richValueExports, keyed by
// cellrt.ShowFunc), so a value with an HTML method displays as HTML.
func TestShownValueKeepsItsHTMLMethod(t *testing.T) {
	w, err := newWorker(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	code := "type bold string\nfunc (b bold) HTML() string { return \"<b>\" + string(b) + \"</b>\" }\nbold(\"hi\")"
	done := w.runner.run(context.Background(), wp.Exec{Cell: "cell1", Code: code}, true)
	if done.Error != nil {
		t.Fatalf("error: %s", done.Error.Value)
	}
	if got := done.Data["text/html"]; got != "<b>hi</b>" {
		t.Errorf("text/html = %#v, data %v", got, done.Data)
	}
}
