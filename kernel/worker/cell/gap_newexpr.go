package cell

import "go/ast"

// Gap newexpr: Go 1.26's new(expr), a pointer to a new variable holding
// the value of expr (`new(123)` is a *int pointing at 123).
//
// yaegi v0.16.1 knows only new(T) and, given a value, returns a pointer
// to the zero value of its type:
//
//	p := new(123); fmt.Println(*p) // Go 1.26: 123, yaegi: 0
//
// When the syntax tells that the operand is a value (a literal, a
// variable or constant, an operation, a call, a field), new(v) becomes
// &[]T{v}[0] when the syntax tells v's (default) type T, else a call of
// the helper _gkNew, whose type parameter takes v's type (yaegi cannot
// infer it for a top-level `p := _gkNew(1)`, and fails on a helper's
// explicit instantiation there). An operand the syntax cannot tell from a type (pkg.Name, X[T])
// is left to yaegi.
var gapNewExpr = gap{
	name:   "newexpr",
	yaegi:  "v0.16.1 knows only new(T): Go 1.26's new(123) points at a zero int",
	visits: []visitor{on((*compiler).visitNewExpr)},
	helpers: []helper{
		{name: "_gkNew", src: "func _gkNew[T any](v T) *T { return &v }"},
	},
}

// visitNewExpr rewrites new(value).
func (c *compiler) visitNewExpr(call *ast.CallExpr) {
	if len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "new" || !c.isUniverse(id) || !c.isValueExpr(call.Args[0]) {
		return
	}
	if t := c.exprType(call.Args[0]); t != "" {
		c.replace(c.off(call.Pos()), c.off(call.End()), func() string {
			return "&[]" + t + "{" + c.seg(call.Args[0]) + "}[0]"
		})
		return
	}
	c.useHelper("_gkNew")
	c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return "_gkNew" })
}

// isValueExpr reports whether the syntax tells that e is a value, not a
// type.
func (c *compiler) isValueExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.isValueExpr(e.X)
	case *ast.BasicLit, *ast.CompositeLit, *ast.BinaryExpr, *ast.UnaryExpr, *ast.CallExpr, *ast.FuncLit:
		return true
	case *ast.Ident:
		if e.Obj != nil {
			return e.Obj.Kind == ast.Var || e.Obj.Kind == ast.Con
		}
		if d, ok := c.lookup(e.Name); ok {
			return d.kind == kindVar || d.kind == kindConst
		}
		return c.isUniverse(e) && (e.Name == "true" || e.Name == "false")
	case *ast.SelectorExpr:
		return c.pkgOf(e.X) == "" && c.isValueExpr(e.X)
	}
	return false
}
