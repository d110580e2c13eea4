package worker

import (
	"context"
	"fmt"
	"io"
	"testing"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// runCells runs cells in a fresh in-process worker and returns, for each,
// the text of its result or "error: " and its error value.
func runCells(t *testing.T, cells []string) []string {
	t.Helper()
	w, err := newWorker(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(cells))
	for n, code := range cells {
		name := fmt.Sprintf("cell%d", n+1)
		done := w.runner.run(context.Background(), wp.Exec{Cell: name, Code: code}, true)
		if done.Error != nil {
			got[n] = "error: " + done.Error.Value
			continue
		}
		got[n], _ = done.Data["text/plain"].(string)
	}
	return got
}

// errorScenario is a sequence of cells and the result each must show.
type errorScenario struct {
	name  string
	cells []string
	want  []string
}

func runErrorScenarios(t *testing.T, tests []errorScenario) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCells(t, tt.cells)
			for i := range tt.cells {
				if got[i] != tt.want[i] {
					t.Errorf("cell %d:\n%s\ngot  %s\nwant %s", i+1, tt.cells[i], got[i], tt.want[i])
				}
			}
		})
	}
}

const (
	notFoundType = "type NotFound struct{ Name string }\nfunc (e *NotFound) Error() string { return \"not found: \" + e.Name }"
	badType      = "type Bad struct{ Code int; Msg string }\nfunc (e Bad) Error() string { return fmt.Sprint(\"bad \", e.Code) }"
	wrapType     = "var ErrSentinel = errors.New(\"sentinel\")\ntype Wrap struct{ Op string; Err error }\nfunc (e *Wrap) Error() string { return e.Op + \": \" + e.Err.Error() }\nfunc (e *Wrap) Unwrap() error { return e.Err }"
	multiType    = "type Multi []error\nfunc (m Multi) Error() string { return \"multi\" }\nfunc (m Multi) Unwrap() []error { return m }"
)

func TestErrorsAsWithCellTypes(t *testing.T) {
	runErrorScenarios(t, []errorScenario{
		{"pointer receiver wrapped with %w", []string{
			notFoundType,
			"err := fmt.Errorf(\"load: %w\", &NotFound{\"x\"})\nvar nf *NotFound\nok := errors.As(err, &nf)\nfmt.Sprint(ok, \" \", nf.Name, \" \", err)",
		}, []string{"", `"true x load: not found: x"`}},
		{"value receiver wrapped with %w", []string{
			badType,
			"var b Bad\nok := errors.As(fmt.Errorf(\"w: %w\", Bad{7, \"q\"}), &b)\nfmt.Sprint(ok, \" \", b.Code, \" \", b.Msg)",
		}, []string{"", `"true 7 q"`}},
		{"returned directly, inside a function", []string{
			notFoundType + "\n" + badType,
			"func lookup(name string) error { return &NotFound{name} }\nfunc check(name string) string { var nf *NotFound; ok := errors.As(lookup(name), &nf); return fmt.Sprint(ok, \" \", nf.Name) }\ncheck(\"y\")",
			"func validate() error { return Bad{3, \"v\"} }\nfunc code() string { var b Bad; ok := errors.As(validate(), &b); return fmt.Sprint(ok, \" \", b.Code, b.Msg) }\ncode()",
			"func handle(err error) string { var b Bad; if errors.As(err, &b) { return b.Msg }; return \"none\" }\nhandle(Bad{1, \"param\"}) + \" \" + handle(errors.New(\"plain\"))",
		}, []string{"", `"true y"`, `"true 3v"`, `"param none"`}},
		{"pointer to a value-receiver type", []string{
			badType,
			"var pb *Bad\nvar b Bad\nerr := fmt.Errorf(\"w: %w\", &Bad{4, \"p\"})\nfmt.Sprint(errors.As(err, &b), \" \", errors.As(err, &pb), \" \", pb.Msg)",
		}, []string{"", `"false true p"`}},
		{"through a cell type's Unwrap and errors.Join", []string{
			notFoundType + "\n" + wrapType + "\n" + multiType,
			"var nf *NotFound\nok := errors.As(fmt.Errorf(\"top: %w\", &Wrap{\"read\", &NotFound{\"deep\"}}), &nf)\nfmt.Sprint(ok, \" \", nf.Name)",
			"var nf2 *NotFound\nok := errors.As(errors.Join(errors.New(\"a\"), &NotFound{\"joined\"}), &nf2)\nfmt.Sprint(ok, \" \", nf2.Name)",
			"var nf3 *NotFound\nok := errors.As(Multi{ErrSentinel, &NotFound{\"multi\"}}, &nf3)\nfmt.Sprint(ok, \" \", nf3.Name)",
		}, []string{"", `"true deep"`, `"true joined"`, `"true multi"`}},
		{"a cell type's As method", []string{
			notFoundType + "\ntype Redirect struct{}\nfunc (Redirect) Error() string { return \"redirect\" }\nfunc (Redirect) As(target any) bool { p, ok := target.(**NotFound); if ok { *p = &NotFound{\"via As\"} }; return ok }",
			"var nf *NotFound\nok := errors.As(fmt.Errorf(\"w: %w\", Redirect{}), &nf)\nfmt.Sprint(ok, \" \", nf.Name)",
		}, []string{"", `"true via As"`}},
		{"generic type", []string{
			"type Invalid[T any] struct{ V T }\nfunc (e Invalid[T]) Error() string { return fmt.Sprint(\"invalid \", e.V) }",
			"var inv Invalid[int]\nok := errors.As(fmt.Errorf(\"w: %w\", Invalid[int]{5}), &inv)\nfmt.Sprint(ok, \" \", inv.V)",
		}, []string{"", `"true 5"`}},
		{"no match", []string{
			notFoundType + "\n" + badType,
			"var nf *NotFound\nfmt.Sprint(errors.As(fmt.Errorf(\"w: %w\", Bad{1, \"\"}), &nf), \" \", errors.As(nil, &nf), \" \", nf == nil)",
		}, []string{"", `"false false true"`}},
	})
}

