package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

var gapRangeFunc = gap{
	name:  "rangefunc",
	yaegi: "v0.16.1 has no range over functions (Go 1.23) and no package iter (the worker interprets IterSource)",
	loop: func(c *compiler, st ast.Stmt, lbl *ast.LabeledStmt) bool {
		rs, ok := st.(*ast.RangeStmt)
		return ok && c.rangeFunc(rs, lbl)
	},
	helpers: []helper{
		{name: "_gkSeq0Run", src: "func _gkSeq0Run(seq func(yield func() bool), body func() bool) { done := false; seq(func() bool { if done { panic(" + rangeDone + ") }; done = !body(); return !done }) }"},
		{name: "_gkSeqVar", src: "func _gkSeqVar[V any](seq func(yield func(V) bool)) *V { return new(V) }"},
		{name: "_gkSeqRun", src: "func _gkSeqRun[V any](seq func(yield func(V) bool), p *V, body func() bool) { done := false; seq(func(v V) bool { if done { panic(" + rangeDone + ") }; *p = v; done = !body(); return !done }) }"},
		{name: "_gkSeq2Key", src: "func _gkSeq2Key[K, V any](seq func(yield func(K, V) bool)) *K { return new(K) }"},
		{name: "_gkSeq2Val", src: "func _gkSeq2Val[K, V any](seq func(yield func(K, V) bool)) *V { return new(V) }"},
		{name: "_gkSeq2Run", src: "func _gkSeq2Run[K, V any](seq func(yield func(K, V) bool), p *K, q *V, body func() bool) { done := false; seq(func(k K, v V) bool { if done { panic(" + rangeDone + ") }; *p, *q = k, v; done = !body(); return !done }) }"},
	},
}

// Range over functions (Go 1.23 iterators), which yaegi does not know:
//
//	for k, v := range seq { body }
//
// becomes
//
//	{ _gkseq1 := seq; _gkkey1 := _gkSeq2Key(_gkseq1); _gkval1 := _gkSeq2Val(_gkseq1)
//	  _gkSeq2Run(_gkseq1, _gkkey1, _gkval1, func() bool { k, v := *_gkkey1, *_gkval1; {body}; return true })
//	  dispatch }
//
// The generic helpers find the iterator's types, so the compiler only
// needs to know how many values it yields (iterArity). In the body, break
// and continue of the loop become return false and return true. A return,
// or a break or continue of an enclosing statement, stores an exit code
// (and the returned values) in variables of the outermost range-over-func
// loop of the function and returns false; after the call, the dispatch
// returns, breaks or continues, or passes the exit on to the enclosing
// range-over-func loop. defer, and goto out of the body, cannot be
// expressed that way and are reported as errors.

// rangeDone is Go's panic when an iterator calls yield after the loop
// body stopped the loop.
const rangeDone = `"runtime error: range function continued iteration after function for loop body returned false"`

// rangeFuncState is what the gap keeps while compiling one cell: the
// range-over-func loops in another's body.
type rangeFuncState struct {
	nested map[*ast.RangeStmt]nesting
}

// nested is the nesting of the cell's range-over-func loops.
func (c *compiler) nested() map[*ast.RangeStmt]nesting {
	st := gapState[rangeFuncState](c, "rangefunc")
	if st.nested == nil {
		st.nested = map[*ast.RangeStmt]nesting{}
	}
	return st.nested
}

// nesting places a range-over-func loop in the body of another.
type nesting struct {
	outer *rfLoop
	path  map[string]bool // labels enclosing the loop inside outer's body
}

// rfNest is a range-over-func loop of a function and those nested in
// its body: they share the exit code and returned values.
type rfNest struct {
	id    int
	fn    *ast.FuncType // the enclosing function; nil at cell top level
	exits []rfExit      // exit code i+1 is exits[i]
}

// rfExit is a way out of a loop body other than its own break and
// continue.
type rfExit struct {
	tok   token.Token // RETURN, BREAK or CONTINUE
	label string
	bare  bool // a return without values
}

// rfLoop is one rewritten range-over-func loop.
type rfLoop struct {
	rs     *ast.RangeStmt
	id     int
	label  string
	nest   *rfNest
	parent *rfLoop
	path   map[string]bool
	codes  []int // exits that leave the loop through its dispatch
}

