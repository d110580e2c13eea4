package cell

import (
	"go/ast"
)

var gapIterConversion = gap{
	name:   "iterconversion",
	yaegi:  "v0.16.1 cannot convert a function to an instantiated generic type: iter.Seq[int](f) fails",
	visits: []visitor{on((*compiler).rewriteIterConversion)},
}

// rewriteIterConversion turns iter.Seq[V](f) into
// (func(yield func(V) bool))(f): yaegi cannot convert a function to an
// instantiated generic type. The result is assignable to iter.Seq[V].
func (c *compiler) rewriteIterConversion(call *ast.CallExpr) {
	if !c.isIterType(call.Fun) || len(call.Args) != 1 {
		return
	}
	x, args := indexParts(ast.Unparen(call.Fun))
	t := iterFuncType(x.(*ast.SelectorExpr).Sel.Name, args)
	if t == nil {
		return
	}
	text := "(" + typeString(t) + ")"
	c.replace(c.off(call.Fun.Pos()), c.off(call.Fun.End()), func() string { return text })
}
