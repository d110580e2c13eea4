package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

// Go 1.22 loop variables: when a loop body contains a func literal, a go
// statement or &, each iteration gets a fresh copy of the loop variables
// (changes in the body carry over, also through continue). Loops without
// those are left alone: the difference is unobservable.
var gapLoopVar = gap{
	name:  "loopvar",
	yaegi: "v0.16.1 shares a for loop's variables between iterations, as Go did before 1.22 (traefik/yaegi#1643; PR #1645 open)",
	loop: func(c *compiler, st ast.Stmt, lbl *ast.LabeledStmt) bool {
		switch st := st.(type) {
		case *ast.RangeStmt:
			if st.Tok != token.DEFINE || !captures(st.Body) {
				return false
			}
			c.rangeLoopvar(st)
			c.freezeFuncArgs(st.Body)
		case *ast.ForStmt:
			if !captures(st.Body) {
				return false
			}
			c.forLoopvar(st, lbl)
			c.freezeFuncArgs(st.Body)
		default:
			return false
		}
		return true
	},
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
