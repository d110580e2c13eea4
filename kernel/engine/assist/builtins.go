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

// builtinTypes are Go's predeclared types and what each is, as package
// builtin declares them.
var builtinTypes = map[string]string{
	"any": "= interface{}", "bool": "bool", "byte": "= uint8", "comparable": "interface{ comparable }",
	"complex64": "complex64", "complex128": "complex128", "error": "interface{ Error() string }",
	"float32": "float32", "float64": "float64", "int": "int", "int8": "int8", "int16": "int16",
	"int32": "int32", "int64": "int64", "rune": "= int32", "string": "string", "uint": "uint",
	"uint8": "uint8", "uint16": "uint16", "uint32": "uint32", "uint64": "uint64", "uintptr": "uintptr",
}

// builtinConsts are Go's predeclared constants and nil.
var builtinConsts = map[string]string{"true": "untyped bool", "false": "untyped bool", "iota": "untyped int", "nil": "untyped nil"}

// isBuiltin reports whether name is predeclared.
func isBuiltin(name string) bool {
	_, fn := builtinFuncs[name]
	_, c := builtinConsts[name]
	_, t := builtinTypes[name]
	return fn || c || t
}

// builtinMatches returns completion candidates for the predeclared
// identifiers and the keywords.
func builtinMatches() []Match {
	var out []Match
	for n, sig := range builtinFuncs {
		out = append(out, Match{Text: n, Type: kindFunction, Signature: sig})
	}
	for n, def := range builtinTypes {
		out = append(out, Match{Text: n, Type: kindType, Signature: "type " + n + " " + def})
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
