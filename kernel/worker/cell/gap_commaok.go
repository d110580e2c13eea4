package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

// Gap commaok: the comma-ok forms that declare variables at a cell's top
// level, `v, ok := m[k]`, `var v, ok = m[k]`, and the same with x.(T) and
// <-ch.
//
// yaegi v0.16.1 runs them inside functions, and runs `v, ok = m[k]` on
// declared variables anywhere, but a comma-ok form that declares
// variables at the top level of a source fails:
//
//	m := map[string]int{"a": 1}; v, ok := m["a"] // nil type
//
// So the variables are declared first, with the value's type when the
// syntax tells it (the map's or channel's element type, the asserted
// type), and assigned with =; a var declaration assigns them inside a
// function, as package-level code must:
//
//	v, ok := m["a"]      →  var v int; var ok bool; v, ok = m["a"]
//	var v, ok = m["a"]   →  var v int; var ok bool; var _ = func() bool { v, ok = m["a"]; return true }()
//
// When the syntax does not tell the type, the cell fails with an error
// that says what to write instead.
var gapCommaOk = gap{
	name:  "commaok",
	yaegi: "v0.16.1 fails on a comma-ok form that declares variables at the top level (`v, ok := m[k]`, x.(T), <-ch: nil type)",
	visits: []visitor{
		on(func(c *compiler, st *ast.AssignStmt) { c.visitCommaOk(st) }),
		on(func(c *compiler, st *ast.DeclStmt) { c.visitCommaOk(st) }),
	},
}

// visitCommaOk rewrites the comma-ok declarations among the cell's
// top-level statements.
func (c *compiler) visitCommaOk(st ast.Stmt) {
	if !c.isTopStmt(st) || c.hoisted[st] && !isDeclStmt(st) {
		return
	}
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE && len(st.Lhs) == 2 && len(st.Rhs) == 1 && isCommaOkExpr(st.Rhs[0]) {
			c.commaOkDefine(st)
		}
	case *ast.DeclStmt:
		gd := st.Decl.(*ast.GenDecl)
		if gd.Tok != token.VAR || len(gd.Specs) != 1 {
			return
		}
		vs := gd.Specs[0].(*ast.ValueSpec)
		if len(vs.Names) == 2 && len(vs.Values) == 1 && vs.Type == nil && isCommaOkExpr(vs.Values[0]) {
			c.commaOkVar(st, vs)
		}
	}
}

func isDeclStmt(st ast.Stmt) bool {
	_, ok := st.(*ast.DeclStmt)
	return ok
}

// isTopStmt reports whether st is one of the cell's top-level statements.
func (c *compiler) isTopStmt(st ast.Stmt) bool {
	for _, top := range c.body.List {
		if top == st {
			return true
		}
	}
	return false
}

func isCommaOkExpr(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		return true
	case *ast.TypeAssertExpr:
		return x.Type != nil
	case *ast.UnaryExpr:
		return x.Op == token.ARROW
	}
	return false
}

// commaOkType is the source of the type of the value of a comma-ok
// expression, or "".
func (c *compiler) commaOkType(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		if t := c.definition(c.exprType(x.X)); strings.HasPrefix(t, "map[") {
			return elemType(t, false)
		}
	case *ast.TypeAssertExpr:
		return c.nodeText(x.Type)
	case *ast.UnaryExpr:
		return elemType(c.definition(c.exprType(x.X)), false)
	}
	return ""
}

// definition is the definition of t when t names a type of the cells
// (`type table map[string]int`), else t.
func (c *compiler) definition(t string) string {
	if d, ok := c.lookup(t); ok && d.kind == kindType {
		return d.typ
	}
	return t
}

// commaOkDefine declares the new variables of `v, ok := e` and assigns
// them.
func (c *compiler) commaOkDefine(as *ast.AssignStmt) {
	typ := c.commaOkType(as.Rhs[0])
	if typ == "" {
		c.rfError(as, "gokernel cannot run `"+c.nodeText(as)+"` at the top level of a cell (yaegi fails there) without knowing the type of the value: "+
			"declare the variables first (var v T; var ok bool) and assign with =, or put the statement inside a function")
		return
	}
	var decls []string
	for i, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name != "_" && id.Obj != nil && id.Obj.Decl == as {
			decls = append(decls, "var "+id.Name+" "+[]string{typ, "bool"}[i]+"; ")
		}
	}
	c.replace(c.off(as.Pos()), c.off(as.End()), func() string {
		return strings.Join(decls, "") + c.exprs(as.Lhs) + " = " + c.seg(as.Rhs[0])
	})
}

// commaOkVar declares the variables of `var v, ok = e` and assigns them
// in the initializer of a blank variable.
func (c *compiler) commaOkVar(st *ast.DeclStmt, vs *ast.ValueSpec) {
	typ := c.commaOkType(vs.Values[0])
	if typ == "" {
		c.rfError(st, "gokernel cannot run `"+c.nodeText(st)+"` at the top level of a cell (yaegi fails there) without knowing the type of the value: "+
			"declare the variables first (var v T; var ok bool) and assign with =, or put the declaration inside a function")
		return
	}
	var decls, names []string
	for i, id := range vs.Names {
		names = append(names, id.Name)
		if id.Name != "_" {
			decls = append(decls, "var "+id.Name+" "+[]string{typ, "bool"}[i]+"; ")
		}
	}
	c.replace(c.off(st.Pos()), c.off(st.End()), func() string {
		return strings.Join(decls, "") + "var _ = func() bool { " + strings.Join(names, ", ") + " = " + c.seg(vs.Values[0]) + "; return true }()"
	})
}
