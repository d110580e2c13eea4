package cellrt

import (
	"reflect"
	"regexp"
	"runtime"
	"strings"
)

// Recovered is the value Go's recover would return for a panic whose
// value yaegi's Eval gave as v: an interpreted panic(x) comes as the
// reflect.Value of x, and a runtime error yaegi words its own way becomes
// a runtime.Error with Go's text.
func Recovered(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		v = rv.Interface()
	}
	if _, ok := v.(runtime.Error); ok {
		return v
	}
	var msg string
	switch x := v.(type) {
	case error:
		msg = x.Error()
	case string:
		msg = x
	default:
		return v
	}
	if text := GoRuntimeText(msg); text != msg {
		return goRuntimeError(text)
	}
	return v
}

// goRuntimeError is a runtime error yaegi reports in its own words, as
// Go's runtime words it.
type goRuntimeError string

func (e goRuntimeError) Error() string { return string(e) }

// RuntimeError marks goRuntimeError as a runtime.Error.
func (goRuntimeError) RuntimeError() {}

// runtimeMessages maps what yaegi says for Go's runtime errors to what Go
// says.
var runtimeMessages = []struct{ yaegi, goText string }{
	{"reflect: slice index out of range", "runtime error: index out of range"},
	{"reflect: array index out of range", "runtime error: index out of range"},
	{"reflect: string index out of range", "runtime error: index out of range"},
	{"on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: Method on nil interface value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect.Value.Slice: slice index out of bounds", "runtime error: slice bounds out of range"},
	{"reflect.Value.Slice3: slice index out of bounds", "runtime error: slice bounds out of range"},
	{"reflect.MakeSlice: negative len", "runtime error: makeslice: len out of range"},
	{"reflect.MakeSlice: negative cap", "runtime error: makeslice: cap out of range"},
	{"reflect.MakeSlice: len > cap", "runtime error: makeslice: cap out of range"},
	{"reflect.MakeChan: negative buffer size", "makechan: size out of range"},
}

// panicFrameRE matches the line yaegi prints on its Stderr for each
// interpreted frame a panic unwinds ("cell2/_.go:3:1: panic: main.f(...)").
var panicFrameRE = regexp.MustCompile(`^\S+\.go:\d+:\d+: panic: .*\(\.\.\.\)$`)

// IsPanicFrame reports whether line (its newline, if any, aside) is one of
// yaegi's panic frame lines, which a host keeps off the cell's standard
// error: the worker uses them to place the panic.
func IsPanicFrame(line string) bool {
	return panicFrameRE.MatchString(strings.TrimSuffix(line, "\n"))
}

// conversionRE finds a failed type assertion in yaegi's text, which puts
// the position of the assertion before Go's text.
var conversionRE = regexp.MustCompile(`^(?:\S+:)?\d+:\d+: (interface conversion: .*)$`)

// GoRuntimeText rewrites the text of a runtime error yaegi words its own
// way as Go's runtime words it.
func GoRuntimeText(msg string) string {
	for _, m := range runtimeMessages {
		if strings.Contains(msg, m.yaegi) {
			return m.goText
		}
	}
	if m := conversionRE.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return msg
}
