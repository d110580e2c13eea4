package cell

import (
	"go/ast"
	"go/token"
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
// It is a loop hook after those of the table's other range rewrites
// (over an integer, a function, a string), so it gets only the loops they
// leave.
var gapRangeAssign = gap{
	name:  "rangeassign",
	yaegi: "v0.16.1 gives `for k, v = range x` fresh iteration variables, as if it were :=: the variables named keep their old values",
	loop: func(c *compiler, st ast.Stmt, _ *ast.LabeledStmt) bool {
		rs, ok := st.(*ast.RangeStmt)
		return ok && rs.Tok == token.ASSIGN && c.rangeAssign(rs)
	},
}

// rangeAssign rewrites a range statement with =, and reports whether it
// did.
func (c *compiler) rangeAssign(rs *ast.RangeStmt) bool {
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
		return false
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		return "for " + c.names(fresh) + " := range " + c.seg(rs.X) + " { " +
			c.exprs(lhs) + " = " + c.names(rhs) + "; {" + c.inner(rs.Body) + "} }"
	})
	return true
}
