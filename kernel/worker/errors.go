package worker

import (
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// Cells get their own errors.Is, errors.As and errors.Unwrap, so that the
// error types cells declare work with them as in `go run`. In reflect, a
// value of a cell's type has the underlying type only (a *NotFound is a
// *struct { Name string }), without methods, and it reaches native code as
// an error inside one of yaegi's wrappers (see errors_wrappers.go). The
// functions below look inside the wrappers: errors.Is compares the values
// they hold, errors.As matches and sets a target of a cell's type, and
// errors.Unwrap calls a cell type's Unwrap method.
//
// Matching goes by reflect type, so two cell types with the same
// underlying type are one type here (as for yaegi's own type assertions):
// errors.As into a *B finds a *A when A and B are both struct{ Name string
// }, and errors.Is finds code(3) equal to another int-based error type's 3.

// errorExports replaces Is, As and Unwrap of the errors package, and tells
// yaegi to wrap the values of cell types in the wrappers of
// errors_wrappers.go wherever it wraps them as error. It also has the
// arguments of fmt.Errorf and errors.Join wrapped as error when their type
// has an Error method: yaegi would pass fmt.Errorf a bare value without
// methods (so %w would not find an error), and errors.Join fails on a
// value of a cell type that is not in an error variable.
func errorExports() interp.Exports {
	errorType := reflect.TypeFor[error]()
	wrap := map[reflect.Value][]reflect.Type{
		reflect.ValueOf(fmt.Errorf): {errorType,
			reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[fmt.Stringer]()},
		reflect.ValueOf(errors.Join): {errorType},
	}
	// Without yaegi's error wrapper type (another yaegi version), cells
	// still run: their error types' Unwrap, Is and As methods are then
	// seen only by interpreted code.
	if t, err := yaegiErrorWrapper(); err == nil {
		wrap[reflect.Zero(reflect.PointerTo(t))] = errorWrappers
	}
	return interp.Exports{
		"errors/errors": {
			"Is":     reflect.ValueOf(errorsIs),
			"As":     reflect.ValueOf(errorsAs),
			"Unwrap": reflect.ValueOf(errorsUnwrap),
		},
		".": {"MapTypes": reflect.ValueOf(wrap)},
	}
}

// yaegiErrorWrapper finds yaegi's error wrapper type: a throwaway
// interpreter hands a value of an interpreted error type to a native
// function, which records the type it receives.
var yaegiErrorWrapper = sync.OnceValues(func() (reflect.Type, error) {
	var t reflect.Type
	i := interp.New(interp.Options{})
	keep := func(err error) { t = reflect.TypeOf(err) }
	if err := i.Use(interp.Exports{"probe/probe": {"Keep": reflect.ValueOf(keep)}}); err != nil {
		return nil, err
	}
	const src = `package main
import "probe"
type e struct{}
func (e) Error() string { return "" }
func main() { probe.Keep(e{}) }`
	if _, err := i.Eval(src); err != nil {
		return nil, err
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("an interpreted error arrived as %v", t)
	}
	return t, nil
})

// errorsIs is errors.Is for cells: it compares the values inside yaegi's
// wrappers.
func errorsIs(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	key := errorIdentity(target)
	return isIn(err, target, key, reflect.TypeOf(key).Comparable())
}

// isIn reports whether err, or an error it wraps, is target.
func isIn(err, target error, key any, comparable bool) bool {
	if comparable && errorIdentity(err) == key {
		return true
	}
	if x, ok := err.(interface{ Is(error) bool }); ok && x.Is(target) {
		return true
	}
	for _, e := range wrappedErrors(err) {
		if e != nil && isIn(e, target, key, comparable) {
			return true
		}
	}
	return false
}

// errorsAs is errors.As for cells: a target of a cell's type matches the
// value inside a wrapper of that type. It accepts a target of any type,
// as the reflect type of a cell's error type does not implement error.
func errorsAs(err error, target any) bool {
	if err == nil {
		return false
	}
	val := reflect.ValueOf(target)
	if target == nil || val.Kind() != reflect.Pointer || val.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	if isCellInterface(val.Type().Elem()) {
		panic("errors.As: the interpreter cannot set a variable of an interface type declared in a cell; " +
			"use a concrete type, error, or an interface type of a package")
	}
	return asIn(err, target, val.Elem())
}

// asIn sets dst to the first error in err's tree that has dst's type.
func asIn(err error, target any, dst reflect.Value) bool {
	if v, ok := errorAs(err, dst.Type()); ok {
		dst.Set(v)
		return true
	}
	if x, ok := err.(interface{ As(any) bool }); ok && x.As(target) {
		return true
	}
	for _, e := range wrappedErrors(err) {
		if e != nil && asIn(e, target, dst) {
			return true
		}
	}
	return false
}

// errorAs returns err as a value of type t, if it is one: the value of a
// cell's type inside a wrapper, or err itself.
func errorAs(err error, t reflect.Type) (reflect.Value, bool) {
	if v, ok := cellValue(err); ok && t.Kind() != reflect.Interface {
		return v, v.Type().AssignableTo(t)
	}
	v := reflect.ValueOf(err)
	return v, v.Type().AssignableTo(t)
}

// errorsUnwrap is errors.Unwrap for cells: it calls the Unwrap() error
// method of a cell's type too.
func errorsUnwrap(err error) error {
	if u, ok := err.(interface{ Unwrap() error }); ok {
		return u.Unwrap()
	}
	if f, ok := wrapperField(err, "WUnwrap").(func() error); ok {
		return f()
	}
	return nil
}

// wrappedErrors returns the errors err wraps, through either form of
// Unwrap.
func wrappedErrors(err error) []error {
	switch x := err.(type) {
	case interface{ Unwrap() error }:
		return []error{x.Unwrap()}
	case interface{ Unwrap() []error }:
		return x.Unwrap()
	}
	return nil
}

// errorIdentity is what == compares for err: the value of a cell's type
// inside a wrapper, or err itself.
func errorIdentity(err error) any {
	if v, ok := cellValue(err); ok {
		return v.Interface()
	}
	return err
}

// cellValue returns the value of a cell's type inside one of yaegi's
// wrappers. For a struct value yaegi keeps the struct's last field in
// IValue, so the value comes from the type's _gkSelf method (which the cell
// compiler adds to types with an Error method on a value receiver), unless
// IValue is a pointer to it (a *T whose T has that method).
func cellValue(err error) (reflect.Value, bool) {
	v := reflect.ValueOf(err)
	if !isWrapper(v) {
		return reflect.Value{}, false
	}
	inner := v.Field(0).Elem()
	if self, ok := wrapperField(err, "W_gkSelf").(func() any); ok {
		s := reflect.ValueOf(self())
		if !inner.IsValid() || inner.Type() != reflect.PointerTo(s.Type()) {
			return s, true
		}
	}
	return inner, inner.IsValid()
}

// wrapperField returns a field of one of yaegi's wrappers, nil if err is
// none or has no such field.
func wrapperField(err error, name string) any {
	v := reflect.ValueOf(err)
	if !isWrapper(v) {
		return nil
	}
	f := v.FieldByName(name)
	if !f.IsValid() {
		return nil
	}
	return f.Interface()
}

// isWrapper reports whether v is one of yaegi's interface wrappers: a
// struct whose first field is IValue.
func isWrapper(v reflect.Value) bool {
	return v.Kind() == reflect.Struct && v.NumField() > 0 && v.Type().Field(0).Name == "IValue"
}

// isCellInterface reports whether t is how yaegi represents a variable of
// an interface type declared in interpreted code.
func isCellInterface(t reflect.Type) bool {
	return t.PkgPath() == reflect.TypeFor[interp.Panic]().PkgPath() && t.Name() == "valueInterface"
}
