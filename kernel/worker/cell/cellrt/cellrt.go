// Package cellrt is the runtime contract of generated cell code: it names,
// as constants, every function of package _gkrt that the cell compiler
// emits calls of, and installs their values into a yaegi interpreter. The
// worker and the cell compiler's tests both install it, so what the tests
// run is what the product runs.
package cellrt

import (
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/internal/goprint"
	"github.com/gokernel/gokernel/kernel/internal/order"
)

// Package is the name generated code calls the runtime by, and Path its
// import path inside the interpreter.
const (
	Package = "_gkrt"
	Path    = "gokernel/rt"
)

// ImportSource is the import that makes the runtime visible to every cell.
const ImportSource = `import ` + Package + ` "` + Path + `"`

// The runtime functions, as generated code spells them.
const (
	// Show(vals ...any) []any yields the values of a cell's final
	// expression; yaegi wraps its arguments in the interfaces the host
	// registers for ShowFunc, so their methods survive.
	Show = Package + ".Show"
	// GoPanic(v any, where string) reports a panic recovered in a
	// goroutine a cell started.
	GoPanic = Package + ".GoPanic"
	// Stdin is the io.Reader os.Stdin in a cell becomes.
	Stdin = Package + ".Stdin"
	// Defer(f any, args ...any) registers a top-level defer's call, its
	// arguments evaluated already; it runs when the cell ends.
	Defer = Package + ".Defer"
	// DeferFunc(f func()) registers a top-level defer wrapped in a closure.
	DeferFunc = Package + ".DeferFunc"
	// MinWins(x, y any) bool tells min to pick y (order.MinWins).
	MinWins = Package + ".MinWins"
	// MaxWins(x, y any) bool tells max to pick y (order.MaxWins).
	MaxWins = Package + ".MaxWins"
	// Compare(x, y any) int is cmp.Compare for any ordered values.
	Compare = Package + ".Compare"
	// Print(args ...any) is the builtin print: standard error, Go's format.
	Print = Package + ".Print"
	// Println(args ...any) is the builtin println.
	Println = Package + ".Println"
	// MethodPanic(nilReceiver bool, r any) string is the text fmt prints
	// for a method that panicked.
	MethodPanic = Package + ".MethodPanic"
	// NewDeferList() *DeferList is the defer list of one function call
	// whose deferred calls need their operands evaluated at the defer
	// statement.
	NewDeferList = Package + ".NewDeferList"
	// StringRange(s string) []RuneAt is the (offset, rune) steps of a
	// range over s.
	StringRange = Package + ".StringRange"
	// EndCell() is a `return` at a cell's top level: it panics with a
	// value the host takes for the cell's successful end (IsEndCell).
	EndCell = Package + ".EndCell"
	// Recover() any is recover() written directly in a func literal
	// deferred at a cell's top level: the cell's pending panic, which it
	// stops, or nil.
	Recover = Package + ".Recover"
	// RecoverValue(v any) any is Recovered: Go's value for what a cell's
	// recover() returned.
	RecoverValue = Package + ".RecoverValue"
)

// endCell is the type of the value EndCell panics with; no cell can
// make one. Its text is http.ErrAbortHandler's: the one panic yaegi
// v0.16.1 unwinds without printing a "panic: f(...)" line per frame
// (interp/run.go, runCfg), and a return prints nothing.
type endCell struct{}

func (endCell) Error() string { return http.ErrAbortHandler.Error() }

func endCellPanic() { panic(endCell{}) }

// IsEndCell reports whether a cell's panic value is EndCell's: a
// top-level return, the cell's successful end.
func IsEndCell(v any) bool {
	_, ok := v.(endCell)
	return ok
}

// SelfMethod is the method generated code adds to a cell type whose
// Error method has a value receiver: it returns the receiver. yaegi
// exposes it to native code as the field "W" + SelfMethod of its error
// wrapper, where the worker's errors.Is and errors.As find the value.
const SelfMethod = "_gkSelf"

// Host is what the runtime needs from the process running the cells.
type Host struct {
	// GoPanic reports a panic recovered in a goroutine, at where
	// ("cellN.go:L:C").
	GoPanic func(v any, where string)
	// Stdin is what os.Stdin in a cell reads.
	Stdin io.Reader
	// Defer registers the call f(args...) to run when the cell ends.
	Defer func(f any, args ...any)
	// DeferFunc registers f to run when the cell ends.
	DeferFunc func(f func())
	// Stderr is where print and println write.
	Stderr io.Writer
	// Recover returns and stops the cell's panic while its top-level
	// deferred calls run (nil when there is none).
	Recover func() any
}

// ShowFunc is the value installed as Show. A host registers, keyed by it,
// the interfaces yaegi should wrap Show's arguments in (interp.Exports
// key ".", "MapTypes").
var ShowFunc = reflect.ValueOf(func(vals ...any) []any { return vals })

// Exports returns the runtime's symbol table, for interp.Use.
func Exports(h Host) interp.Exports {
	stdin := h.Stdin
	stderr := h.Stderr
	return interp.Exports{Path + "/" + Package: {
		bare(Show):         ShowFunc,
		bare(GoPanic):      reflect.ValueOf(h.GoPanic),
		bare(Stdin):        reflect.ValueOf(&stdin).Elem(),
		bare(Defer):        reflect.ValueOf(h.Defer),
		bare(DeferFunc):    reflect.ValueOf(h.DeferFunc),
		bare(MinWins):      reflect.ValueOf(order.MinWins),
		bare(Compare):      reflect.ValueOf(order.Compare),
		bare(MaxWins):      reflect.ValueOf(order.MaxWins),
		bare(Print):        reflect.ValueOf(func(args ...any) { goprint.Fprint(stderr, args...) }),
		bare(Println):      reflect.ValueOf(func(args ...any) { goprint.Fprintln(stderr, args...) }),
		bare(MethodPanic):  reflect.ValueOf(goprint.MethodPanic),
		bare(NewDeferList): reflect.ValueOf(newDeferList),
		bare(StringRange):  reflect.ValueOf(stringRange),
		bare(EndCell):      reflect.ValueOf(endCellPanic),
		bare(Recover):      reflect.ValueOf(h.Recover),
		bare(RecoverValue): reflect.ValueOf(Recovered),
	}}
}

// Import makes the runtime, installed with interp.Use(Exports(h)), visible
// to the cells evaluated after it.
func Import(i *interp.Interpreter) error {
	if _, err := i.Eval(ImportSource); err != nil {
		return fmt.Errorf("load the cell runtime: %w", err)
	}
	return nil
}

// Install installs the runtime into i and imports it.
func Install(i *interp.Interpreter, h Host) error {
	if err := i.Use(Exports(h)); err != nil {
		return fmt.Errorf("load the cell runtime: %w", err)
	}
	return Import(i)
}

// bare is a runtime function's name inside its package.
func bare(name string) string { return name[len(Package)+1:] }
