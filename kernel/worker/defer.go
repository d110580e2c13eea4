package worker

import (
	"reflect"
	"sync"
)

// deferList holds the calls a cell's top-level defer statements registered;
// they run when the cell ends, last first, as main's would in a program.
type deferList struct {
	mu    sync.Mutex
	calls []func()
}

func (d *deferList) addFunc(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, f)
}

// add registers the call f(args...), its arguments evaluated already.
// Arguments are converted to f's parameter types: untyped constants reach
// it with their default types (1 as int for a float64 parameter).
func (d *deferList) add(f any, args ...any) {
	fn := reflect.ValueOf(f)
	in := make([]reflect.Value, len(args))
	t := fn.Type()
	for i, a := range args {
		want := t.In(min(i, t.NumIn()-1))
		if t.IsVariadic() && i >= t.NumIn()-1 {
			want = want.Elem()
		}
		in[i] = convertArg(a, want)
	}
	d.addFunc(func() { fn.Call(in) })
}

func convertArg(a any, want reflect.Type) reflect.Value {
	if a == nil {
		return reflect.Zero(want)
	}
	v := reflect.ValueOf(a)
	if v.Type() != want && !v.Type().AssignableTo(want) && v.Type().ConvertibleTo(want) {
		return v.Convert(want)
	}
	return v
}

// run calls and forgets the registered calls, last first; a panic in one
// is reported and the others still run.
func (d *deferList) run(report func(v any)) {
	d.mu.Lock()
	calls := d.calls
	d.calls = nil
	d.mu.Unlock()
	for i := len(calls) - 1; i >= 0; i-- {
		func() {
			defer func() {
				if v := recover(); v != nil {
					report(v)
				}
			}()
			calls[i]()
		}()
	}
}

// discard forgets the registered calls without running them.
func (d *deferList) discard() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = nil
}
