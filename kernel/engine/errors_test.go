package engine

import "testing"

// errors.Is, errors.As and errors.Unwrap see the error types cells declare
// (kernel/worker/errors.go), at top level and in functions.
func TestErrorsWithCellTypes(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, `type NotFound struct{ Name string }
func (e *NotFound) Error() string { return "not found: " + e.Name }
type Invalid struct{ Field string; Err error }
func (e Invalid) Error() string { return e.Field + ": " + e.Err.Error() }
func (e Invalid) Unwrap() error { return e.Err }
var ErrEmpty = errors.New("empty")`)))
	for _, c := range []struct{ code, out string }{
		{"err := fmt.Errorf(\"load: %w\", &NotFound{\"x\"})\nvar nf *NotFound\nfmt.Println(errors.As(err, &nf), nf.Name)", "true x\n"},
		{"func validate() error { return fmt.Errorf(\"form: %w\", Invalid{\"name\", ErrEmpty}) }\nfunc field() string { var inv Invalid; if errors.As(validate(), &inv) { return inv.Field }; return \"\" }\nfmt.Println(field(), errors.Is(validate(), ErrEmpty), errors.Unwrap(Invalid{\"f\", ErrEmpty}) == ErrEmpty)", "name true true\n"},
		{"_, err := os.Open(\"/nonexistent\")\nvar pe *fs.PathError\nfmt.Println(errors.As(err, &pe), errors.Is(err, fs.ErrNotExist))", "true true\n"},
	} {
		res, s := run(t, e, c.code)
		mustOK(t, res)
		if s.out() != c.out {
			t.Errorf("%s\nprinted %q, want %q", c.code, s.out(), c.out)
		}
	}
}

func TestValueErrorInErrorVariable(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, "type Bad struct{ N int; S string }\nfunc (b Bad) Error() string { return fmt.Sprint(\"bad \", b.N) }\nvar err error = Bad{5, \"q\"}\nvar b Bad\nfmt.Println(err, errors.As(err, &b), b.N)")
	mustOK(t, res)
	if s.out() != "bad 5 true 5\n" {
		t.Errorf("output %q, want %q", s.out(), "bad 5 true 5\n")
	}
}
