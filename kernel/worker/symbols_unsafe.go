package worker

import (
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
	yaegiunsafe "github.com/traefik/yaegi/stdlib/unsafe"
)

// unsafeSymbols is package unsafe as yaegi's -unsafe mode has it (Sizeof,
// Alignof, Offsetof, Add, Pointer), plus String and StringData with an int
// length. It touches no other package, so os.Exit stays a panic the cell
// reports. Slice and SliceData are generic builtins a symbol table cannot
// hold; unsafeSliceHint says what to write instead.
func unsafeSymbols() interp.Exports {
	syms := map[string]reflect.Value{
		"String":     reflect.ValueOf(func(p *byte, n int) string { return unsafe.String(p, n) }),
		"StringData": reflect.ValueOf(func(s string) *byte { return unsafe.StringData(s) }),
	}
	for name, v := range yaegiunsafe.Symbols["unsafe/unsafe"] {
		syms[name] = v
	}
	return interp.Exports{"unsafe/unsafe": syms}
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