// Helpers running the body (for iterators of 0, 1 and 2 values), and
// making the variables the values pass through.
var (
	seqRun  = []string{"_gkSeq0Run", "_gkSeqRun", "_gkSeq2Run"}
	seqVars = [][]string{nil, {"_gkSeqVar"}, {"_gkSeq2Key", "_gkSeq2Val"}}
)

// rangeFunc rewrites rs if it ranges over an iterator function; it
// reports whether it did (or reported an error).
func (c *compiler) rangeFunc(rs *ast.RangeStmt, lbl *ast.LabeledStmt) bool {
	n := c.rangeArity(rs)
	if n < 0 {
		return false
	}
	if vars := rangeVarCount(rs); vars > n {
		c.rfError(rs.X, fmt.Sprintf("range over %s permits only %d iteration variables, not %d", c.nodeText(rs.X), n, vars))
		return true
	}
	l := c.newLoop(rs, lbl)
	c.scanBody(l, rs.Body)
	c.useHelper(seqRun[n])
	for _, h := range seqVars[n] {
		c.useHelper(h)
	}
	var region ast.Node = rs
	if lbl != nil {
		region = lbl
	}
	c.replace(c.off(region.Pos()), c.off(region.End()), func() string { return c.renderLoop(l, rs, n) })
	return true
}

// rangeVarCount is the number of iteration variables rs declares or
// assigns.
func rangeVarCount(rs *ast.RangeStmt) int {
	switch {
	case rs.Value != nil:
		return 2
	case rs.Key != nil:
		return 1
	}
	return 0
}

func (c *compiler) newLoop(rs *ast.RangeStmt, lbl *ast.LabeledStmt) *rfLoop {
	c.gen.seq++
	l := &rfLoop{rs: rs, id: c.gen.seq}
	if lbl != nil {
		l.label = lbl.Label.Name
	}
	if n, ok := c.nested()[rs]; ok {
		l.parent, l.path, l.nest = n.outer, n.path, n.outer.nest
	} else {
		l.nest = &rfNest{id: l.id, fn: c.funcTypeAround(rs)}
	}
	return l
}

// scanBody registers the edits of the statements of l's body that leave
// it, and notes the range-over-func loops nested in it.
func (c *compiler) scanBody(l *rfLoop, body *ast.BlockStmt) {
	labels := declaredLabels(body)
	var stack []ast.Node // the nodes enclosing the one inspected, in body
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			stack = stack[:len(stack)-1]
			return true
		case *ast.FuncLit:
			return false
		case *ast.RangeStmt:
			if c.rangeArity(n) >= 0 {
				c.noteNested(n, l, stack)
				return false
			}
		case *ast.BranchStmt:
			c.rfBranch(l, n, stack, labels)
		case *ast.ReturnStmt:
			c.rfReturn(l, n)
		case *ast.DeferStmt:
			c.rfError(n, "defer in the body of a range-over-func loop is not supported: the interpreter runs the body as a function, so the call would run at the end of the iteration; move the defer out of the loop")
		}
		stack = append(stack, n)
		return true
	})
}

func (c *compiler) noteNested(rs *ast.RangeStmt, outer *rfLoop, stack []ast.Node) {
	path := map[string]bool{}
	for _, n := range stack {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			path[ls.Label.Name] = true
		}
	}
	c.nested()[rs] = nesting{outer, path}
}

// declaredLabels lists the labels declared in body, outside function
// literals.
func declaredLabels(body *ast.BlockStmt) map[string]bool {
	labels := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			labels[n.Label.Name] = true
		}
		return true
	})
	return labels
}

// rfBranch rewrites a break, continue or goto of l's body: those of the
// loop itself become returns, those of enclosing statements exits.
func (c *compiler) rfBranch(l *rfLoop, br *ast.BranchStmt, stack []ast.Node, labels map[string]bool) {
	switch {
	case br.Tok == token.GOTO:
		if !labels[br.Label.Name] {
			c.rfError(br, "goto out of the body of a range-over-func loop is not supported: the interpreter runs the body as a function; use a labeled break or continue")
		}
		return
	case br.Tok == token.FALLTHROUGH:
		return
	case br.Label == nil && enclosedBy(stack, br.Tok):
		return
	case br.Label != nil && labelEncloses(stack, br.Label.Name):
		return
	case br.Label != nil && br.Label.Name != l.label:
		c.rfExit(l, br, rfExit{tok: br.Tok, label: br.Label.Name})
		return
	}
	ret := "return true"
	if br.Tok == token.BREAK {
		ret = "return false"
	}
	c.replace(c.off(br.Pos()), c.off(br.End()), func() string { return ret })
}

