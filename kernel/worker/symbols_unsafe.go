package worker

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
	yaegiunsafe "github.com/traefik/yaegi/stdlib/unsafe"
)

// unsafeSymbols is package unsafe as yaegi's -unsafe mode has it (Sizeof,
// Alignof, Offsetof, Pointer), plus String and StringData; Add and String
// take a length of any integer type, as Go's do. It touches no other
// package: the worker stays restricted (os.Exit ends the cell, not the
// worker). Slice and SliceData are generic builtins a symbol table cannot
// hold; unsafeSliceHint says what to write instead.
func unsafeSymbols() interp.Exports {
	syms := map[string]reflect.Value{}
	for name, v := range yaegiunsafe.Symbols["unsafe/unsafe"] {
		syms[name] = v
	}
	syms["Add"] = reflect.ValueOf(func(p unsafe.Pointer, n any) unsafe.Pointer { return unsafe.Add(p, length("Add", n)) })
	syms["String"] = reflect.ValueOf(func(p *byte, n any) string { return unsafe.String(p, length("String", n)) })
	syms["StringData"] = reflect.ValueOf(func(s string) *byte { return unsafe.StringData(s) })
	return interp.Exports{"unsafe/unsafe": syms}
}

// length is the length argument of an unsafe builtin, of any integer type.
func length(builtin string, n any) int {
	v := reflect.ValueOf(n)
	switch {
	case v.CanInt():
		return int(v.Int())
	case v.CanUint():
		return int(v.Uint())
	}
	panic(fmt.Sprintf("unsafe.%s: the length is %T, not an integer", builtin, n))
}

// unsafeConversions is the hook through which yaegi converts between
// unsafe.Pointer, uintptr and *T; without it those conversions fail.
func unsafeConversions() interp.Exports {
	const hooks = "github.com/traefik/yaegi/yaegi"
	return interp.Exports{hooks: yaegiunsafe.Symbols[hooks]}
}

// unsafeSliceHint explains the unsafe builtins the interpreter lacks.
const unsafeSliceHint = "unsafe.Slice and unsafe.SliceData are generic builtins the interpreter does not have: " +
	"write (*[n]T)(unsafe.Pointer(p))[:n:n] for unsafe.Slice(p, n) and &s[0] for unsafe.SliceData(s), or use a %%native cell."
