package cell

import (
	"fmt"
	"go/ast"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// assemble renders Decls, Stmts, PlainStmts and Replay, and decides
// Result.
func (c *compiler) assemble() {
	c.plan.Decls = c.decls()
	final, stmts := c.finalExpr()
	plain := c.stmts(stmts)
	wrapped := plain
	if final != nil {
		c.cur = c.bu
		start := c.off(final.Pos())
		text := c.r.lineDir(start) + c.r.text(start, c.off(final.End()))
		plain += text
		wrapped += text
		if !c.silent(final.X) {
			c.plan.Result = true
			c.plan.ShowLine, c.plan.ShowCol = c.r.lt.pos(start)
			_, c.plan.ResultIsCall = ast.Unparen(final.X).(*ast.CallExpr)
			wrapped = c.stmts(stmts) + c.r.lineDir(start) + cellrt.Show + "(" + c.r.seg(start, c.off(final.End())) + ")"
		}
	}
	if c.mainDecl != nil {
		plain += "\n_gkmain()"
		wrapped += "\n_gkmain()"
		c.plan.Result = false
		wrapped = plain
	}
	if plain != "" {
		c.plan.Stmts, c.plan.PlainStmts = ";"+wrapped, ";"+plain
	}
	c.plan.Replay = c.replay()
}

// decls renders the helpers the cell needs and its declarations in source
// order.
func (c *compiler) decls() string {
	type piece struct {
		start int
		text  string
	}
	var ps []piece
	c.cur = c.fu
	for _, d := range c.funcs.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			start := c.off(fd.Pos())
			text := c.r.lineDir(start) + c.r.text(start, c.off(fd.End()))
			ps = append(ps, piece{start, text + c.funcTextGaps(fd)})
			c.recordFunc(fd, text)
		}
	}
	c.cur = c.bu
	for _, st := range c.body.List {
		start := c.off(st.Pos())
		if decl, ok := c.varDecls[st]; ok {
			ps = append(ps, piece{start, c.r.lineDir(start) + decl})
		}
		if c.hoisted[st] {
			ps = append(ps, piece{start, c.r.lineDir(start) + c.hoist(st)})
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].start < ps[j].start })
	var b strings.Builder
	for _, h := range c.plan.helpers {
		b.WriteString(helperSources[h] + "\n")
	}
	for _, p := range ps {
		b.WriteString(p.text)
	}
	return b.String()
}

// hoist renders a top-level statement moved to the declarations.
func (c *compiler) hoist(st ast.Stmt) string {
	as, ok := st.(*ast.AssignStmt)
	if !ok {
		return c.r.text(c.off(st.Pos()), c.off(st.End()))
	}
	lhs := c.r.seg(c.off(as.Lhs[0].Pos()), c.off(as.Lhs[len(as.Lhs)-1].End()))
	rhs := c.r.seg(c.off(as.Rhs[0].Pos()), c.off(as.Rhs[len(as.Rhs)-1].End()))
	return "var " + lhs + " = " + rhs
}

// finalExpr returns the expression statement that ends the cell, if any,
// and the statements before it.
func (c *compiler) finalExpr() (*ast.ExprStmt, []ast.Stmt) {
	var list []ast.Stmt
	for _, st := range c.body.List {
		if _, empty := st.(*ast.EmptyStmt); !empty && !c.hoisted[st] {
			list = append(list, st)
		}
	}
	var last *item
	for i := range c.items {
		if c.items[i].kind != itemSep {
			last = &c.items[i]
		}
	}
	if len(list) == 0 || last == nil {
		return nil, list
	}
	es, ok := list[len(list)-1].(*ast.ExprStmt)
	if !ok || last.kind != itemStmt || c.bu.off(es.Pos()) != last.start {
		return nil, list
	}
	return es, list[:len(list)-1]
}

// stmts renders top-level statements, init calls first.
func (c *compiler) stmts(list []ast.Stmt) string {
	var b strings.Builder
	for i := range c.initDecls {
		fmt.Fprintf(&b, "\n_gkinit%d()", c.s.initSeen+i)
	}
	c.cur = c.bu
	for _, st := range list {
		start := c.off(st.Pos())
		text := c.r.text(start, c.off(st.End()))
		b.WriteString(c.r.lineDir(start))
		b.WriteString(c.topTextGaps(st, text))
	}
	return b.String()
}

// replay is the source that re-establishes the cell's imports and
// declarations in a fresh interpreter.
func (c *compiler) replay() string {
	var b strings.Builder
	for _, im := range c.plan.Imports {
		b.WriteString(im.Source() + "\n")
	}
	b.WriteString(c.plan.Decls)
	return b.String()
}
