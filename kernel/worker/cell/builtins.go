package cell

import (
	"go/ast"
	"go/token"
	"sort"
)

// The stand-ins for slices functions over ordered elements take any
// element type and compare natively with _gkrt.Compare (cmp.Compare's
// order, NaNs first): yaegi cannot check an ordered constraint against a
// compiled named type such as time.Duration.

// helperSources are interpreted stand-ins for the Go 1.21 builtins that
// yaegi v0.16.1 lacks. min and max take any type and compare natively
// (_gkrt.MinWins/MaxWins): yaegi cannot check a union constraint against a
// compiled named type such as time.Duration. A NaN argument makes min and
// max NaN, as in Go.
var helperSources = map[string]string{
	"_gkMin":   "func _gkMin[T any](x T, ys ...T) T { for _, y := range ys { if _gkrt.MinWins(x, y) { x = y } }; return x }",
	"_gkMax":   "func _gkMax[T any](x T, ys ...T) T { for _, y := range ys { if _gkrt.MaxWins(x, y) { x = y } }; return x }",
	"_gkClear": "func _gkClear(x any) { _gkreflect.ValueOf(x).Clear() }",

	// slices functions missing from yaegi's generic standard library.
	"_gkSort":           "func _gkSort[E any](x []E) { _gksort.Slice(x, func(i, j int) bool { return _gkrt.Compare(x[i], x[j]) < 0 }) }",
	"_gkSortFunc":       "func _gkSortFunc[E any](x []E, cmp func(a, b E) int) { _gksort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }) }",
	"_gkSortStableFunc": "func _gkSortStableFunc[E any](x []E, cmp func(a, b E) int) { _gksort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }) }",
	"_gkIsSorted":       "func _gkIsSorted[E any](x []E) bool { for i := 1; i < len(x); i++ { if _gkrt.Compare(x[i], x[i-1]) < 0 { return false } }; return true }",
	"_gkSlicesMax":      "func _gkSlicesMax[E any](x []E) E { if len(x) == 0 { panic(\"slices.Max: empty list\") }; m := x[0]; for _, v := range x[1:] { if _gkrt.MaxWins(m, v) { m = v } }; return m }",
	"_gkSlicesMin":      "func _gkSlicesMin[E any](x []E) E { if len(x) == 0 { panic(\"slices.Min: empty list\") }; m := x[0]; for _, v := range x[1:] { if _gkrt.MinWins(m, v) { m = v } }; return m }",
	"_gkReverse":        "func _gkReverse[E any](x []E) { for i, j := 0, len(x)-1; i < j; i, j = i+1, j-1 { x[i], x[j] = x[j], x[i] } }",
	"_gkSlicesEqual":    "func _gkSlicesEqual[E comparable](a, b []E) bool { if len(a) != len(b) { return false }; for i := range a { if a[i] != b[i] { return false } }; return true }",
	"_gkMapsEqual":      "func _gkMapsEqual[K, V comparable](a, b map[K]V) bool { if len(a) != len(b) { return false }; for k, v := range a { if w, ok := b[k]; !ok || w != v { return false } }; return true }",
	"_gkBinarySearch":   "func _gkBinarySearch[E any](x []E, target E) (int, bool) { i := _gksort.Search(len(x), func(i int) bool { return _gkrt.Compare(x[i], target) >= 0 }); return i, i < len(x) && _gkrt.Compare(x[i], target) == 0 }",

	// slices and maps functions yaegi's generic library fails to
	// instantiate ("invalid type in assignment"). Like Go's, Delete,
	// DeleteFunc, Compact, CompactFunc and Replace zero the elements they
	// drop from the end of the slice.
	"_gkSlicesDelete":      "func _gkSlicesDelete[E any](s []E, i, j int) []E { _ = s[i:j:len(s)]; if i == j { return s }; n := len(s); s = append(s[:i], s[j:]...); _gkZeroTail(s, n); return s }",
	"_gkSlicesDeleteFunc":  "func _gkSlicesDeleteFunc[E any](s []E, del func(E) bool) []E { n := len(s); out := s[:0]; for _, v := range s { if !del(v) { out = append(out, v) } }; _gkZeroTail(out, n); return out }",
	"_gkSlicesCompact":     "func _gkSlicesCompact[E comparable](s []E) []E { if len(s) < 2 { return s }; n := len(s); out := s[:1]; for _, v := range s[1:] { if v != out[len(out)-1] { out = append(out, v) } }; _gkZeroTail(out, n); return out }",
	"_gkSlicesCompactFunc": "func _gkSlicesCompactFunc[E any](s []E, eq func(a, b E) bool) []E { if len(s) < 2 { return s }; n := len(s); out := s[:1]; for _, v := range s[1:] { if !eq(out[len(out)-1], v) { out = append(out, v) } }; _gkZeroTail(out, n); return out }",
	"_gkSlicesConcat":      "func _gkSlicesConcat[E any](ss ...[]E) []E { n := 0; for _, s := range ss { n += len(s) }; out := make([]E, 0, n); for _, s := range ss { out = append(out, s...) }; return out }",
	"_gkSlicesReplace":     "func _gkSlicesReplace[E any](s []E, i, j int, v ...E) []E { _ = s[i:j]; n := len(s); tail := append([]E(nil), s[j:]...); out := append(append(s[:i], v...), tail...); _gkZeroTail(out, n); return out }",
	"_gkZeroTail":          "func _gkZeroTail[E any](s []E, n int) { var zero E; for k := len(s); k < n; k++ { s[:n][k] = zero } }",
	"_gkMapsClone":         "func _gkMapsClone[K comparable, V any](m map[K]V) map[K]V { if m == nil { return nil }; out := make(map[K]V, len(m)); for k, v := range m { out[k] = v }; return out }",

	// Functions newer than yaegi's standard library (Go 1.21-1.24).
	"_gkSlicesRepeat":         "func _gkSlicesRepeat[E any](x []E, count int) []E { if count < 0 { panic(\"cannot be negative\") }; out := make([]E, 0, len(x)*count); for i := 0; i < count; i++ { out = append(out, x...) }; return out }",
	"_gkSlicesChunk":          "func _gkSlicesChunk[E any](s []E, n int) func(yield func([]E) bool) { if n < 1 { panic(\"cannot be less than 1\") }; return func(yield func([]E) bool) { for i := 0; i < len(s); i += n { end := i + n; if end > len(s) { end = len(s) }; if !yield(s[i:end:end]) { return } } } }",
	"_gkStringsSeq":           "func _gkStringsSeq(parts []string) func(yield func(string) bool) { return func(yield func(string) bool) { for _, p := range parts { if !yield(p) { return } } } }",
	"_gkStringsLines":         "func _gkStringsLines(s string) func(yield func(string) bool) { parts := _gkstrings.SplitAfter(s, \"\\n\"); if parts[len(parts)-1] == \"\" { parts = parts[:len(parts)-1] }; return _gkStringsSeq(parts) }",
	"_gkStringsSplitSeq":      "func _gkStringsSplitSeq(s, sep string) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.Split(s, sep)) }",
	"_gkStringsSplitAfterSeq": "func _gkStringsSplitAfterSeq(s, sep string) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.SplitAfter(s, sep)) }",
	"_gkStringsFieldsSeq":     "func _gkStringsFieldsSeq(s string) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.Fields(s)) }",
	"_gkStringsFieldsFuncSeq": "func _gkStringsFieldsFuncSeq(s string, f func(rune) bool) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.FieldsFunc(s, f)) }",
	"_gkOnceFunc":             "func _gkOnceFunc(f func()) func() { var once _gksync.Once; var p any; failed := false; return func() { once.Do(func() { defer func() { if r := recover(); r != nil { p, failed = r, true; panic(r) } }(); f() }); if failed { panic(p) } } }",
	"_gkOnceValue":            "func _gkOnceValue[T any](f func() T) func() T { var once _gksync.Once; var v T; var p any; failed := false; return func() T { once.Do(func() { defer func() { if r := recover(); r != nil { p, failed = r, true; panic(r) } }(); v = f() }); if failed { panic(p) }; return v } }",
	"_gkOnceValues":           "func _gkOnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) { var once _gksync.Once; var v1 T1; var v2 T2; var p any; failed := false; return func() (T1, T2) { once.Do(func() { defer func() { if r := recover(); r != nil { p, failed = r, true; panic(r) } }(); v1, v2 = f() }); if failed { panic(p) }; return v1, v2 } }",

	// Stores a value in an error variable the way yaegi gets right
	// (aserror.go).
	"_gkAsError": "func _gkAsError(e error) error { return e }",

	// The text fmt prints for an error (errtext.go), "<nil>" when Error
	// panics on a nil receiver, as fmt does.
	"_gkErrText": "func _gkErrText(e error) (s string) { defer func() { if r := recover(); r != nil { v := _gkreflect.ValueOf(e); s = _gkrt.MethodPanic(!v.IsValid() || v.Kind() == _gkreflect.Pointer && v.IsNil(), r) } }(); return e.Error() }",

	// Go 1.23 iterator functions of slices and maps.
	"_gkSlicesAll":      "func _gkSlicesAll[E any](s []E) func(yield func(int, E) bool) { return func(yield func(int, E) bool) { for i, v := range s { if !yield(i, v) { return } } } }",
	"_gkSlicesValues":   "func _gkSlicesValues[E any](s []E) func(yield func(E) bool) { return func(yield func(E) bool) { for _, v := range s { if !yield(v) { return } } } }",
	"_gkSlicesBackward": "func _gkSlicesBackward[E any](s []E) func(yield func(int, E) bool) { return func(yield func(int, E) bool) { for i := len(s) - 1; i >= 0; i-- { if !yield(i, s[i]) { return } } } }",
	"_gkAppendSeq":      "func _gkAppendSeq[E any](s []E, seq func(yield func(E) bool)) []E { seq(func(v E) bool { s = append(s, v); return true }); return s }",
	"_gkSlicesCollect":  "func _gkSlicesCollect[E any](seq func(yield func(E) bool)) []E { var s []E; seq(func(v E) bool { s = append(s, v); return true }); return s }",
	"_gkSlicesSorted":   "func _gkSlicesSorted[E any](seq func(yield func(E) bool)) []E { var x []E; seq(func(v E) bool { x = append(x, v); return true }); _gksort.Slice(x, func(i, j int) bool { return _gkrt.Compare(x[i], x[j]) < 0 }); return x }",
	"_gkSortedFunc":     "func _gkSortedFunc[E any](seq func(yield func(E) bool), cmp func(a, b E) int) []E { var x []E; seq(func(v E) bool { x = append(x, v); return true }); _gksort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }); return x }",
	"_gkMapsKeys":       "func _gkMapsKeys[K comparable, V any](m map[K]V) func(yield func(K) bool) { return func(yield func(K) bool) { for k := range m { if !yield(k) { return } } } }",
	"_gkMapsValues":     "func _gkMapsValues[K comparable, V any](m map[K]V) func(yield func(V) bool) { return func(yield func(V) bool) { for _, v := range m { if !yield(v) { return } } } }",
	"_gkMapsAll":        "func _gkMapsAll[K comparable, V any](m map[K]V) func(yield func(K, V) bool) { return func(yield func(K, V) bool) { for k, v := range m { if !yield(k, v) { return } } } }",
	"_gkMapsCollect":    "func _gkMapsCollect[K comparable, V any](seq func(yield func(K, V) bool)) map[K]V { m := map[K]V{}; seq(func(k K, v V) bool { m[k] = v; return true }); return m }",
	"_gkMapsInsert":     "func _gkMapsInsert[K comparable, V any](m map[K]V, seq func(yield func(K, V) bool)) { seq(func(k K, v V) bool { m[k] = v; return true }) }",

	// Range over functions (rangefunc.go): the iteration variables' values
	// pass through *V, and a yield after the body returned false panics.
	"_gkSeq0Run": "func _gkSeq0Run(seq func(yield func() bool), body func() bool) { done := false; seq(func() bool { if done { panic(" + rangeDone + ") }; done = !body(); return !done }) }",
	"_gkSeqVar":  "func _gkSeqVar[V any](seq func(yield func(V) bool)) *V { return new(V) }",
	"_gkSeqRun":  "func _gkSeqRun[V any](seq func(yield func(V) bool), p *V, body func() bool) { done := false; seq(func(v V) bool { if done { panic(" + rangeDone + ") }; *p = v; done = !body(); return !done }) }",
	"_gkSeq2Key": "func _gkSeq2Key[K, V any](seq func(yield func(K, V) bool)) *K { return new(K) }",
	"_gkSeq2Val": "func _gkSeq2Val[K, V any](seq func(yield func(K, V) bool)) *V { return new(V) }",
	"_gkSeq2Run": "func _gkSeq2Run[K, V any](seq func(yield func(K, V) bool), p *K, q *V, body func() bool) { done := false; seq(func(k K, v V) bool { if done { panic(" + rangeDone + ") }; *p, *q = k, v; done = !body(); return !done }) }",
}

