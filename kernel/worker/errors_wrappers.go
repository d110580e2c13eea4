package worker

import "reflect"

// yaegi hands a value of a cell's type to native code as an error inside a
// wrapper struct: IValue holds the value, and each other field, named after
// a method with a prefix letter, holds that method as a func. Its own error
// wrapper has only WError. The wrappers below add the methods the errors
// package looks for, and W_gkSelf for the _gkSelf method the cell compiler
// adds (see cellValue); yaegi picks the first one whose method names the
// cell type has all of. yaegi does not compare signatures, so the fields
// are of type any and the methods accept any signature: Unwrap() error and
// Unwrap() []error both become Unwrap() []error (errorsUnwrap tells them
// apart), and an Is or As method with another signature reports no match.

type errSelfUnwrapIsAs struct {
	IValue   any
	WError   func() string
	W_gkSelf any
	WUnwrap  any
	WIs      any
	WAs      any
}

func (w errSelfUnwrapIsAs) Error() string        { return w.WError() }
func (w errSelfUnwrapIsAs) Unwrap() []error      { return callUnwrap(w.WUnwrap) }
func (w errSelfUnwrapIsAs) Is(target error) bool { return callIs(w.WIs, target) }
func (w errSelfUnwrapIsAs) As(target any) bool   { return callAs(w.WAs, target) }

type errSelfUnwrapIs struct {
	IValue   any
	WError   func() string
	W_gkSelf any
	WUnwrap  any
	WIs      any
}

func (w errSelfUnwrapIs) Error() string        { return w.WError() }
func (w errSelfUnwrapIs) Unwrap() []error      { return callUnwrap(w.WUnwrap) }
func (w errSelfUnwrapIs) Is(target error) bool { return callIs(w.WIs, target) }

type errSelfUnwrapAs struct {
	IValue   any
	WError   func() string
	W_gkSelf any
	WUnwrap  any
	WAs      any
}

func (w errSelfUnwrapAs) Error() string      { return w.WError() }
func (w errSelfUnwrapAs) Unwrap() []error    { return callUnwrap(w.WUnwrap) }
func (w errSelfUnwrapAs) As(target any) bool { return callAs(w.WAs, target) }

type errSelfIsAs struct {
	IValue   any
	WError   func() string
	W_gkSelf any
	WIs      any
	WAs      any
}

func (w errSelfIsAs) Error() string        { return w.WError() }
func (w errSelfIsAs) Is(target error) bool { return callIs(w.WIs, target) }
func (w errSelfIsAs) As(target any) bool   { return callAs(w.WAs, target) }

type errUnwrapIsAs struct {
	IValue  any
	WError  func() string
	WUnwrap any
	WIs     any
	WAs     any
}

func (w errUnwrapIsAs) Error() string        { return w.WError() }
func (w errUnwrapIsAs) Unwrap() []error      { return callUnwrap(w.WUnwrap) }
func (w errUnwrapIsAs) Is(target error) bool { return callIs(w.WIs, target) }
func (w errUnwrapIsAs) As(target any) bool   { return callAs(w.WAs, target) }

type errSelfUnwrap struct {
	IValue   any
	WError   func() string
	W_gkSelf any
	WUnwrap  any
}

func (w errSelfUnwrap) Error() string   { return w.WError() }
func (w errSelfUnwrap) Unwrap() []error { return callUnwrap(w.WUnwrap) }

type errSelfIs struct {
	IValue   any
	WError   func() string
	W_gkSelf any
	WIs      any
}

func (w errSelfIs) Error() string        { return w.WError() }
func (w errSelfIs) Is(target error) bool { return callIs(w.WIs, target) }

type errSelfAs struct {
	IValue   any
	WError   func() string
	W_gkSelf any
	WAs      any
}

func (w errSelfAs) Error() string      { return w.WError() }
func (w errSelfAs) As(target any) bool { return callAs(w.WAs, target) }

type errUnwrapIs struct {
	IValue  any
	WError  func() string
	WUnwrap any
	WIs     any
}

func (w errUnwrapIs) Error() string        { return w.WError() }
func (w errUnwrapIs) Unwrap() []error      { return callUnwrap(w.WUnwrap) }
func (w errUnwrapIs) Is(target error) bool { return callIs(w.WIs, target) }

type errUnwrapAs struct {
	IValue  any
	WError  func() string
	WUnwrap any
	WAs     any
}

func (w errUnwrapAs) Error() string      { return w.WError() }
func (w errUnwrapAs) Unwrap() []error    { return callUnwrap(w.WUnwrap) }
func (w errUnwrapAs) As(target any) bool { return callAs(w.WAs, target) }

type errIsAs struct {
	IValue any
	WError func() string
	WIs    any
	WAs    any
}

func (w errIsAs) Error() string        { return w.WError() }
func (w errIsAs) Is(target error) bool { return callIs(w.WIs, target) }
func (w errIsAs) As(target any) bool   { return callAs(w.WAs, target) }

type errSelf struct {
	IValue   any
	WError   func() string
	W_gkSelf any
}

func (w errSelf) Error() string { return w.WError() }

type errUnwrap struct {
	IValue  any
	WError  func() string
	WUnwrap any
}

func (w errUnwrap) Error() string   { return w.WError() }
func (w errUnwrap) Unwrap() []error { return callUnwrap(w.WUnwrap) }

type errIs struct {
	IValue any
	WError func() string
	WIs    any
}

func (w errIs) Error() string        { return w.WError() }
func (w errIs) Is(target error) bool { return callIs(w.WIs, target) }

type errAs struct {
	IValue any
	WError func() string
	WAs    any
}

func (w errAs) Error() string      { return w.WError() }
func (w errAs) As(target any) bool { return callAs(w.WAs, target) }

// errorWrappers are the wrappers above, those with more methods first, as
// yaegi wants them.
var errorWrappers = []reflect.Type{
	reflect.TypeFor[errSelfUnwrapIsAs](),
	reflect.TypeFor[errSelfUnwrapIs](),
	reflect.TypeFor[errSelfUnwrapAs](),
	reflect.TypeFor[errSelfIsAs](),
	reflect.TypeFor[errUnwrapIsAs](),
	reflect.TypeFor[errSelfUnwrap](),
	reflect.TypeFor[errSelfIs](),
	reflect.TypeFor[errSelfAs](),
	reflect.TypeFor[errUnwrapIs](),
	reflect.TypeFor[errUnwrapAs](),
	reflect.TypeFor[errIsAs](),
	reflect.TypeFor[errSelf](),
	reflect.TypeFor[errUnwrap](),
	reflect.TypeFor[errIs](),
	reflect.TypeFor[errAs](),
}

// callUnwrap calls a cell type's Unwrap method, of either form.
func callUnwrap(method any) []error {
	switch f := method.(type) {
	case func() error:
		if err := f(); err != nil {
			return []error{err}
		}
	case func() []error:
		return f()
	}
	return nil
}

// callIs calls a cell type's Is method.
func callIs(method any, target error) bool {
	f, ok := method.(func(error) bool)
	return ok && f(target)
}

// callAs calls a cell type's As method.
func callAs(method any, target any) bool {
	f, ok := method.(func(any) bool)
	return ok && f(target)
}
