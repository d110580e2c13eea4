package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

// Gap rangeassign: `for k, v = range x` assigns the iteration values to
// existing variables, which keep the last ones after the loop.
//
// yaegi v0.16.1 gives a range statement with = fresh iteration variables,
// as if it were :=, so the variables named keep their old values:
//
//	var i int; for i = range [3]int{} {}; fmt.Println(i) // Go: 2, yaegi: 0
//
// The loop ranges over fresh variables and assigns them at the start of
// each iteration, as Go does:
//
//	for _gkrk, _gkrv := range x { k, v = _gkrk, _gkrv; {body} }
//
// Range over an integer, a function and a string have rewrites of their
// own (loops.go, rangefunc.go, gap_rangestring.go).
var gapRangeAssign = gap{
	name:   "rangeassign",
	yaegi:  "v0.16.1 gives `for k, v = range x` fresh iteration variables, as if it were :=: the variables named keep their old values",
	visits: []visitor{on((*compiler).visitRangeAssign)},
}

// visitRangeAssign rewrites a range statement with =.
func (c *compiler) visitRangeAssign(rs *ast.RangeStmt) {
	if rs.Tok != token.ASSIGN || c.rangeArity(rs) >= 0 || c.isIntExpr(rs.X, 0) || c.isStringRange(rs) {
		return
	}
	var fresh, lhs, rhs []ast.Expr
	for i, e := range []ast.Expr{rs.Key, rs.Value} {
		if e == nil {
			continue
		}
		name := &ast.Ident{Name: []string{"_gkrk", "_gkrv"}[i]}
		if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
			name = id
		} else {
			lhs, rhs = append(lhs, e), append(rhs, name)
		}
		fresh = append(fresh, name)
	}
	if len(lhs) == 0 {
		return
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		return "for " + c.names(fresh) + " := range " + c.seg(rs.X) + " { " +
			c.exprs(lhs) + " = " + c.names(rhs) + "; {" + c.inner(rs.Body) + "} }"
	})
}

// names joins identifiers made by a rewrite or taken from the cell.
func (c *compiler) names(ids []ast.Expr) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.(*ast.Ident).Name
	}
	return strings.Join(parts, ", ")
}

// exprs renders expressions of the cell, with their positions.
func (c *compiler) exprs(es []ast.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = c.seg(e)
	}
	return strings.Join(parts, ", ")
}