// rangeDone is Go's panic when an iterator calls yield after the loop
// body stopped the loop.
const rangeDone = `"runtime error: range function continued iteration after function for loop body returned false"`

// stdHelpers maps the generic standard-library functions yaegi v0.16.1
// lacks (or fails to instantiate), by package path, to interpreted
// stand-ins.
var stdHelpers = map[string]map[string]string{
	"slices": {
		"Sort": "_gkSort", "SortFunc": "_gkSortFunc", "SortStableFunc": "_gkSortStableFunc",
		"IsSorted": "_gkIsSorted", "Max": "_gkSlicesMax", "Min": "_gkSlicesMin",
		"Reverse": "_gkReverse", "BinarySearch": "_gkBinarySearch", "Equal": "_gkSlicesEqual",
		"All": "_gkSlicesAll", "Values": "_gkSlicesValues", "Backward": "_gkSlicesBackward",
		"AppendSeq": "_gkAppendSeq", "Collect": "_gkSlicesCollect", "Sorted": "_gkSlicesSorted", "SortedFunc": "_gkSortedFunc",
		"Repeat": "_gkSlicesRepeat", "Chunk": "_gkSlicesChunk",
		"Delete": "_gkSlicesDelete", "DeleteFunc": "_gkSlicesDeleteFunc", "Compact": "_gkSlicesCompact",
		"CompactFunc": "_gkSlicesCompactFunc", "Concat": "_gkSlicesConcat", "Replace": "_gkSlicesReplace",
	},
	"strings": {
		"Lines": "_gkStringsLines", "SplitSeq": "_gkStringsSplitSeq", "SplitAfterSeq": "_gkStringsSplitAfterSeq",
		"FieldsSeq": "_gkStringsFieldsSeq", "FieldsFuncSeq": "_gkStringsFieldsFuncSeq",
	},
	"sync": {"OnceFunc": "_gkOnceFunc", "OnceValue": "_gkOnceValue", "OnceValues": "_gkOnceValues"},
	"maps": {
		"Equal": "_gkMapsEqual", "Clone": "_gkMapsClone",
		"Keys": "_gkMapsKeys", "Values": "_gkMapsValues", "All": "_gkMapsAll", "Collect": "_gkMapsCollect", "Insert": "_gkMapsInsert",
	},
}

