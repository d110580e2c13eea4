package cell

import (
	"fmt"
	"go/ast"
	"strings"
)

// Gap ifacemethodexpr: a method expression on an interface type, I.M, is
// a function whose first parameter is the receiver (Go spec, "Method
// expressions").
//
// yaegi v0.16.1 gives I.M the method's own signature, without the
// receiver:
//
//	type I interface{ M(x int) string }; I.M(S{}, 2) // cannot use type main.S as type int
//
// When I is an interface type declared by a cell and lists M itself, I.M
// becomes the function literal it denotes:
//
//	I.M  →  func(_gkr I, _gka0 int) string { return _gkr.M(_gka0) }
var gapIfaceMethodExpr = gap{
	name:   "ifacemethodexpr",
	yaegi:  "v0.16.1 gives a method expression I.M on an interface the method's own signature, without the receiver: I.M(S{}, 2) fails",
	visits: []visitor{on((*compiler).visitIfaceMethodExpr), on((*compiler).visitIfaceMethodCall)},
}

// visitIfaceMethodExpr rewrites a method expression on a cell's
// interface. yaegi also fails to call the literal with ...: such a call
// passes the slice to a literal whose last parameter is a slice.
func (c *compiler) visitIfaceMethodExpr(se *ast.SelectorExpr) {
	if iface, ft := c.ifaceMethodExpr(se); ft != nil {
		lit := methodLiteral(iface, se.Sel.Name, ft, false)
		c.replace(c.off(se.Pos()), c.off(se.End()), func() string { return lit })
	}
}

// visitIfaceMethodCall rewrites a call with ... of a method expression
// on a cell's interface.
func (c *compiler) visitIfaceMethodCall(call *ast.CallExpr) {
	se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !call.Ellipsis.IsValid() {
		return
	}
	if iface, ft := c.ifaceMethodExpr(se); ft != nil {
		lit := methodLiteral(iface, se.Sel.Name, ft, true)
		c.replace(c.off(call.Pos()), c.off(call.End()), func() string { return lit + "(" + c.exprs(call.Args) + ")" })
	}
}

// ifaceMethodExpr returns the interface and method signature of a method
// expression I.M on a cell's interface type.
func (c *compiler) ifaceMethodExpr(se *ast.SelectorExpr) (string, *ast.FuncType) {
	id, ok := se.X.(*ast.Ident)
	if !ok || id.Obj != nil && id.Obj.Kind != ast.Typ {
		return "", nil
	}
	return id.Name, c.interfaceMethod(id.Name, se.Sel.Name)
}

// interfaceMethod returns the signature of method m listed by the cell
// interface type named name, or nil.
func (c *compiler) interfaceMethod(name, m string) *ast.FuncType {
	d, ok := c.lookup(name)
	if !ok || d.kind != kindType || !strings.HasPrefix(d.typ, "interface") {
		return nil
	}
	it, ok := parseType(d.typ).(*ast.InterfaceType)
	if !ok {
		return nil
	}
	for _, f := range it.Methods.List {
		if ft, ok := f.Type.(*ast.FuncType); ok && len(f.Names) == 1 && f.Names[0].Name == m {
			return ft
		}
	}
	return nil
}

// methodLiteral is the func literal that calls method m of an I; with
// spread, a variadic parameter is a slice.
func methodLiteral(iface, m string, ft *ast.FuncType, spread bool) string {
	params := []string{"_gkr " + iface}
	var args []string
	for _, t := range fieldTypes(ft.Params) {
		name := fmt.Sprintf("_gka%d", len(args))
		typ := typeString(t)
		if dots, ok := t.(*ast.Ellipsis); ok {
			name += "..."
			if spread {
				typ = "[]" + typeString(dots.Elt)
			}
		}
		params = append(params, strings.TrimSuffix(name, "...")+" "+typ)
		args = append(args, name)
	}
	call := "_gkr." + m + "(" + strings.Join(args, ", ") + ")"
	var res []string
	for _, t := range fieldTypes(ft.Results) {
		res = append(res, typeString(t))
	}
	results := ""
	switch len(res) {
	case 0:
	case 1:
		results, call = " "+res[0], "return "+call
	default:
		results, call = " ("+strings.Join(res, ", ")+")", "return "+call
	}
	return "func(" + strings.Join(params, ", ") + ")" + results + " { " + call + " }"
}
