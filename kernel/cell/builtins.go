package cell

import (
	"go/ast"
	"go/token"
	"sort"
)

// ordered is the constraint of the min/max helpers (cmp.Ordered spelled
// out, so no import is needed).
const ordered = "interface{ ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string }"

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
	"_gkSort":           "func _gkSort[E " + ordered + "](x []E) { _gksort.Slice(x, func(i, j int) bool { return x[i] < x[j] || x[i] != x[i] && x[j] == x[j] }) }",
	"_gkSortFunc":       "func _gkSortFunc[E any](x []E, cmp func(a, b E) int) { _gksort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }) }",
	"_gkSortStableFunc": "func _gkSortStableFunc[E any](x []E, cmp func(a, b E) int) { _gksort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 }) }",
	"_gkIsSorted":       "func _gkIsSorted[E " + ordered + "](x []E) bool { for i := 1; i < len(x); i++ { if x[i] < x[i-1] { return false } }; return true }",
	"_gkSlicesMax":      "func _gkSlicesMax[E " + ordered + "](x []E) E { if len(x) == 0 { panic(\"slices.Max: empty list\") }; m := x[0]; for _, v := range x[1:] { if v > m { m = v } }; return m }",
	"_gkSlicesMin":      "func _gkSlicesMin[E " + ordered + "](x []E) E { if len(x) == 0 { panic(\"slices.Min: empty list\") }; m := x[0]; for _, v := range x[1:] { if v < m { m = v } }; return m }",
	"_gkReverse":        "func _gkReverse[E any](x []E) { for i, j := 0, len(x)-1; i < j; i, j = i+1, j-1 { x[i], x[j] = x[j], x[i] } }",
	"_gkSlicesEqual":    "func _gkSlicesEqual[E comparable](a, b []E) bool { if len(a) != len(b) { return false }; for i := range a { if a[i] != b[i] { return false } }; return true }",
	"_gkMapsEqual":      "func _gkMapsEqual[K, V comparable](a, b map[K]V) bool { if len(a) != len(b) { return false }; for k, v := range a { if w, ok := b[k]; !ok || w != v { return false } }; return true }",
	"_gkBinarySearch":   "func _gkBinarySearch[E " + ordered + "](x []E, target E) (int, bool) { i := _gksort.Search(len(x), func(i int) bool { return x[i] >= target }); return i, i < len(x) && x[i] == target }",
}

// stdHelpers maps the generic standard-library functions yaegi v0.16.1
// lacks (or fails to instantiate), by package path, to interpreted
// stand-ins.
var stdHelpers = map[string]map[string]string{
	"slices": {
		"Sort": "_gkSort", "SortFunc": "_gkSortFunc", "SortStableFunc": "_gkSortStableFunc",
		"IsSorted": "_gkIsSorted", "Max": "_gkSlicesMax", "Min": "_gkSlicesMin",
		"Reverse": "_gkReverse", "BinarySearch": "_gkBinarySearch", "Equal": "_gkSlicesEqual",
	},
	"maps": {"Equal": "_gkMapsEqual"},
}

// helperImports are the imports a helper needs.
var helperImports = map[string]Import{
	"_gkClear":          {Name: "_gkreflect", Path: "reflect"},
	"_gkSort":           {Name: "_gksort", Path: "sort"},
	"_gkSortFunc":       {Name: "_gksort", Path: "sort"},
	"_gkSortStableFunc": {Name: "_gksort", Path: "sort"},
	"_gkBinarySearch":   {Name: "_gksort", Path: "sort"},
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
