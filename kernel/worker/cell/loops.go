package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

// rewriteLoop gives loops Go 1.22 semantics yaegi lacks: range over an
// integer, and a fresh loop variable per iteration when the body may
// capture it (a func literal, go statement or & in the body; without one
// the difference is unobservable and the loop is left alone for speed).
func (c *compiler) rewriteLoop(st ast.Stmt, lbl *ast.LabeledStmt) {
	if c.loopDone == nil {
		c.loopDone = map[ast.Stmt]bool{}
	}
	if c.loopDone[st] {
		return
	}
	c.loopDone[st] = true
	switch st := st.(type) {
	case *ast.RangeStmt:
		switch {
		case c.rangeFunc(st, lbl):
		case c.isIntExpr(st.X, 0):
			c.rangeInt(st, lbl)
			c.freezeIfCaptured(st.Body)
		case st.Tok == token.DEFINE && captures(st.Body):
			c.rangeLoopvar(st)
			c.freezeFuncArgs(st.Body)
		}
	case *ast.ForStmt:
		if captures(st.Body) {
			c.forLoopvar(st, lbl)
			c.freezeFuncArgs(st.Body)
		}
	}
}

// freezeIfCaptured freezes the func literal arguments of a loop body
// that may capture its per-iteration variables.
func (c *compiler) freezeIfCaptured(body *ast.BlockStmt) {
	if captures(body) {
		c.freezeFuncArgs(body)
	}
}

// captures reports whether a loop body may keep a reference to a loop
// variable beyond its iteration.
func captures(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND
		}
		return !found
	})
	return found
}

// rangeInt rewrites `L: for i := range n { body }` to
// `{ _gkn := n; L: for _gkc := _gkn - _gkn; _gkc < _gkn; _gkc++ { i := _gkc; {body} } }`:
// n is evaluated once, i has n's type and is fresh in each iteration, and
// changing i in the body does not change the iteration count.
func (c *compiler) rangeInt(rs *ast.RangeStmt, lbl *ast.LabeledStmt) {
	var region ast.Node = rs
	lab := ""
	if lbl != nil {
		region, lab = lbl, lbl.Label.Name+": "
	}
	c.replace(c.off(region.Pos()), c.off(region.End()), func() string {
		key := ""
		if k, ok := rs.Key.(*ast.Ident); rs.Key != nil && !(ok && k.Name == "_") {
			op := " = "
			if rs.Tok == token.DEFINE {
				op = " := "
			}
			key = c.seg(rs.Key) + op + "_gkc; "
		}
		return "{ _gkn := " + c.seg(rs.X) + "; " + lab +
			"for _gkc := _gkn - _gkn; _gkc < _gkn; _gkc++ { " + key + "{" + c.inner(rs.Body) + "} } }"
	})
}

// body renders the inside of a block, without its braces.
func (c *compiler) inner(b *ast.BlockStmt) string {
	return c.r.seg(c.off(b.Lbrace)+1, c.off(b.Rbrace))
}

// rangeLoopvar rewrites `for k, v := range x { body }` to
// `for _gkl_k, _gkl_v := range x { k, v := _gkl_k, _gkl_v; {body} }`.
func (c *compiler) rangeLoopvar(rs *ast.RangeStmt) {
	var outer, inner, vars []string
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		id, ok := e.(*ast.Ident)
		switch {
		case e == nil:
		case !ok || id.Name == "_":
			outer = append(outer, "_")
		default:
			outer = append(outer, "_gkl_"+id.Name)
			inner = append(inner, "_gkl_"+id.Name)
			vars = append(vars, id.Name)
		}
	}
	if len(vars) == 0 {
		return
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		return "for " + strings.Join(outer, ", ") + " := range " + c.seg(rs.X) + " { " +
			strings.Join(vars, ", ") + " := " + strings.Join(inner, ", ") + "; {" + c.inner(rs.Body) + "} }"
	})
}

// forLoopvar rewrites `for i := 0; i < n; i++ { body }` to
// `for _gkl_i := 0; _gkl_i < n; _gkl_i++ { i := _gkl_i; {body}; _gkl_i = i }`,
// and each `continue` of this loop to `{ _gkl_i = i; continue }`: every
// iteration has its own i, and changes made to it carry over to the next
// iteration as in Go 1.22.
func (c *compiler) forLoopvar(fs *ast.ForStmt, lbl *ast.LabeledStmt) {
	as, ok := fs.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return
	}
	objs := map[*ast.Object]string{}
	var vars, outer []string
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return
		}
		if id.Name == "_" || id.Obj == nil {
			continue
		}
		objs[id.Obj] = "_gkl_" + id.Name
		vars = append(vars, id.Name)
		outer = append(outer, "_gkl_"+id.Name)
	}
	if len(vars) == 0 {
		return
	}
	for _, n := range []ast.Node{as, fs.Cond, fs.Post} {
		c.renameObjs(n, objs)
	}
	copyBack := strings.Join(outer, ", ") + " = " + strings.Join(vars, ", ")
	c.gen.noteCopyBack(fs, copyBack)
	c.eachContinue(fs.Body, lbl, func(br *ast.BranchStmt) {
		text := c.nodeText(br)
		c.replace(c.off(br.Pos()), c.off(br.End()), func() string { return "{ " + copyBack + "; " + text + " }" })
	})
	c.replace(c.off(fs.Pos()), c.off(fs.End()), func() string {
		return "for " + c.r.seg(c.off(as.Pos()), c.off(fs.Body.Lbrace)) + "{ " +
			strings.Join(vars, ", ") + " := " + strings.Join(outer, ", ") + "; {" + c.inner(fs.Body) + "}; " + copyBack + " }"
	})
}

// renameObjs registers renames of the identifiers in n that denote objs.
func (c *compiler) renameObjs(n ast.Node, objs map[*ast.Object]string) {
	if n == nil || n == ast.Node(nil) {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Obj != nil {
			if to, ok := objs[id.Obj]; ok {
				c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return to })
			}
		}
		return true
	})
}

// eachContinue calls f for every continue statement in body that
// continues the loop whose body it is (labeled lbl, may be nil).
func (c *compiler) eachContinue(body ast.Node, lbl *ast.LabeledStmt, f func(*ast.BranchStmt)) {
	var visit func(n ast.Node, inner bool)
	visit = func(n ast.Node, inner bool) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if x != n {
					if rs, ok := x.(*ast.RangeStmt); !ok || c.rangeArity(rs) < 0 {
						visit(x, true) // a range-over-func loop's exits are its own (rangefunc.go)
					}
					return false
				}
			case *ast.BranchStmt:
				if x.Tok != token.CONTINUE {
					return true
				}
				if x.Label == nil && !inner || x.Label != nil && lbl != nil && x.Label.Name == lbl.Label.Name {
					f(x)
				}
			}
			return true
		})
	}
	visit(body, false)
}
