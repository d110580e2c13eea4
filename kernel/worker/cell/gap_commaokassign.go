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
//	v, ok = x.(T)   →  v, ok = func() (T, bool) { _gkv, _gkok := x.(T); return _gkv, _gkok }()
//
// (A generic helper cannot stand in for the assertion: yaegi fails to
// instantiate one with an interface type at a cell's top level, "nil
// reflect type".)
var gapCommaOkAssign = gap{
	name:   "commaokassign",
	yaegi:  "v0.16.1 leaves v as it was when `v, ok = m[k]` or `v, ok = x.(T)` misses (ok is false, v is not zeroed)",
	visits: []visitor{on((*compiler).visitCommaOkAssign)},
	helpers: []helper{
		{name: "_gkMapGet", src: "func _gkMapGet[K comparable, V any](m map[K]V, k K) (V, bool) { v, ok := m[k]; return v, ok }"},
	},
}

// visitCommaOkAssign rewrites the comma-ok assignments of a map index
// or a type assertion; `_, ok = ...` has no value to zero and stays.
func (c *compiler) visitCommaOkAssign(as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != 2 || len(as.Rhs) != 1 || isBlankIdent(as.Lhs[0]) {
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
		gen = func() string {
			return "func() (" + c.seg(x.Type) + ", bool) { _gkv, _gkok := " + c.seg(x.X) + ".(" + c.seg(x.Type) + "); return _gkv, _gkok }()"
		}
	default:
		return
	}
	e := as.Rhs[0]
	c.replace(c.off(e.Pos()), c.off(e.End()), gen)
}

// isBlankIdent reports whether e is the blank identifier.
func isBlankIdent(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
