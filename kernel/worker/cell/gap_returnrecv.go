package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

var gapReturnRecv = gap{
	name:   "returnrecv",
	yaegi:  "v0.16.1 fails on a receive in a return statement, `return <-ch` or `return x, <-ch` (traefik/yaegi#1725)",
	visits: []visitor{on((*compiler).rewriteReturn)},
}

// rewriteReturn works around yaegi issue #1725: `return <-ch` fails, so
// the receives are bound to temporaries first, and with them, in order,
// the results that call a function (Go evaluates calls and receives left
// to right; yaegi also fails on a call between two receives).
func (c *compiler) rewriteReturn(rs *ast.ReturnStmt) {
	if !slices.ContainsFunc(rs.Results, isReceive) {
		return
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		var binds, res []string
		for i, e := range rs.Results {
			if isReceive(e) || callsOrReceives(e) {
				name := fmt.Sprintf("_gkrv%d", i)
				binds = append(binds, name+" := "+c.seg(e)+"; ")
				res = append(res, name)
				continue
			}
			res = append(res, c.seg(e))
		}
		return "{ " + strings.Join(binds, "") + "return " + strings.Join(res, ", ") + " }"
	})
}

// isReceive reports whether e is a receive, <-ch.
func isReceive(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW
}

// callsOrReceives reports whether e calls a function or receives, outside
// function literals.
func callsOrReceives(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		}
		return !found
	})
	return found
}
