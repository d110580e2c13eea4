package worker

import (
	"context"
	"fmt"
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/worker/cell"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// saveVars copies the current values of the named package-level
// variables.
func (r *runner) saveVars(names []string) map[string]reflect.Value {
	if len(names) == 0 {
		return nil
	}
	globals := r.globals()
	saved := map[string]reflect.Value{}
	for _, n := range names {
		if v, ok := globals[n]; ok && v.IsValid() {
			c := reflect.New(v.Type()).Elem()
			c.Set(v)
			saved[n] = c
		}
	}
	return saved
}

// undo removes what a cell that failed to compile left in the
// interpreter: yaegi declares a cell's names before it finds the error,
// resetting redeclared variables and leaving redeclared functions without
// a body. Earlier functions are declared again from their committed
// source, saved variables get their values back, and the session makes
// the cell's new names undefined.
func (r *runner) undo(ctx context.Context, plan *cell.Plan, saved map[string]reflect.Value) {
	if src := r.session.Fail(plan); src != "" {
		if _, err := r.i.EvalWithContext(ctx, src); err != nil {
			r.out.emit(wp.Stream{Name: "stderr", Text: fmt.Sprintf(
				"note: could not restore the earlier functions this cell redefines: %s\n", cell.FixPositions(err.Error()))})
		}
	}
	if len(saved) == 0 {
		return
	}
	globals := r.globals()
	for name, old := range saved {
		if v, ok := globals[name]; ok && v.CanSet() && old.Type().AssignableTo(v.Type()) {
			v.Set(old)
		}
	}
}

// globals returns the interpreter's package-level variables. After a
// failed compile yaegi's Globals panics (the cell's new variables have no
// storage yet) until something runs, so it runs a no-op and tries again.
func (r *runner) globals() map[string]reflect.Value {
	if g, ok := tryGlobals(r.i); ok {
		return g
	}
	if _, err := r.i.Eval("0"); err != nil {
		return nil
	}
	g, _ := tryGlobals(r.i)
	return g
}

func tryGlobals(i *interp.Interpreter) (g map[string]reflect.Value, ok bool) {
	defer func() {
		if recover() != nil {
			g, ok = nil, false
		}
	}()
	return i.Globals(), true
}
