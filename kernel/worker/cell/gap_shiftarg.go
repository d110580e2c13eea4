package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

// Gap shiftarg: an untyped constant shifted by a variable, passed as an
// argument, takes the type of the parameter (Go spec, "Operators": the
// constant is "first implicitly converted to the type it would assume if
// the shift expression were replaced by its left operand alone").
//
// yaegi v0.16.1 gives `1 << i` the type int wherever it is, and a call
// that passes it for a parameter of another integer type panics:
//
//	func f(x uint64) {}; i := 3; f(1 << uint(i)) // reflect: call of reflect.Value.SetUint on int Value
//
// Assignments and var declarations work. When the parameter's type is
// known from the syntax (a function or method declared by a cell, with
// the same parameter type in every cell method of that name) and is an
// integer type other than int, the argument is converted to it, which
// gives the constant that type as in Go:
//
//	f(1 << uint(i))  →  f(uint64(1 << uint(i)))
//
// For a function of a compiled package (strconv.FormatUint(1<<i, 10),
// bits.OnesCount64(1<<i)), the worker tells the parameter's type from its
// symbol tables (Session.SetPackageParams, PackageParams in session.go).
var gapShiftArg = gap{
	name:   "shiftarg",
	yaegi:  "v0.16.1 gives an untyped `1 << i` the type int wherever it is: passed for a uint64 parameter it panics (reflect: call of reflect.Value.SetUint on int Value)",
	visits: []visitor{on((*compiler).visitShiftArg)},
}

// visitShiftArg converts the untyped shift arguments of a call.
func (c *compiler) visitShiftArg(call *ast.CallExpr) {
	for i, a := range call.Args {
		if !c.isUntypedShift(a) {
			continue
		}
		t := c.paramType(call, i)
		if t == nil || !c.isIntType(t) {
			continue
		}
		if id, ok := t.(*ast.Ident); ok && id.Name == "int" {
			continue
		}
		typ := typeString(t)
		c.replace(c.off(a.Pos()), c.off(a.End()), func() string { return typ + "(" + c.shiftOperands(a) + ")" })
	}
}

// isUntypedShift reports whether e is, or is built by arithmetic from, a
// shift of an untyped constant by a non-constant count.
func (c *compiler) isUntypedShift(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.isUntypedShift(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND && c.isUntypedShift(e.X)
	case *ast.BinaryExpr:
		if e.Op == token.SHL || e.Op == token.SHR {
			return c.isConstExpr(e.X) && !c.isConstExpr(e.Y)
		}
		return e.Op.Precedence() > token.EQL.Precedence() && (c.isUntypedShift(e.X) || c.isUntypedShift(e.Y))
	}
	return false
}

// shiftOperands renders e's operands with e's operator: e's own range is the
// edit's, so it cannot be rendered whole inside it.
func (c *compiler) shiftOperands(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return "(" + c.seg(e.X) + ")"
	case *ast.UnaryExpr:
		return e.Op.String() + c.seg(e.X)
	case *ast.BinaryExpr:
		return c.seg(e.X) + " " + e.Op.String() + " " + c.seg(e.Y)
	}
	return c.nodeText(e)
}

// paramType returns the type of the parameter that argument i of call is
// passed for, when the syntax tells it.
func (c *compiler) paramType(call *ast.CallExpr, i int) ast.Expr {
	var sig *ast.FuncType
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		sig = c.rewritableSig(f)
	case *ast.SelectorExpr:
		if path := c.pkgOf(f.X); path != "" {
			return c.packageParam(path, f.Sel.Name, i, call.Ellipsis.IsValid())
		}
		sig = c.methodSig(f.Sel.Name)
	}
	if sig == nil || sig.TypeParams != nil {
		return nil
	}
	var params []ast.Expr
	for _, fld := range sig.Params.List {
		for range max(1, len(fld.Names)) {
			params = append(params, fld.Type)
		}
	}
	if len(params) == 0 {
		return nil
	}
	last := params[len(params)-1]
	if dots, ok := last.(*ast.Ellipsis); ok && i >= len(params)-1 {
		if call.Ellipsis.IsValid() {
			return nil
		}
		return dots.Elt
	}
	if i >= len(params) {
		return nil
	}
	return params[i]
}

// methodSig returns the signature of the cells' methods named name when
// all of them have the same parameter types.
func (c *compiler) methodSig(name string) *ast.FuncType {
	var sig *ast.FuncType
	seen := ""
	for _, decls := range []map[string]declInfo{c.declaredByName(), c.s.decls} {
		for _, d := range decls {
			if d.kind != kindMethod || !strings.HasSuffix(d.name, "."+name) {
				continue
			}
			ft := methodType(d.sig)
			if ft == nil {
				return nil
			}
			key := typeString(&ast.FuncType{Params: ft.Params})
			if seen != "" && key != seen {
				return nil
			}
			seen, sig = key, ft
		}
	}
	return sig
}

// declaredByName is this cell's declarations by name.
func (c *compiler) declaredByName() map[string]declInfo {
	m := make(map[string]declInfo, len(c.plan.declared))
	for _, d := range c.plan.declared {
		m[d.name] = d
	}
	return m
}

// packageParam is the type of parameter i of the package function
// path.name, as the worker's symbol tables tell it.
func (c *compiler) packageParam(path, name string, i int, spread bool) ast.Expr {
	if c.s.packageParam == nil || spread {
		return nil
	}
	if t := c.s.packageParam(path, name, i); t != "" {
		return &ast.Ident{Name: t}
	}
	return nil
}