// helperImports are the imports a helper needs.
var helperImports = map[string]Import{
	"_gkClear":          {Name: "_gkreflect", Path: "reflect"},
	"_gkErrText":        {Name: "_gkreflect", Path: "reflect"},
	"_gkSort":           {Name: "_gksort", Path: "sort"},
	"_gkSortFunc":       {Name: "_gksort", Path: "sort"},
	"_gkSortStableFunc": {Name: "_gksort", Path: "sort"},
	"_gkBinarySearch":   {Name: "_gksort", Path: "sort"},
	"_gkSlicesSorted":   {Name: "_gksort", Path: "sort"},
	"_gkSortedFunc":     {Name: "_gksort", Path: "sort"},

	"_gkStringsLines":         {Name: "_gkstrings", Path: "strings"},
	"_gkStringsSplitSeq":      {Name: "_gkstrings", Path: "strings"},
	"_gkStringsSplitAfterSeq": {Name: "_gkstrings", Path: "strings"},
	"_gkStringsFieldsSeq":     {Name: "_gkstrings", Path: "strings"},
	"_gkStringsFieldsFuncSeq": {Name: "_gkstrings", Path: "strings"},
	"_gkOnceFunc":             {Name: "_gksync", Path: "sync"},
	"_gkOnceValue":            {Name: "_gksync", Path: "sync"},
	"_gkOnceValues":           {Name: "_gksync", Path: "sync"},
}

