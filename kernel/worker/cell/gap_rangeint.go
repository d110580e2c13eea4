package cell

import (
	"go/ast"
	"go/token"
)

// Range over an integer, when the range expression is an integer as far
// as syntax and earlier declarations tell (literals, len/cap,
// conversions, integer variables, constants, parameters, arithmetic:
// isIntExpr).
var gapRangeInt = gap{
	name:  "rangeint",
	yaegi: "v0.16.1 has no range over int (Go 1.22): `for i := range 3` fails, `for range 0` panics with \"nil type\" (traefik/yaegi#1701; PR #1645 open)",
	loop: func(c *compiler, st ast.Stmt, lbl *ast.LabeledStmt) bool {
		rs, ok := st.(*ast.RangeStmt)
		if !ok || !c.isIntExpr(rs.X, 0) {
			return false
		}
		c.rangeInt(rs, lbl)
		c.freezeIfCaptured(rs.Body)
		return true
	},
}

// rangeInt rewrites `L: for i := range n { body }` to
// `{ _gkn := n; L: for _gkc := _gkn - _gkn; _gkc < _gkn; _gkc++ { i := _gkc; {body} } }`:
// n is evaluated once, i has n's type and is fresh in each iteration, and
// changing i in the body does not change the iteration count.
func (c *compiler) rangeInt(rs *ast.RangeStmt, lbl *ast.LabeledStmt) {
	var region ast.Node = rs
	lab := ""
	if lbl != nil {
		region, lab = lbl, lbl.Label.Name+": "
	}
	c.replace(c.off(region.Pos()), c.off(region.End()), func() string {
		key := ""
		if k, ok := rs.Key.(*ast.Ident); rs.Key != nil && !(ok && k.Name == "_") {
			op := " = "
			if rs.Tok == token.DEFINE {
				op = " := "
			}
			key = c.seg(rs.Key) + op + "_gkc; "
		}
		return "{ _gkn := " + c.seg(rs.X) + "; " + lab +
			"for _gkc := _gkn - _gkn; _gkc < _gkn; _gkc++ { " + key + "{" + c.inner(rs.Body) + "} } }"
	})
}
