package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

var gapReturnRecv = gap{
	name:  "returnrecv",
	yaegi: "v0.16.1 fails on `return <-ch` (traefik/yaegi#1725)",
	visit: func(c *compiler, n ast.Node) { when(n, c.rewriteReturn) },
}

// rewriteReturn works around yaegi issue #1725: `return <-ch` fails, so
// receive operands are bound to temporaries first.
func (c *compiler) rewriteReturn(rs *ast.ReturnStmt) {
	has := false
	for _, e := range rs.Results {
		if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			has = true
		}
	}
	if !has {
		return
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		var binds, res []string
		for i, e := range rs.Results {
			if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
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
