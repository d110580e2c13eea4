package cell

import "go/ast"

// Gap methodvalue: a method value x.M with a value receiver copies x when
// it is evaluated (Go spec, "Method values").
//
// yaegi v0.16.1 reads the receiver when the method value is called:
//
//	c := counter{1}; f := c.show; c.n = 2; f() // Go: 1, yaegi: 2
//
// A method value used as a value (assigned, passed, returned, put in a
// composite literal) whose receiver is, as far as the syntax tells, of a
// cell type with M on a value receiver, is taken from a copy made by an
// interpreted call, typed with M's signature:
//
//	f := c.show  →  f := func() func(string) { _gkr := c; return _gkr.show }()
var gapMethodValue = gap{
	name:  "methodvalue",
	yaegi: "v0.16.1 reads a method value's receiver when it is called, not when it is evaluated: `f := c.show; c.n = 2; f()` shows 2",
	visits: []visitor{
		on(func(c *compiler, as *ast.AssignStmt) { c.copyReceivers(as.Rhs) }),
		on(func(c *compiler, vs *ast.ValueSpec) { c.copyReceivers(vs.Values) }),
		on(func(c *compiler, call *ast.CallExpr) { c.copyReceivers(call.Args) }),
		on(func(c *compiler, rs *ast.ReturnStmt) { c.copyReceivers(rs.Results) }),
		on(func(c *compiler, cl *ast.CompositeLit) { c.copyReceivers(elementValues(cl)) }),
	},
}

// elementValues are the values of a composite literal's elements.
func elementValues(cl *ast.CompositeLit) []ast.Expr {
	var values []ast.Expr
	for _, e := range cl.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			e = kv.Value
		}
		values = append(values, e)
	}
	return values
}

// copyReceivers rewrites the method values among the values of an
// assignment, declaration, call, return or composite literal.
func (c *compiler) copyReceivers(values []ast.Expr) {
	for _, v := range values {
		if se, ok := ast.Unparen(v).(*ast.SelectorExpr); ok {
			c.copyReceiver(se)
		}
	}
}

// copyReceiver rewrites se when it is a method value with a value
// receiver of a cell type.
func (c *compiler) copyReceiver(se *ast.SelectorExpr) {
	typ := c.exprType(se.X)
	if !c.valueMethod(typ, se.Sel.Name) {
		return
	}
	d, _ := c.lookup(typ + "." + se.Sel.Name)
	ft := methodType(d.sig)
	if ft == nil {
		return
	}
	sig := typeString(&ast.FuncType{Params: ft.Params, Results: ft.Results})
	c.replace(c.off(se.Pos()), c.off(se.End()), func() string {
		return "func() " + sig + " { _gkr := " + c.seg(se.X) + "; return _gkr." + se.Sel.Name + " }()"
	})
}
