package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// rewriteAll walks the cell's declarations and statements: the core
// rewrites (auto-imports, os.Stdin, main/init renames) and the hooks of
// the gaps (gaps.go) register their edits.
func (c *compiler) rewriteAll() {
	c.cur = c.fu
	for _, d := range c.funcs.Decls {
		c.walk(d)
	}
	c.cur = c.bu
	c.visitGaps(c.body)
	for _, st := range c.body.List {
		c.walk(st)
		c.topGaps(st)
	}
}

// walk visits every node of root: the core rewrites first, then the
// gaps' visit and loop hooks.
func (c *compiler) walk(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			c.noteSelector(n)
			c.rewriteStdin(n)
		case *ast.Ident:
			c.renameMain(n)
		case *ast.FuncDecl:
			c.renameEntry(n)
		}
		c.visitGaps(n)
		switch n := n.(type) {
		case *ast.LabeledStmt:
			c.loopGaps(n.Stmt, n)
		case *ast.ForStmt, *ast.RangeStmt:
			c.loopGaps(n.(ast.Stmt), nil)
		}
		return true
	})
}

// rewriteStdin points os.Stdin at the kernel's input, an io.Reader whose
// reads ask the user for a line (input_request), as fmt.Scan's do.
func (c *compiler) rewriteStdin(se *ast.SelectorExpr) {
	id, ok := se.X.(*ast.Ident)
	if !ok || id.Obj != nil || se.Sel.Name != "Stdin" || c.pkgPath(id.Name) != "os" {
		return
	}
	c.replace(c.off(se.Pos()), c.off(se.End()), func() string { return cellrt.Stdin })
}

// replace registers an edit whose generator renders nodes of the unit
// being walked now.
func (c *compiler) replace(start, end int, gen func() string) {
	u := c.cur
	c.r.replace(start, end, func() string {
		c.cur = u
		return gen()
	})
}

// off is the cell offset of p in the unit being walked.
func (c *compiler) off(p token.Pos) int { return c.cur.off(p) }

// seg renders node n (of the unit being walked) with its position.
func (c *compiler) seg(n ast.Node) string {
	return c.r.seg(c.off(n.Pos()), c.off(n.End()))
}

// names joins identifiers made by a rewrite or taken from the cell.
func (c *compiler) names(ids []ast.Expr) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.(*ast.Ident).Name
	}
	return strings.Join(parts, ", ")
}

// exprs renders expressions of the cell, with their positions.
func (c *compiler) exprs(es []ast.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = c.seg(e)
	}
	return strings.Join(parts, ", ")
}

// renameEntry renames func main and func init: yaegi would run main again
// after every later Eval. The compiled plan calls them once itself.
func (c *compiler) renameEntry(fd *ast.FuncDecl) {
	var to string
	switch {
	case fd == c.mainDecl:
		to = "_gkmain"
	default:
		for i, d := range c.initDecls {
			if d == fd {
				to = fmt.Sprintf("_gkinit%d", c.s.initSeen+i)
			}
		}
	}
	if to == "" {
		return
	}
	start := c.off(fd.Name.Pos())
	c.replace(start, c.off(fd.Name.End()), func() string { return to })
}

// renameMain makes calls of main (the cell's or an earlier cell's) call
// the renamed function.
func (c *compiler) renameMain(id *ast.Ident) {
	if id.Name != "main" || !(c.mainDecl != nil || c.s.hasMain) {
		return
	}
	if c.mainDecl != nil && id == c.mainDecl.Name {
		return
	}
	if id.Obj != nil && (id.Obj.Kind != ast.Fun || id.Obj.Decl != c.mainDecl) {
		return
	}
	if _, ok := c.s.decls["main"]; ok {
		return
	}
	c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return "_gkmain" })
}

// bindCall renders a go or defer statement's call: the function value and
// non-constant arguments are bound to temporaries first (evaluated now),
// and wrap turns the call on those temporaries into the statement.
func (c *compiler) bindCall(call *ast.CallExpr, wrap func(call string) string) string {
	var names, vals []string
	bind := func(e ast.Expr, name string) string {
		names = append(names, name)
		vals = append(vals, c.seg(e))
		return name
	}
	fun := c.seg(call.Fun)
	if c.mustBindFunc(call.Fun) {
		fun = bind(call.Fun, "_gkf")
	}
	args := make([]string, len(call.Args))
	for i, a := range call.Args {
		if c.isConstExpr(a) {
			args[i] = c.seg(a)
		} else {
			args[i] = bind(a, fmt.Sprintf("_gka%d", i))
		}
	}
	ell := ""
	if call.Ellipsis.IsValid() {
		ell = "..."
	}
	stmt := wrap(fun + "(" + strings.Join(args, ", ") + ell + ")")
	if len(names) == 0 {
		return stmt
	}
	return "{ " + strings.Join(names, ", ") + " := " + strings.Join(vals, ", ") + "; " + stmt + " }"
}

// mustBindFunc reports whether a go statement's function expression must
// be evaluated before the goroutine starts: anything but the name of a
// function, a builtin, a package-qualified name or an instantiation.
func (c *compiler) mustBindFunc(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if e.Obj != nil {
			return e.Obj.Kind == ast.Var
		}
		d, ok := c.lookup(e.Name)
		return ok && d.kind == kindVar
	case *ast.SelectorExpr:
		id, ok := e.X.(*ast.Ident)
		return !ok || c.pkgPath(id.Name) == "" || id.Obj != nil
	case *ast.IndexExpr, *ast.IndexListExpr:
		return false
	}
	return true
}

// isConstExpr reports whether e is a constant that may be evaluated
// anywhere (and must stay untyped): literals, nil/true/false, named
// constants and operations on them.
func (c *compiler) isConstExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		if e.Obj != nil {
			return e.Obj.Kind == ast.Con
		}
		switch e.Name {
		case "nil", "true", "false", "iota":
			if c.isUniverse(e) {
				return true
			}
		}
		d, ok := c.lookup(e.Name)
		return ok && d.kind == kindConst
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND && c.isConstExpr(e.X)
	case *ast.BinaryExpr:
		return c.isConstExpr(e.X) && c.isConstExpr(e.Y)
	}
	return false
}

// hasCall reports whether e calls a function or receives from a channel
// (outside function literals).
func hasCall(e ast.Expr) bool {
	return hasEffect(e, func(*ast.CallExpr) bool { return false })
}

// hasEffect reports whether evaluating e may have an effect: a call that
// harmless does not accept, or a receive (outside function literals,
// which evaluate to a value without running).
func hasEffect(e ast.Expr, harmless func(*ast.CallExpr) bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found { // Inspect goes on with the siblings of what it found
			return false
		}
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = !harmless(x)
		case *ast.UnaryExpr:
			found = x.Op == token.ARROW
		}
		return !found
	})
	return found
}