func TestErrorsIsWithCellTypes(t *testing.T) {
	runErrorScenarios(t, []errorScenario{
		{"sentinel through %w and a cell type's Unwrap", []string{
			wrapType,
			"fmt.Sprint(errors.Is(fmt.Errorf(\"x: %w\", ErrSentinel), ErrSentinel), errors.Is(&Wrap{\"r\", ErrSentinel}, ErrSentinel), errors.Is(fmt.Errorf(\"y: %w\", &Wrap{\"r\", ErrSentinel}), ErrSentinel), errors.Is(&Wrap{\"r\", errors.New(\"other\")}, ErrSentinel))",
			"func failing() error { return fmt.Errorf(\"l1: %w\", &Wrap{\"l2\", ErrSentinel}) }\nfunc isSentinel() bool { return errors.Is(failing(), ErrSentinel) }\nisSentinel()",
		}, []string{"", `"true true true false"`, "true"}},
		{"a cell type's Is method", []string{
			wrapType + "\ntype Timeout struct{ after int }\nfunc (Timeout) Error() string { return \"timeout\" }\nfunc (Timeout) Is(target error) bool { return target == ErrSentinel }",
			"fmt.Sprint(errors.Is(Timeout{1}, ErrSentinel), errors.Is(fmt.Errorf(\"%w\", Timeout{2}), ErrSentinel), errors.Is(Timeout{3}, errors.New(\"x\")))",
		}, []string{"", `"true true false"`}},
		{"comparable cell values", []string{
			"type code int\nfunc (c code) Error() string { return fmt.Sprint(\"code \", int(c)) }\ntype Point struct{ X, Y int }\nfunc (p Point) Error() string { return \"point\" }",
			"fmt.Sprint(errors.Is(code(3), code(3)), errors.Is(code(3), code(4)), errors.Is(fmt.Errorf(\"%w\", code(3)), code(3)), errors.Is(fmt.Errorf(\"%w\", Point{1, 2}), Point{1, 2}), errors.Is(Point{1, 2}, Point{2, 1}))",
		}, []string{"", `"true false true true false"`}},
		{"errors.Join and Unwrap() []error", []string{
			wrapType + "\n" + multiType,
			"fmt.Sprint(errors.Is(errors.Join(errors.New(\"z\"), &Wrap{\"j\", ErrSentinel}), ErrSentinel), errors.Is(Multi{errors.New(\"a\"), &Wrap{\"m\", ErrSentinel}}, ErrSentinel), errors.Is(Multi{errors.New(\"a\")}, ErrSentinel))",
		}, []string{"", `"true true false"`}},
		{"nil", []string{
			"var err error\nfmt.Sprint(errors.Is(err, nil), errors.Is(nil, io.EOF), errors.Is(io.EOF, nil))",
		}, []string{`"true false false"`}},
	})
}

