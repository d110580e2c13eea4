package cell

import (
	"go/ast"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// The stand-ins for slices functions over ordered elements take any
// element type and compare natively with cellrt.Compare (cmp.Compare's
// order, NaNs first): yaegi cannot check an ordered constraint against a
// compiled named type such as time.Duration. Like Go's, Delete,
// DeleteFunc, Compact, CompactFunc and Replace zero the elements they drop
// from the end of the slice.
var gapStdFuncs = gap{
	name:   "stdfuncs",
	yaegi:  "v0.16.1's generic standard library lacks functions newer than Go 1.21 (slices.Repeat, Chunk, the iterator functions of slices, maps and strings, sync.OnceFunc...), and fails to instantiate others (\"invalid type in assignment\": slices.Delete, Compact, Concat, maps.Clone...) or to sort compiled named types",
	visits: []visitor{on((*compiler).rewriteStdCall)},
	helpers: []helper{
		{name: "_gkSort", src: "func _gkSort[E any](x []E) { _gksort.Slice(x, func(i, j int) bool { return " + cellrt.Compare + "(x[i], x[j]) < 0 }) }", imp: sortImport},
		{name: "_gkSortFunc", src: "func _gkSortFunc[E any](x []E, cmp func(a, b E) int) { _gksort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }) }", imp: sortImport},
		{name: "_gkSortStableFunc", src: "func _gkSortStableFunc[E any](x []E, cmp func(a, b E) int) { _gksort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }) }", imp: sortImport},
		{name: "_gkIsSorted", src: "func _gkIsSorted[E any](x []E) bool { for i := 1; i < len(x); i++ { if " + cellrt.Compare + "(x[i], x[i-1]) < 0 { return false } }; return true }"},
		{name: "_gkSlicesMax", src: "func _gkSlicesMax[E any](x []E) E { if len(x) == 0 { panic(\"slices.Max: empty list\") }; m := x[0]; for _, v := range x[1:] { if " + cellrt.MaxWins + "(m, v) { m = v } }; return m }"},
		{name: "_gkSlicesMin", src: "func _gkSlicesMin[E any](x []E) E { if len(x) == 0 { panic(\"slices.Min: empty list\") }; m := x[0]; for _, v := range x[1:] { if " + cellrt.MinWins + "(m, v) { m = v } }; return m }"},
		{name: "_gkReverse", src: "func _gkReverse[E any](x []E) { for i, j := 0, len(x)-1; i < j; i, j = i+1, j-1 { x[i], x[j] = x[j], x[i] } }"},
		{name: "_gkSlicesEqual", src: "func _gkSlicesEqual[E comparable](a, b []E) bool { if len(a) != len(b) { return false }; for i := range a { if a[i] != b[i] { return false } }; return true }"},
		{name: "_gkMapsEqual", src: "func _gkMapsEqual[K, V comparable](a, b map[K]V) bool { if len(a) != len(b) { return false }; for k, v := range a { if w, ok := b[k]; !ok || w != v { return false } }; return true }"},
		{name: "_gkBinarySearch", src: "func _gkBinarySearch[E any](x []E, target E) (int, bool) { i := _gksort.Search(len(x), func(i int) bool { return " + cellrt.Compare + "(x[i], target) >= 0 }); return i, i < len(x) && " + cellrt.Compare + "(x[i], target) == 0 }", imp: sortImport},
		{name: "_gkSlicesDelete", src: "func _gkSlicesDelete[E any](s []E, i, j int) []E { _ = s[i:j:len(s)]; if i == j { return s }; n := len(s); s = append(s[:i], s[j:]...); _gkZeroTail(s, n); return s }", needs: []string{"_gkZeroTail"}},
		{name: "_gkSlicesDeleteFunc", src: "func _gkSlicesDeleteFunc[E any](s []E, del func(E) bool) []E { n := len(s); out := s[:0]; for _, v := range s { if !del(v) { out = append(out, v) } }; _gkZeroTail(out, n); return out }", needs: []string{"_gkZeroTail"}},
		{name: "_gkSlicesCompact", src: "func _gkSlicesCompact[E comparable](s []E) []E { if len(s) < 2 { return s }; n := len(s); out := s[:1]; for _, v := range s[1:] { if v != out[len(out)-1] { out = append(out, v) } }; _gkZeroTail(out, n); return out }", needs: []string{"_gkZeroTail"}},
		{name: "_gkSlicesCompactFunc", src: "func _gkSlicesCompactFunc[E any](s []E, eq func(a, b E) bool) []E { if len(s) < 2 { return s }; n := len(s); out := s[:1]; for _, v := range s[1:] { if !eq(out[len(out)-1], v) { out = append(out, v) } }; _gkZeroTail(out, n); return out }", needs: []string{"_gkZeroTail"}},
		{name: "_gkSlicesConcat", src: "func _gkSlicesConcat[E any](ss ...[]E) []E { n := 0; for _, s := range ss { n += len(s) }; out := make([]E, 0, n); for _, s := range ss { out = append(out, s...) }; return out }"},
		{name: "_gkSlicesReplace", src: "func _gkSlicesReplace[E any](s []E, i, j int, v ...E) []E { _ = s[i:j]; n := len(s); tail := append([]E(nil), s[j:]...); out := append(append(s[:i], v...), tail...); _gkZeroTail(out, n); return out }", needs: []string{"_gkZeroTail"}},
		{name: "_gkZeroTail", src: "func _gkZeroTail[E any](s []E, n int) { var zero E; for k := len(s); k < n; k++ { s[:n][k] = zero } }"},
		{name: "_gkMapsClone", src: "func _gkMapsClone[K comparable, V any](m map[K]V) map[K]V { if m == nil { return nil }; out := make(map[K]V, len(m)); for k, v := range m { out[k] = v }; return out }"},
		{name: "_gkSlicesRepeat", src: "func _gkSlicesRepeat[E any](x []E, count int) []E { if count < 0 { panic(\"cannot be negative\") }; out := make([]E, 0, len(x)*count); for i := 0; i < count; i++ { out = append(out, x...) }; return out }"},
		{name: "_gkSlicesChunk", src: "func _gkSlicesChunk[E any](s []E, n int) func(yield func([]E) bool) { if n < 1 { panic(\"cannot be less than 1\") }; return func(yield func([]E) bool) { for i := 0; i < len(s); i += n { end := i + n; if end > len(s) { end = len(s) }; if !yield(s[i:end:end]) { return } } } }"},
		{name: "_gkStringsSeq", src: "func _gkStringsSeq(parts []string) func(yield func(string) bool) { return func(yield func(string) bool) { for _, p := range parts { if !yield(p) { return } } } }"},
		{name: "_gkStringsLines", src: "func _gkStringsLines(s string) func(yield func(string) bool) { parts := _gkstrings.SplitAfter(s, \"\\n\"); if parts[len(parts)-1] == \"\" { parts = parts[:len(parts)-1] }; return _gkStringsSeq(parts) }", imp: stringsImport, needs: []string{"_gkStringsSeq"}},
		{name: "_gkStringsSplitSeq", src: "func _gkStringsSplitSeq(s, sep string) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.Split(s, sep)) }", imp: stringsImport, needs: []string{"_gkStringsSeq"}},
		{name: "_gkStringsSplitAfterSeq", src: "func _gkStringsSplitAfterSeq(s, sep string) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.SplitAfter(s, sep)) }", imp: stringsImport, needs: []string{"_gkStringsSeq"}},
		{name: "_gkStringsFieldsSeq", src: "func _gkStringsFieldsSeq(s string) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.Fields(s)) }", imp: stringsImport, needs: []string{"_gkStringsSeq"}},
		{name: "_gkStringsFieldsFuncSeq", src: "func _gkStringsFieldsFuncSeq(s string, f func(rune) bool) func(yield func(string) bool) { return _gkStringsSeq(_gkstrings.FieldsFunc(s, f)) }", imp: stringsImport, needs: []string{"_gkStringsSeq"}},
		{name: "_gkOnceFunc", src: "func _gkOnceFunc(f func()) func() { var once _gksync.Once; var p any; failed := false; return func() { once.Do(func() { defer func() { if r := recover(); r != nil { p, failed = r, true; panic(r) } }(); f() }); if failed { panic(p) } } }", imp: syncImport},
		{name: "_gkOnceValue", src: "func _gkOnceValue[T any](f func() T) func() T { var once _gksync.Once; var v T; var p any; failed := false; return func() T { once.Do(func() { defer func() { if r := recover(); r != nil { p, failed = r, true; panic(r) } }(); v = f() }); if failed { panic(p) }; return v } }", imp: syncImport},
		{name: "_gkOnceValues", src: "func _gkOnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) { var once _gksync.Once; var v1 T1; var v2 T2; var p any; failed := false; return func() (T1, T2) { once.Do(func() { defer func() { if r := recover(); r != nil { p, failed = r, true; panic(r) } }(); v1, v2 = f() }); if failed { panic(p) }; return v1, v2 } }", imp: syncImport},
		{name: "_gkSlicesAll", src: "func _gkSlicesAll[E any](s []E) func(yield func(int, E) bool) { return func(yield func(int, E) bool) { for i, v := range s { if !yield(i, v) { return } } } }"},
		{name: "_gkSlicesValues", src: "func _gkSlicesValues[E any](s []E) func(yield func(E) bool) { return func(yield func(E) bool) { for _, v := range s { if !yield(v) { return } } } }"},
		{name: "_gkSlicesBackward", src: "func _gkSlicesBackward[E any](s []E) func(yield func(int, E) bool) { return func(yield func(int, E) bool) { for i := len(s) - 1; i >= 0; i-- { if !yield(i, s[i]) { return } } } }"},
		{name: "_gkAppendSeq", src: "func _gkAppendSeq[E any](s []E, seq func(yield func(E) bool)) []E { seq(func(v E) bool { s = append(s, v); return true }); return s }"},
		{name: "_gkSlicesCollect", src: "func _gkSlicesCollect[E any](seq func(yield func(E) bool)) []E { var s []E; seq(func(v E) bool { s = append(s, v); return true }); return s }"},
		{name: "_gkSlicesSorted", src: "func _gkSlicesSorted[E any](seq func(yield func(E) bool)) []E { var x []E; seq(func(v E) bool { x = append(x, v); return true }); _gksort.Slice(x, func(i, j int) bool { return " + cellrt.Compare + "(x[i], x[j]) < 0 }); return x }", imp: sortImport},
		{name: "_gkSortedFunc", src: "func _gkSortedFunc[E any](seq func(yield func(E) bool), cmp func(a, b E) int) []E { var x []E; seq(func(v E) bool { x = append(x, v); return true }); _gksort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }); return x }", imp: sortImport},
		{name: "_gkMapsKeys", src: "func _gkMapsKeys[K comparable, V any](m map[K]V) func(yield func(K) bool) { return func(yield func(K) bool) { for k := range m { if !yield(k) { return } } } }"},
		{name: "_gkMapsValues", src: "func _gkMapsValues[K comparable, V any](m map[K]V) func(yield func(V) bool) { return func(yield func(V) bool) { for _, v := range m { if !yield(v) { return } } } }"},
		{name: "_gkMapsAll", src: "func _gkMapsAll[K comparable, V any](m map[K]V) func(yield func(K, V) bool) { return func(yield func(K, V) bool) { for k, v := range m { if !yield(k, v) { return } } } }"},
		{name: "_gkMapsCollect", src: "func _gkMapsCollect[K comparable, V any](seq func(yield func(K, V) bool)) map[K]V { m := map[K]V{}; seq(func(k K, v V) bool { m[k] = v; return true }); return m }"},
		{name: "_gkMapsInsert", src: "func _gkMapsInsert[K comparable, V any](m map[K]V, seq func(yield func(K, V) bool)) { seq(func(k K, v V) bool { m[k] = v; return true }) }"},
	},
	standIns: map[string]map[string]string{
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
	},
	runtime: []string{cellrt.Compare, cellrt.MinWins, cellrt.MaxWins},
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
