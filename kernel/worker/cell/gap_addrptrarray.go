package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

// Gap addrptrarray: &p[i] with p a pointer to an array is the address
// of element i of *p (Go spec, "Index expressions": p[i] is shorthand for
// (*p)[i]).
//
// yaegi v0.16.1 reads p[i] through the pointer but rejects its address:
//
//	p := &[3]int{1, 2, 3}; q := &p[1] // invalid operation: cannot take address of int [kind: indexExpr]
//
// When the syntax tells that p is a pointer to an array, &p[i] is written
// &(*p)[i], which yaegi accepts.
var gapAddrPtrArray = gap{
	name:   "addrptrarray",
	yaegi:  "v0.16.1 rejects &p[i] with p a pointer to an array (cannot take address of int [kind: indexExpr])",
	visits: []visitor{on((*compiler).visitAddrPtrArray)},
}

// visitAddrPtrArray rewrites &p[i] on a pointer to an array.
func (c *compiler) visitAddrPtrArray(u *ast.UnaryExpr) {
	if u.Op != token.AND {
		return
	}
	ix, ok := ast.Unparen(u.X).(*ast.IndexExpr)
	if !ok || !strings.HasPrefix(c.exprType(ix.X), "*[") {
		return
	}
	c.replace(c.off(u.Pos()), c.off(u.End()), func() string {
		return "&(*" + c.seg(ix.X) + ")[" + c.seg(ix.Index) + "]"
	})
}
