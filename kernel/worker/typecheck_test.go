package worker

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// TestTypeCheckOnlyOnCompileErrors runs cells through an in-process
// worker: cells that compile, even those that fail at run time, never
// start the type checker; a cell yaegi refuses gets all its type errors.
func TestTypeCheckOnlyOnCompileErrors(t *testing.T) {
	w, err := newWorker(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	run := func(code string) *wp.Error {
		n++
		return w.runner.run(context.Background(), wp.Exec{Cell: fmt.Sprintf("cell%d", n), Code: code}, true).Error
	}
	for _, code := range []string{
		"type P struct{ X int }\nfunc (p P) Double() int { return 2 * p.X }",
		"x := P{2}.Double()\nfmt.Println(x)",
		"var m map[string]int\nm[\"a\"] = 1", // panics: a run-time error
		"x + 1",
	} {
		if err := run(code); err != nil && err.Name != "panic" {
			t.Fatalf("cell %q: %s: %s", code, err.Name, err.Value)
		}
	}
	if w.runner.checker != nil {
		t.Fatal("the type checker ran for cells that compile")
	}
	// No package: the first import of one can take longer than the
	// checker's budget on a busy machine, and the check would give up.
	e := run("a := x + \"s\"\nvar b string = P{1}.Double()\nc := []string{x}")
	if e == nil || w.runner.checker == nil {
		t.Fatalf("error %+v; checker ran: %v", e, w.runner.checker != nil)
	}
	tb := strings.Join(e.Traceback, "\n")
	for _, want := range []string{"line 1:6", "line 2:16", "line 3:15"} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
}