// enclosedBy reports whether stack holds the statement an unlabeled
// branch tok refers to: a loop, or for break also a switch or select.
func enclosedBy(stack []ast.Node, tok token.Token) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if tok == token.BREAK {
				return true
			}
		}
	}
	return false
}

// labelEncloses reports whether a statement of stack has label name.
func labelEncloses(stack []ast.Node, name string) bool {
	for _, n := range stack {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Label.Name == name {
			return true
		}
	}
	return false
}

func (c *compiler) rfReturn(l *rfLoop, rs *ast.ReturnStmt) {
	if len(rs.Results) > 0 && (l.nest.fn == nil || l.nest.fn.Results.NumFields() == 0) {
		c.rfError(rs, "too many return values")
		return
	}
	c.rfExit(l, rs, rfExit{tok: token.RETURN, bare: len(rs.Results) == 0})
}

// rfExit makes st, in l's body, leave through exit e: it stores e's code
// and returned values and stops the iteration; each loop up to the one
// where e can be taken dispatches on the code.
func (c *compiler) rfExit(l *rfLoop, st ast.Stmt, e rfExit) {
	code := l.nest.code(e)
	for x := l; ; x = x.parent {
		x.addCode(code)
		if resolves(x, e) {
			break
		}
	}
	c.replace(c.off(st.Pos()), c.off(st.End()), func() string {
		s := "{ "
		if rs, ok := st.(*ast.ReturnStmt); ok && len(rs.Results) > 0 {
			s += strings.Join(l.nest.results(), ", ") + " = " +
				c.r.seg(c.off(rs.Results[0].Pos()), c.off(rs.Results[len(rs.Results)-1].End())) + "; "
		}
		return s + fmt.Sprintf("_gkexit%d = %d; return false }", l.nest.id, code)
	})
}

// code returns the exit code of e, adding it if new.
func (n *rfNest) code(e rfExit) int {
	for i, x := range n.exits {
		if x == e {
			return i + 1
		}
	}
	n.exits = append(n.exits, e)
	return len(n.exits)
}

func (l *rfLoop) addCode(code int) {
	for _, x := range l.codes {
		if x == code {
			return
		}
	}
	l.codes = append(l.codes, code)
}

// results are the names of the variables holding the returned values.
func (n *rfNest) results() []string {
	names := make([]string, len(fieldTypes(n.fn.Results)))
	for i := range names {
		names[i] = fmt.Sprintf("_gkres%d_%d", n.id, i)
	}
	return names
}

// resolves reports whether exit e can be taken after loop x: x is the
// outermost range-over-func loop, or e breaks or continues x's parent or
// a statement between the two.
func resolves(x *rfLoop, e rfExit) bool {
	return x.parent == nil || e.tok != token.RETURN && (e.label == x.parent.label || x.path[e.label])
}

// funcTypeAround returns the type of the innermost function declaration
// or literal around n, in the unit being walked; nil at cell top level.
func (c *compiler) funcTypeAround(n ast.Node) *ast.FuncType {
	var ft *ast.FuncType
	c.eachAround(n, func(m ast.Node) {
		switch m := m.(type) {
		case *ast.FuncDecl:
			ft = m.Type
		case *ast.FuncLit:
			ft = m.Type
		}
	})
	return ft
}

// labeledFor returns the for statement with label name around n, in the
// unit being walked, or nil.
func (c *compiler) labeledFor(name string, n ast.Node) *ast.ForStmt {
	var fs *ast.ForStmt
	c.eachAround(n, func(m ast.Node) {
		if ls, ok := m.(*ast.LabeledStmt); ok && ls.Label.Name == name {
			fs, _ = ls.Stmt.(*ast.ForStmt)
		}
	})
	return fs
}

