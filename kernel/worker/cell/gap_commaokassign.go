package cell

import (
	"go/ast"
	"go/token"
)

// Gap commaokassign: `v, ok = m[k]` and `v, ok = x.(T)` set v to the
// zero value when the key is missing or the assertion fails.
//
// yaegi v0.16.1 sets ok to false but leaves v as it was, at the top level
// and inside functions alike:
//
//	v := 5; v, ok = map[string]int{}["k"] // Go: 0 false, yaegi: 5 false
//
// The := forms are right, so the value comes from a helper that uses
// them:
//
//	v, ok = m[k]    →  v, ok = _gkMapGet(m, k)
//	v, ok = x.(T)   →  v, ok = _gkAssert[T](x)
var gapCommaOkAssign = gap{
	name:   "commaokassign",
	yaegi:  "v0.16.1 leaves v as it was when `v, ok = m[k]` or `v, ok = x.(T)` misses (ok is false, v is not zeroed)",
	visits: []visitor{on((*compiler).visitCommaOkAssign)},
	helpers: []helper{
		{name: "_gkMapGet", src: "func _gkMapGet[K comparable, V any](m map[K]V, k K) (V, bool) { v, ok := m[k]; return v, ok }"},
		{name: "_gkAssert", src: "func _gkAssert[T any](x any) (T, bool) { v, ok := x.(T); return v, ok }"},
	},
}

// visitCommaOkAssign rewrites the comma-ok assignments of a map index
// or a type assertion.
func (c *compiler) visitCommaOkAssign(as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return
	}
	var gen func() string
	switch x := ast.Unparen(as.Rhs[0]).(type) {
	case *ast.IndexExpr:
		c.useHelper("_gkMapGet")
		gen = func() string { return "_gkMapGet(" + c.seg(x.X) + ", " + c.seg(x.Index) + ")" }
	case *ast.TypeAssertExpr:
		if x.Type == nil {
			return
		}
		c.useHelper("_gkAssert")
		gen = func() string { return "_gkAssert[" + c.seg(x.Type) + "](" + c.seg(x.X) + ")" }
	default:
		return
	}
	e := as.Rhs[0]
	c.replace(c.off(e.Pos()), c.off(e.End()), gen)
}
