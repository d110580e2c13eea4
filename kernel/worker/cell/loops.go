package cell

import (
	"go/ast"
	"go/token"
)

// Support shared by the loop gaps (gap_rangefunc.go, gap_rangeint.go,
// gap_loopvar.go): which bodies may capture a per-iteration variable, and
// the func literal arguments such a body must freeze (funcargs.go).

// freezeIfCaptured freezes the func literal arguments of a loop body
// that may capture its per-iteration variables.
func (c *compiler) freezeIfCaptured(body *ast.BlockStmt) {
	if captures(body) {
		c.freezeFuncArgs(body)
	}
}

// captures reports whether a loop body may keep a reference to a loop
// variable beyond its iteration.
func captures(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND
		}
		return !found
	})
	return found
}

// body renders the inside of a block, without its braces.
func (c *compiler) inner(b *ast.BlockStmt) string {
	return c.r.seg(c.off(b.Lbrace)+1, c.off(b.Rbrace))
}
