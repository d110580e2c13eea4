package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// Gap selectassign: a select case that receives into existing variables,
// `case x.a = <-c:` or `case v, ok = <-c:`.
//
// yaegi v0.16.1 builds no receive case for an assignment with =, and
// reflect.Select rejects what it builds instead:
//
//	select { case v = <-c: } // panic: reflect.Select: invalid Dir
//
// The case receives into fresh variables and assigns them first thing in
// the clause, which is what Go does:
//
//	case x.a = <-c: body  →  case _gkrv0 := <-c: x.a = _gkrv0; body
var gapSelectAssign = gap{
	name:   "selectassign",
	yaegi:  "v0.16.1 builds no receive case for `case v = <-c:` in a select: reflect.Select panics (invalid Dir)",
	visits: []visitor{on((*compiler).visitSelectAssign)},
}

// visitSelectAssign rewrites the receive-and-assign cases of a select.
func (c *compiler) visitSelectAssign(cl *ast.CommClause) {
	as, ok := cl.Comm.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Rhs) != 1 {
		return
	}
	fresh := make([]string, len(as.Lhs))
	var lhs []ast.Expr
	var vals []string
	for i, l := range as.Lhs {
		fresh[i] = fmt.Sprintf("_gkrv%d", i)
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			fresh[i] = "_"
			continue
		}
		lhs = append(lhs, l)
		vals = append(vals, fresh[i])
	}
	if len(lhs) == 0 {
		return
	}
	c.replace(c.off(as.Pos()), c.off(as.End()), func() string {
		return strings.Join(fresh, ", ") + " := " + c.seg(as.Rhs[0])
	})
	colon := c.off(cl.Colon) + 1
	c.replace(colon, colon, func() string { return " " + c.exprs(lhs) + " = " + strings.Join(vals, ", ") + ";" })
}
