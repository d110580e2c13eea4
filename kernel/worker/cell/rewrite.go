package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// rewriteAll walks the cell's declarations and statements and registers
// the edits that make yaegi run them like Go: recovered goroutines, loop
// rewrites, missing builtins, `return <-ch`, main/init renames, and notes
// packages to auto-import.
func (c *compiler) rewriteAll() {
	c.cur = c.fu
	for _, d := range c.funcs.Decls {
		c.walk(d)
	}
	c.cur = c.bu
	c.rewriteTupleAssigns(c.body.List)
	for _, st := range c.body.List {
		c.walk(st)
		c.walkTopDefers(st)
	}
}

// walkTopDefers rewrites the defer statements of the cell's own code, not
// those inside function literals.
func (c *compiler) walkTopDefers(st ast.Stmt) {
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			c.rewriteTopDefer(n)
		}
		return true
	})
}

func (c *compiler) walk(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		c.visitRangeString(n)
		switch n := n.(type) {
		case *ast.SelectorExpr:
			c.noteSelector(n)
			c.rewriteStdin(n)
		case *ast.Ident:
			c.renameMain(n)
		case *ast.FuncDecl:
			c.renameEntry(n)
		case *ast.GoStmt:
			c.rewriteGo(n)
		case *ast.CallExpr:
			c.rewriteBuiltin(n)
			c.rewriteStdCall(n)
			c.rewriteGenericCall(n)
			c.rewriteIterConversion(n)
			c.rewriteTypeVerbs(n)
			c.rewriteErrorArgs(n)
			c.rewriteErrorConversion(n)
		case *ast.AssignStmt:
			c.rewriteGenericDefine(n)
			c.rewriteErrorAssign(n)
		case *ast.ValueSpec:
			c.rewriteErrorDecl(n)
		case *ast.DeclStmt:
			c.rewriteGenericVar(n)
		case *ast.BlockStmt:
			c.rewriteTupleAssigns(n.List)
		case *ast.CaseClause:
			c.rewriteTupleAssigns(n.Body)
		case *ast.CommClause:
			c.rewriteTupleAssigns(n.Body)
		case *ast.ReturnStmt:
			c.rewriteReturn(n)
		case *ast.LabeledStmt:
			c.rewriteLoop(n.Stmt, n)
		case *ast.ForStmt, *ast.RangeStmt:
			c.rewriteLoop(n.(ast.Stmt), nil)
		}
		c.visitDeferArgs(n)
		c.visitDeferClosure(n)
		c.visitSelectBreak(n)
		c.visitRangeAssign(n)
		c.visitSwitchIface(n)
		c.visitShiftArg(n)
		c.visitBigConst(n)
		c.visitSelectAssign(n)
		c.visitNewExpr(n)
		c.visitAddrPtrArray(n)
		c.visitCommaOk(n)
		c.visitCommaOkAssign(n)
		c.visitIfaceMethodExpr(n)
		c.visitMethodValue(n)
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
	c.replace(c.off(se.Pos()), c.off(se.End()), func() string { return "_gkrt.Stdin" })
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

// goRecover is the deferred call that reports a goroutine's panic.
func goRecover(where string) string {
	return fmt.Sprintf("defer func() { if _gkr := recover(); _gkr != nil { _gkrt.GoPanic(_gkr, %q) } }(); ", where)
}

// rewriteGo makes a panic in the goroutine reported through _gkrt.GoPanic
// instead of killing the process. `go func(...){...}(args)` gets the
// deferred recover as first statement; any other `go f(args)` becomes
// `{ _gkf, _gka0 := f, a0; go func() { defer ...; _gkf(_gka0) }() }` so that
// the function value and arguments are still evaluated at the go statement.
func (c *compiler) rewriteGo(gs *ast.GoStmt) {
	where := c.r.where(c.off(gs.Pos()))
	if fl, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit); ok {
		c.r.insert(c.off(fl.Body.Lbrace)+1, goRecover(where))
		return
	}
	c.replace(c.off(gs.Pos()), c.off(gs.End()), func() string {
		return c.bindCall(gs.Call, func(call string) string {
			return "go func() { " + goRecover(where) + call + " }()"
		})
	})
}

// rewriteTopDefer hands a defer statement of the cell's top level to the
// worker, which runs it when the cell ends (yaegi would run it again after
// every later cell). As in Go, the function and its arguments are
// evaluated at the defer statement: they are passed as values to
// _gkrt.Defer, since yaegi shares a loop body's variables between
// iterations and a closure would see only the last. Builtins and calls
// with ... cannot be passed that way and are wrapped in a closure.
func (c *compiler) rewriteTopDefer(ds *ast.DeferStmt) {
	call := ds.Call
	c.replace(c.off(ds.Pos()), c.off(ds.End()), func() string {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); (ok && c.isUniverse(id)) || call.Ellipsis.IsValid() {
			return c.bindCall(call, func(call string) string {
				return "_gkrt.DeferFunc(func() { " + call + " })"
			})
		}
		parts := []string{c.seg(call.Fun)}
		for _, a := range call.Args {
			parts = append(parts, c.seg(a))
		}
		return "_gkrt.Defer(" + strings.Join(parts, ", ") + ")"
	})
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

// rewriteReturn works around yaegi issue #1725: `return <-ch` fails, so
// receive operands are bound to temporaries first.
func (c *compiler) rewriteReturn(rs *ast.ReturnStmt) {
	has := false
	for _, e := range rs.Results {
		if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			has = true
		}
	}
	if !has {
		return
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		var binds, res []string
		for i, e := range rs.Results {
			if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				name := fmt.Sprintf("_gkrv%d", i)
				binds = append(binds, name+" := "+c.seg(e)+"; ")
				res = append(res, name)
				continue
			}
			res = append(res, c.seg(e))
		}
		return "{ " + strings.Join(binds, "") + "return " + strings.Join(res, ", ") + " }"
	})
}