func TestErrorsUnwrapWithCellTypes(t *testing.T) {
	runErrorScenarios(t, []errorScenario{
		{"cell types", []string{
			wrapType + "\n" + multiType + "\ntype Loop struct{ err error }\nfunc (l Loop) Error() string { return \"loop\" }\nfunc (l Loop) Unwrap() error { return l.err }",
			"fmt.Sprint(errors.Unwrap(&Wrap{\"a\", ErrSentinel}) == ErrSentinel, errors.Unwrap(Loop{io.EOF}) == io.EOF, errors.Unwrap(errors.Unwrap(Loop{Loop{io.EOF}})) == io.EOF, errors.Unwrap(Multi{io.EOF}) == nil)",
			"func inner() error { return errors.Unwrap(fmt.Errorf(\"w: %w\", &Wrap{\"in\", ErrSentinel})) }\ninner().Error()",
		}, []string{"", `"true true true true"`, `"in: sentinel"`}},
	})
}

func TestErrorsWithNativeErrors(t *testing.T) {
	runErrorScenarios(t, []errorScenario{
		{"os and net errors", []string{
			"_, err := os.Open(\"/nonexistent/file\")\nvar pe *os.PathError\nok := errors.As(err, &pe)\nfmt.Sprint(ok, \" \", pe.Path, \" \", errors.Is(err, fs.ErrNotExist), \" \", errors.Unwrap(err) == pe.Err)",
			"var ne net.Error\nok := errors.As(fmt.Errorf(\"dial: %w\", &net.DNSError{Err: \"no such host\", IsTimeout: true}), &ne)\nfmt.Sprint(ok, \" \", ne.Timeout())",
			"var e error\nok := errors.As(fmt.Errorf(\"w: %w\", io.EOF), &e)\nfmt.Sprint(ok, \" \", e)",
		}, []string{`"true /nonexistent/file true true"`, `"true true"`, `"true w: EOF"`}},
		{"an interface type declared in a cell as target", []string{
			"var tmp interface{ Timeout() bool }\nerrors.As(io.EOF, &tmp)",
		}, []string{"error: errors.As: the interpreter cannot set a variable of an interface type declared in a cell; use a concrete type, error, or an interface type of a package"}},
	})
}

// yaegi gives two cell types with the same underlying type one reflect
// type, and its own type assertions cannot tell them apart either:
// errors.As and errors.Is cannot.
func TestErrorsConflateCellTypesOfOneUnderlyingType(t *testing.T) {
	runErrorScenarios(t, []errorScenario{
		{"structs and ints", []string{
			"type A struct{ Name string }\nfunc (e *A) Error() string { return \"A\" }\ntype B struct{ Name string }\nfunc (e *B) Error() string { return \"B\" }\ntype c1 int\nfunc (c c1) Error() string { return \"c1\" }\ntype c2 int\nfunc (c c2) Error() string { return \"c2\" }",
			"var b *B\nok := errors.As(&A{\"a\"}, &b)\nfmt.Sprint(ok, \" \", b.Name, \" \", errors.Is(c1(1), c2(1)))",
		}, []string{"", `"true a true"`}},
	})
}
