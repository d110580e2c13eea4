package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"sync"

	"github.com/traefik/yaegi/stdlib/generic"
)

// IterSource is package iter (Go 1.23), which yaegi's standard library
// lacks, as source for the interpreter: the worker evaluates it in each
// interpreter (Eval: Compile alone leaves its methods unusable), after
// which cells can import "iter". Pull and Pull2 run the iterator in a
// goroutine; a panic there is re-raised by the next or stop call, as in
// Go.
const IterSource = `package iter

// Seq is an iterator over sequences of individual values.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over sequences of pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)

type coro struct {
	resume   chan bool
	yielded  chan struct{}
	started  bool
	done     bool
	panicked any
}

func newCoro() *coro { return &coro{resume: make(chan bool), yielded: make(chan struct{})} }

func (c *coro) run(body func()) {
	defer func() {
		c.panicked = recover()
		c.done = true
		c.yielded <- struct{}{}
	}()
	if <-c.resume {
		body()
	}
}

func (c *coro) yield() bool {
	c.yielded <- struct{}{}
	more := <-c.resume
	return more
}

func (c *coro) switchTo(more bool, body func()) {
	if !c.started {
		c.started = true
		go c.run(body)
	}
	c.resume <- more
	<-c.yielded
	if p := c.panicked; p != nil {
		c.panicked = nil
		panic(p)
	}
}

func (c *coro) next(body func()) bool {
	if !c.done {
		c.switchTo(true, body)
	}
	return !c.done
}

func (c *coro) stop() {
	if !c.done && !c.started {
		c.done = true
	}
	if !c.done {
		c.switchTo(false, nil)
	}
}

// Pull converts the push-style iterator sequence seq into a pull-style
// iterator accessed by the two functions next and stop.
func Pull[V any](seq func(yield func(V) bool)) (func() (V, bool), func()) {
	c := newCoro()
	var v V
	body := func() { seq(func(x V) bool { v = x; return c.yield() }) }
	next := func() (V, bool) {
		if !c.next(body) {
			var zero V
			return zero, false
		}
		return v, true
	}
	return next, c.stop
}

// Pull2 converts the push-style iterator sequence seq into a pull-style
// iterator accessed by the two functions next and stop.
func Pull2[K, V any](seq func(yield func(K, V) bool)) (func() (K, V, bool), func()) {
	c := newCoro()
	var k K
	var v V
	body := func() { seq(func(x K, y V) bool { k, v = x, y; return c.yield() }) }
	next := func() (K, V, bool) {
		if !c.next(body) {
			var zk K
			var zv V
			return zk, zv, false
		}
		return k, v, true
	}
	return next, c.stop
}
`

// isIterPkg reports whether x names package iter.
func (c *compiler) isIterPkg(x ast.Expr) bool {
	return c.pkgOf(x) == "iter"
}

// pkgOf returns the path of the package x names, imported or to be
// auto-imported (the walk may not have reached the selector yet), or "".
func (c *compiler) pkgOf(x ast.Expr) string {
	id, ok := x.(*ast.Ident)
	if !ok || id.Obj != nil {
		return ""
	}
	if p := c.pkgPath(id.Name); p != "" || c.known(id.Name) {
		return p
	}
	p, _ := c.s.resolve(id.Name)
	return p
}

// isIterType reports whether e is iter.Seq[V] or iter.Seq2[K, V].
func (c *compiler) isIterType(e ast.Expr) bool {
	x, _ := indexParts(ast.Unparen(e))
	se, ok := x.(*ast.SelectorExpr)
	return ok && c.isIterPkg(se.X) && (se.Sel.Name == "Seq" || se.Sel.Name == "Seq2")
}

// iterArity returns how many values the iterator x yields (0, 1 or 2),
// or -1 if x is not known to be an iterator function.
func (c *compiler) iterArity(x ast.Expr) int {
	if call, ok := ast.Unparen(x).(*ast.CallExpr); ok {
		if res := c.rawResults(call); len(res) == 1 {
			return c.typeArity(res[0], 0)
		}
		return -1
	}
	return c.typeArity(c.exprType(x), 0)
}

