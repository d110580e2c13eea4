package engine

import (
	"strings"
	"testing"
)

// A cell that fails to compile changes nothing: variables it declares
// again keep their values, functions their definitions, and its new names
// stay undefined.
func TestFailedCompileRestoresState(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "x := []int{5}\nvar y = 6\nfunc f() int { return 1 }")))
	res, _ := run(t, e, "var x = []int{7}\ny := 8\nfunc f() int { return 2 }\nvar z int = \"s\"")
	if res.Error == nil || !strings.Contains(res.Error.Value, "cannot") {
		t.Fatalf("the cell should fail to compile, got %+v", res.Error)
	}
	res, _ = run(t, e, "fmt.Sprint(x, y, f())")
	if mustOK(t, res); text(res) != `"[5] 6 1"` {
		t.Errorf("after the failed cell: %s, want the earlier values \"[5] 6 1\"", text(res))
	}
	res, _ = run(t, e, "z")
	if res.Error == nil || !strings.Contains(res.Error.Value, "undefined: z") {
		t.Errorf("z declared only by the failed cell: %+v, want undefined", res.Error)
	}
}

// yaegi's Globals panics after a failed cell declared new variables; the
// worker must survive that in the next cells.
func TestFailedCompileThenRedeclare(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "x := 1")))
	for _, code := range []string{"a := 1\nb := a + nope", "var x = 2\nvar c int = \"s\""} {
		if res, _ := run(t, e, code); res.Error == nil || res.Error.Name != "CompileError" {
			t.Fatalf("%q: %+v, want a CompileError", code, res.Error)
		}
	}
	res, _ := run(t, e, "x")
	if mustOK(t, res); text(res) != "1" {
		t.Errorf("x = %s, want 1", text(res))
	}
}
