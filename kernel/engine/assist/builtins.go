package assist

import "go/token"

// builtinFuncs are Go's predeclared functions and their signatures.
var builtinFuncs = map[string]string{
	"append":  "func(slice []Type, elems ...Type) []Type",
	"cap":     "func(v Type) int",
	"clear":   "func[T ~[]Type | ~map[Type]Type1](t T)",
	"close":   "func(c chan<- Type)",
	"complex": "func(r, i FloatType) ComplexType",
	"copy":    "func(dst, src []Type) int",
	"delete":  "func(m map[Type]Type1, key Type)",
	"imag":    "func(c ComplexType) FloatType",
	"len":     "func(v Type) int",
	"make":    "func(t Type, size ...IntegerType) Type",
	"max":     "func[T cmp.Ordered](x T, y ...T) T",
	"min":     "func[T cmp.Ordered](x T, y ...T) T",
	"new":     "func(Type) *Type",
	"panic":   "func(v any)",
	"print":   "func(args ...Type)",
	"println": "func(args ...Type)",
	"real":    "func(c ComplexType) FloatType",
	"recover": "func() any",
}

// builtinTypes are Go's predeclared types.
var builtinTypes = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
	"error": true, "float32": true, "float64": true, "int": true, "int8": true, "int16": true,
	"int32": true, "int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true,
}

// builtinConsts are Go's predeclared constants and nil.
var builtinConsts = map[string]string{"true": "untyped bool", "false": "untyped bool", "iota": "untyped int", "nil": "untyped nil"}

// isBuiltin reports whether name is predeclared.
func isBuiltin(name string) bool {
	_, fn := builtinFuncs[name]
	_, c := builtinConsts[name]
	return fn || c || builtinTypes[name]
}

// builtinMatches returns completion candidates for the predeclared
// identifiers and the keywords.
func builtinMatches() []Match {
	var out []Match
	for n, sig := range builtinFuncs {
		out = append(out, Match{Text: n, Type: kindFunction, Signature: sig})
	}
	for n := range builtinTypes {
		out = append(out, Match{Text: n, Type: kindType})
	}
	for n, sig := range builtinConsts {
		out = append(out, Match{Text: n, Type: kindConstant, Signature: sig})
	}
	for t := token.BREAK; t <= token.VAR; t++ {
		if t.IsKeyword() {
			out = append(out, Match{Text: t.String(), Type: kindKeyword})
		}
	}
	return out
}