// typeArity returns how many values an iterator of type src yields, -1
// if src is not an iterator type: func(yield func(...) bool), iter.Seq,
// iter.Seq2, or a type of a cell defined as one of these.
func (c *compiler) typeArity(src string, depth int) int {
	if depth > maxTypeDepth {
		return -1
	}
	t := ast.Unparen(parseType(src))
	if x, args := indexParts(t); x != nil {
		if se, ok := x.(*ast.SelectorExpr); ok && c.isIterPkg(se.X) {
			t = iterFuncType(se.Sel.Name, args)
		} else {
			t = x
		}
	}
	switch t := t.(type) {
	case *ast.FuncType:
		return yieldArity(t)
	case *ast.Ident:
		if d, ok := c.lookup(t.Name); ok && d.kind == kindType {
			return c.typeArity(d.typ, depth+1)
		}
	}
	return -1
}

// yieldArity returns the number of parameters of yield if ft is
// func(yield func(...) bool) with at most two of them, else -1.
func yieldArity(ft *ast.FuncType) int {
	if ft.Params.NumFields() != 1 || ft.Results.NumFields() != 0 {
		return -1
	}
	yield, ok := ft.Params.List[0].Type.(*ast.FuncType)
	if !ok || yield.Results.NumFields() != 1 || yield.Params.NumFields() > 2 {
		return -1
	}
	if r, ok := yield.Results.List[0].Type.(*ast.Ident); !ok || r.Name != "bool" {
		return -1
	}
	return yield.Params.NumFields()
}

var (
	stdSigsOnce sync.Once
	stdSigs     map[string]*ast.FuncType // "path.Name" -> signature
)

// stdSignature returns the signature of a generic function of package
// iter, of yaegi's interpreted slices, maps and cmp packages, or of a
// stand-in for one they lack (stdHelpers); nil for any other.
func stdSignature(path, name string) *ast.FuncType {
	if h, ok := stdHelpers[path][name]; ok {
		return helperSignature(h)
	}
	stdSigsOnce.Do(loadStdSigs)
	return stdSigs[path+"."+name]
}

// helperSignature returns the signature of a helper (helperSources).
func helperSignature(name string) *ast.FuncType {
	stdSigsOnce.Do(loadStdSigs)
	return stdSigs["."+name]
}

func loadStdSigs() {
	stdSigs = map[string]*ast.FuncType{}
	srcs := append([]string{IterSource}, generic.Sources[:]...)
	for _, src := range srcs {
		f := parseSource(src)
		if f == nil {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() {
				stdSigs[f.Name.Name+"."+fd.Name.Name] = fd.Type
			}
		}
	}
	for name, src := range helperSources {
		if ft := parseSignature(src); ft != nil {
			stdSigs["."+name] = ft
		}
	}
}

// parseSource parses a Go file; nil if it has errors.
func parseSource(src string) *ast.File {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
	if err != nil {
		return nil
	}
	return f
}

// iterFuncType is the func type iter.Seq or iter.Seq2 stands for.
func iterFuncType(name string, args []ast.Expr) ast.Expr {
	if (name == "Seq" && len(args) == 1) || (name == "Seq2" && len(args) == 2) {
		ts := make([]string, len(args))
		for i, a := range args {
			ts[i] = typeString(a)
		}
		return parseType("func(yield func(" + strings.Join(ts, ", ") + ") bool)")
	}
	return nil
}

// rangeArity returns how many values the iterator rs ranges over yields,
// or -1 if rs does not range over a function.
func (c *compiler) rangeArity(rs *ast.RangeStmt) int {
	if n, ok := c.gen.arity[rs]; ok {
		return n
	}
	if c.gen.arity == nil {
		c.gen.arity = map[*ast.RangeStmt]int{}
	}
	n := c.iterArity(rs.X)
	c.gen.arity[rs] = n
	return n
}
