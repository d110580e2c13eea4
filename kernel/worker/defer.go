package worker

import (
	"reflect"
	"sync"
)

// deferList holds the calls a cell's top-level defer statements registered;
// they run when the cell ends, last first, as main's would in a program.
// While they run after the cell panicked, the panic is pending: a
// recover() of a deferred func literal (cellrt.Recover) returns it and
// stops it.
type deferList struct {
	mu        sync.Mutex
	calls     []func()
	pending   any  // the cell's panic, as recover returns it
	panicking bool // pending is not recovered yet
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

// run calls and forgets the registered calls, last first, with the
// cell's panic, if it panicked, pending; a panic in one is reported and
// the others still run. It reports whether a call recovered the cell's
// panic.
func (d *deferList) run(p cellPanic, report func(v any)) bool {
	d.mu.Lock()
	calls := d.calls
	d.calls = nil
	d.pending, d.panicking = p.value, p.panicking
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
	return d.settle(p)
}

// settle forgets the pending panic and reports whether a call recovered
// it.
func (d *deferList) settle(p cellPanic) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	recovered := p.panicking && !d.panicking
	d.pending, d.panicking = nil, false
	return recovered
}

// recover is recover() in a deferred func literal: the pending panic,
// now stopped, or nil.
func (d *deferList) recover() any {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.panicking {
		return nil
	}
	d.panicking = false
	return d.pending
}

// cellPanic is how a cell's statements ended: panicking with value, or
// not.
type cellPanic struct {
	value     any
	panicking bool
}

// discard forgets the registered calls without running them.
func (d *deferList) discard() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = nil
}