var builtinHelpers = map[string]string{"min": "_gkMin", "max": "_gkMax", "clear": "_gkClear"}

// useHelper notes that the cell needs a helper declared.
func (c *compiler) useHelper(name string) {
	if c.s.helpers[name] {
		return
	}
	for _, h := range c.plan.helpers {
		if h == name {
			return
		}
	}
	c.plan.helpers = append(c.plan.helpers, name)
	for _, dep := range helperNeeds[name] {
		c.useHelper(dep)
	}
}

// helperNeeds lists the helpers a helper calls.
var helperNeeds = map[string][]string{
	"_gkSlicesDelete":      {"_gkZeroTail"},
	"_gkSlicesDeleteFunc":  {"_gkZeroTail"},
	"_gkSlicesCompact":     {"_gkZeroTail"},
	"_gkSlicesCompactFunc": {"_gkZeroTail"},
	"_gkSlicesReplace":     {"_gkZeroTail"},

	"_gkStringsLines":         {"_gkStringsSeq"},
	"_gkStringsSplitSeq":      {"_gkStringsSeq"},
	"_gkStringsSplitAfterSeq": {"_gkStringsSeq"},
	"_gkStringsFieldsSeq":     {"_gkStringsSeq"},
	"_gkStringsFieldsFuncSeq": {"_gkStringsSeq"},
}

