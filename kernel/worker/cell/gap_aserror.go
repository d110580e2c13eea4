package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

var gapAsError = gap{
	name:   "aserror",
	yaegi:  "v0.16.1 breaks a struct value with a value-receiver Error method stored in an error variable directly: fmt prints its fields, e.Error() panics with \"Method index out of range\"",
	visits: []visitor{on((*compiler).rewriteErrorConversion), on((*compiler).rewriteErrorAssign), on((*compiler).rewriteErrorDecl)},
	helpers: []helper{
		{name: "_gkAsError", src: "func _gkAsError(e error) error { return e }"},
	},
}

// yaegi v0.16.1 breaks a value of a cell's type with a value-receiver
// Error method when it is stored in a variable of type error directly:
// after `var e error = Bad{5}` fmt prints the struct's fields, after
// `e = Bad{5}` e.Error() panics ("Method index out of range"), and
// `error(Bad{5})` panics. Passing the value to a function's error
// parameter and returning it works, so the compiler routes such values
// through _gkAsError (func(e error) error { return e }).

// rewriteErrorDecl wraps the cell-typed values of `var e error = v`.
func (c *compiler) rewriteErrorDecl(sp *ast.ValueSpec) {
	if id, ok := sp.Type.(*ast.Ident); !ok || id.Name != "error" || !c.isUniverse(id) || !c.anyValueError(sp.Values) {
		return
	}
	start, typeEnd := c.off(sp.Pos()), c.off(sp.Type.End())
	c.replace(start, c.off(sp.End()), func() string {
		return c.r.text(start, typeEnd) + " = " + c.asErrors(sp.Values)
	})
}

// rewriteErrorAssign wraps the cell-typed values assigned to variables
// of type error.
func (c *compiler) rewriteErrorAssign(as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return
	}
	wrap := false
	for i, l := range as.Lhs {
		wrap = wrap || c.exprType(l) == "error" && c.valueError(as.Rhs[i])
	}
	if !wrap {
		return
	}
	start, lhsEnd := c.off(as.Pos()), c.off(as.Lhs[len(as.Lhs)-1].End())
	c.replace(start, c.off(as.End()), func() string {
		return c.r.text(start, lhsEnd) + " = " + c.asErrors(as.Rhs)
	})
}

// anyValueError reports whether one of values needs _gkAsError.
func (c *compiler) anyValueError(values []ast.Expr) bool {
	for _, v := range values {
		if c.valueError(v) {
			return true
		}
	}
	return false
}

// asErrors renders values, those of a cell type with a value-receiver
// Error method wrapped in _gkAsError.
func (c *compiler) asErrors(values []ast.Expr) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = c.seg(v)
		if c.valueError(v) {
			c.useHelper("_gkAsError")
			parts[i] = "_gkAsError(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// rewriteErrorConversion turns error(v) into _gkAsError(v).
func (c *compiler) rewriteErrorConversion(call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || id.Name != "error" || !c.isUniverse(id) || len(call.Args) != 1 || !c.valueError(call.Args[0]) {
		return
	}
	c.useHelper("_gkAsError")
	c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return "_gkAsError" })
}

// valueError reports whether e's static type, as the syntax tells, is a
// cell type (not a pointer) with a value-receiver Error method.
func (c *compiler) valueError(e ast.Expr) bool {
	id, ok := parseType(c.exprType(e)).(*ast.Ident)
	if !ok || !c.isCellType(id.Name) || c.isInterfaceType(id) {
		return false
	}
	m, ok := c.lookup(id.Name + ".Error")
	return ok && m.kind == kindMethod && !m.ptrRecv
}