// eachAround calls f for each node enclosing n in the unit being walked,
// outermost first.
func (c *compiler) eachAround(n ast.Node, f func(ast.Node)) {
	var root ast.Node = c.body
	if c.cur == c.fu {
		root = c.funcs
	}
	ast.Inspect(root, func(m ast.Node) bool {
		if m == nil || m.Pos() > n.Pos() || m.End() < n.End() {
			return false
		}
		f(m)
		return true
	})
}

// renderLoop renders the rewritten loop l, whose iterator yields n values.
func (c *compiler) renderLoop(l *rfLoop, rs *ast.RangeStmt, n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	if l.parent == nil && len(l.nest.exits) > 0 {
		b.WriteString(c.nestVars(l.nest))
	}
	seq := fmt.Sprintf("_gkseq%d", l.id)
	b.WriteString(seq + " := " + c.seg(rs.X) + "; ")
	args := []string{seq}
	for i, h := range seqVars[n] {
		p := fmt.Sprintf("_gk%s%d", []string{"key", "val"}[i], l.id)
		b.WriteString(p + " := " + h + "(" + seq + "); ")
		args = append(args, p)
	}
	b.WriteString(seqRun[n] + "(" + strings.Join(args, ", ") + ", func() bool { " +
		c.iterVars(rs, args[1:]) + "{" + c.inner(rs.Body) + "}; return true }); ")
	b.WriteString(c.dispatch(l))
	return b.String() + "}"
}

// nestVars declares the exit code and returned values of a nest.
func (c *compiler) nestVars(n *rfNest) string {
	s := fmt.Sprintf("var _gkexit%d int; ", n.id)
	if n.fn == nil {
		return s
	}
	for i, t := range fieldTypes(n.fn.Results) {
		s += fmt.Sprintf("var _gkres%d_%d %s; ", n.id, i, c.nodeText(t))
	}
	return s
}

// iterVars declares or assigns the iteration variables from the values
// the pointers ptrs point to.
func (c *compiler) iterVars(rs *ast.RangeStmt, ptrs []string) string {
	var lhs, rhs []string
	for i, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); e == nil || ok && id.Name == "_" {
			continue
		}
		lhs = append(lhs, c.seg(e))
		rhs = append(rhs, "*"+ptrs[i])
	}
	if len(lhs) == 0 {
		return ""
	}
	op := " = "
	if rs.Tok == token.DEFINE {
		op = " := "
	}
	return strings.Join(lhs, ", ") + op + strings.Join(rhs, ", ") + "; "
}

// dispatch takes, after loop l, the exits that leave it: those it
// resolves, and passes the others on by stopping the enclosing loop.
func (c *compiler) dispatch(l *rfLoop) string {
	var b strings.Builder
	pass := false
	for _, code := range l.codes {
		e := l.nest.exits[code-1]
		if !resolves(l, e) {
			pass = true
			continue
		}
		fmt.Fprintf(&b, "if _gkexit%d == %d { %s }; ", l.nest.id, code, c.exitAction(l, e))
	}
	if pass {
		fmt.Fprintf(&b, "if _gkexit%d != 0 { return false }; ", l.nest.id)
	}
	return b.String()
}

// exitAction is the statement taking exit e after loop l.
func (c *compiler) exitAction(l *rfLoop, e rfExit) string {
	if e.tok == token.RETURN {
		if e.bare && l.nest.fn == nil {
			return cellrt.EndCell + "()" // a return at the cell's top level (gap topreturn)
		}
		if e.bare {
			return "return"
		}
		return "return " + strings.Join(l.nest.results(), ", ")
	}
	reset := fmt.Sprintf("_gkexit%d = 0; ", l.nest.id)
	switch {
	case l.parent != nil && e.label == l.parent.label && e.tok == token.BREAK:
		return reset + "return false"
	case l.parent != nil && e.label == l.parent.label:
		return reset + "return true"
	}
	if fs := c.labeledFor(e.label, l.rs); fs != nil && e.tok == token.CONTINUE && c.gen.copyBack[fs] != "" {
		reset += c.gen.copyBack[fs] + "; "
	}
	return reset + e.tok.String() + " " + e.label
}

// rfError reports a construct the rewrite cannot express.
func (c *compiler) rfError(n ast.Node, msg string) {
	line, col := c.r.lt.pos(c.off(n.Pos()))
	c.diags = append(c.diags, Diag{Line: line, Col: col, Msg: msg})
}
