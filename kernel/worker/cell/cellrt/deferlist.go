package cellrt

import "reflect"

// DeferList is the runtime half of gap deferargs: the deferred calls of
// one function call, their operands evaluated when pushed. Generated code
// gets one from NewDeferList.
type DeferList struct {
	calls []func()
}

// newDeferList returns an empty list (installed as NewDeferList).
func newDeferList() *DeferList { return &DeferList{} }

// Push registers the call f(args...). Arguments are converted to f's
// parameter types: untyped constants reach it with their default types
// (1 as int for a float64 parameter), nil as a nil interface.
func (d *DeferList) Push(f any, args ...any) { d.push(f, args, false) }

// PushSpread registers f(args...) where the last argument is the slice a
// call with ... passes as f's variadic parameter.
func (d *DeferList) PushSpread(f any, args ...any) { d.push(f, args, true) }

// PushBuiltin registers a call of the builtin close, delete, panic, copy
// or recover (which, deferred directly, recovers nothing).
func (d *DeferList) PushBuiltin(name string, args ...any) {
	var call func()
	switch name {
	case "close":
		call = func() { reflect.ValueOf(args[0]).Close() }
	case "delete":
		call = func() {
			m := reflect.ValueOf(args[0])
			m.SetMapIndex(convertDeferArg(args[1], m.Type().Key()), reflect.Value{})
		}
	case "panic":
		call = func() { panic(args[0]) }
	case "copy":
		call = func() { reflect.Copy(reflect.ValueOf(args[0]), reflect.ValueOf(args[1])) }
	default:
		call = func() {}
	}
	d.calls = append(d.calls, call)
}

func (d *DeferList) push(f any, args []any, spread bool) {
	fn := reflect.ValueOf(f)
	if !fn.IsValid() || fn.Kind() == reflect.Func && fn.IsNil() {
		d.calls = append(d.calls, func() { panic(nilFuncError{}) })
		return
	}
	t := fn.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		in[i] = convertDeferArg(a, deferParam(t, i, spread))
	}
	if spread {
		d.calls = append(d.calls, func() { fn.CallSlice(in) })
		return
	}
	d.calls = append(d.calls, func() { fn.Call(in) })
}

// deferParam is the type of the i-th argument of a call of a function of
// type t.
func deferParam(t reflect.Type, i int, spread bool) reflect.Type {
	last := t.NumIn() - 1
	if !t.IsVariadic() || i < last {
		return t.In(min(i, last))
	}
	if spread {
		return t.In(last)
	}
	return t.In(last).Elem()
}

func convertDeferArg(a any, want reflect.Type) reflect.Value {
	if a == nil {
		return reflect.Zero(want)
	}
	v := reflect.ValueOf(a)
	if !v.Type().AssignableTo(want) && v.Type().ConvertibleTo(want) {
		return v.Convert(want)
	}
	return v
}

// nilFuncError is the panic of a deferred call of a nil function, as Go's
// runtime reports it.
type nilFuncError struct{}

func (nilFuncError) Error() string {
	return "runtime error: invalid memory address or nil pointer dereference"
}

// RuntimeError marks nilFuncError as a runtime.Error.
func (nilFuncError) RuntimeError() {}

// Run calls the registered calls, last first. When one panics, the
// others still run, and the panic goes on after them.
func (d *DeferList) Run() { d.runFrom(len(d.calls) - 1) }

func (d *DeferList) runFrom(i int) {
	if i < 0 {
		return
	}
	defer d.runFrom(i - 1)
	d.calls[i]()
}
