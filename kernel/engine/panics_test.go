package engine

import (
	"strings"
	"testing"
)

// Panics say what Go says and point at the expression that panicked.
func TestPanicsNameTheExpressionAndValues(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct{ code, value, frame string }{
		{"s := []int{1, 2, 3}\ni := 5\nfmt.Println(s[i])", "runtime error: index out of range [5] with length 3", ".go:3:13"},
		{"str := \"abc\"\nstr[7]", "runtime error: index out of range [7] with length 3", ".go:2:1"},
		{"sl := []int{1, 2}\nhi := 5\nfmt.Println(sl[1:hi])", "runtime error: slice bounds out of range [:5] with capacity 2", ".go:3:13"},
		{"func at(s []int, i int) int {\n\tx := 1\n\treturn s[i] + x\n}\nat([]int{1}, 3)", "runtime error: index out of range", ".go:3:9  main.at"},
		{"func check(ok bool) {\n\tfmt.Println(\"checking\")\n\tif !ok {\n\t\tpanic(\"bad input\")\n\t}\n}\ncheck(false)", "bad input", ".go:4:3  main.check"},
		{"var e error\ne.Error()", "runtime error: invalid memory address or nil pointer dereference", ""},
		{"z := 0\nq := 10\nq / z", "runtime error: integer divide by zero", ".go:3:1"},
	} {
		res, _ := run(t, e, tc.code)
		if res.Error == nil {
			t.Errorf("%q: no error", tc.code)
			continue
		}
		tb := strings.Join(res.Error.Traceback, "\n")
		if res.Error.Value != tc.value || !strings.Contains(tb, tc.frame) {
			t.Errorf("%q:\nvalue %q, want %q\ntraceback:\n%s\nwant a frame with %q", tc.code, res.Error.Value, tc.value, tb, tc.frame)
		}
	}
}

// A loop variable is gone when the panic is reported: the message stays
// without values rather than showing another variable's.
func TestPanicValuesOnlyFromLiveVariables(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "i := 0")))
	res, _ := run(t, e, "s := []int{1}\nfor i := 0; i < 3; i++ {\n\t_ = s[i]\n}")
	if res.Error == nil || res.Error.Value != "runtime error: index out of range" {
		t.Errorf("got %+v, want the message without values", res.Error)
	}
}

// Among several calls of panic, the one whose literal is the panic's text
// is the one that panicked.
func TestPanicAmongSeveral(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, "func check(n int) {\n\tif n < 0 {\n\t\tpanic(\"negative\")\n\t}\n\tif n > 9 {\n\t\tpanic(\"too big\")\n\t}\n}\ncheck(12)")
	if res.Error == nil || !strings.Contains(strings.Join(res.Error.Traceback, "\n"), ".go:6:3  main.check") {
		t.Errorf("got %+v, want the frame at line 6", res.Error)
	}
}