// rewriteBuiltin replaces min, max and clear by helper calls. Constant
// arguments of min and max go last (float constants before integer ones)
// so yaegi infers the type parameter from a typed argument; constants
// have no side effects, so moving them keeps the evaluation order.
func (c *compiler) rewriteBuiltin(call *ast.CallExpr) {
	if c.rewritePrint(call) {
		return
	}
	id, ok := call.Fun.(*ast.Ident)
	if !ok || !c.isUniverse(id) {
		return
	}
	helper, ok := builtinHelpers[id.Name]
	if !ok || len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return
	}
	c.useHelper(helper)
	if helper == "_gkClear" {
		c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return helper })
		return
	}
	args := append([]ast.Expr(nil), call.Args...)
	sort.SliceStable(args, func(i, j int) bool { return c.argRank(args[i]) < c.argRank(args[j]) })
	c.replace(c.off(call.Pos()), c.off(call.End()), func() string {
		s := helper + "("
		for i, a := range args {
			if i > 0 {
				s += ", "
			}
			s += c.seg(a)
		}
		return s + ")"
	})
}

// rewriteStdCall replaces a call of a generic standard function yaegi
// lacks by its helper.
func (c *compiler) rewriteStdCall(call *ast.CallExpr) {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	id, ok := se.X.(*ast.Ident)
	if !ok || id.Obj != nil {
		return
	}
	c.noteSelector(se) // the walk reaches the selector after the call
	helper, ok := stdHelpers[c.pkgPath(id.Name)][se.Sel.Name]
	if !ok {
		return
	}
	c.useHelper(helper)
	c.replace(c.off(se.Pos()), c.off(se.End()), func() string { return helper })
}

// argRank orders min/max arguments: typed expressions, float constants,
// other constants.
func (c *compiler) argRank(e ast.Expr) int {
	if !c.isConstExpr(e) {
		return 0
	}
	floaty := false
	ast.Inspect(e, func(n ast.Node) bool {
		if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.FLOAT {
			floaty = true
		}
		return true
	})
	if floaty {
		return 1
	}
	return 2
}
