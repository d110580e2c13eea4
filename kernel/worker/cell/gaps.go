package cell

import (
	"go/ast"
	"reflect"
)

// A gap is one workaround for something yaegi v0.16.1 lacks or gets
// wrong. Each lives in its own file, gap_<name>.go, with its golden test
// testdata/gaps/<name>.txt, and has one line in the table gaps. When yaegi
// fixes it, deleting the file, the golden file and the table line removes
// it.
//
// A gap's rewrite is one or more hooks; the compiler calls the hooks of
// every gap, in table order, at these points:
//   - keepVar: for every var declaration among the cell's statements,
//     before the walk; true keeps it a statement (in order) rather than a
//     declaration of Decls;
//   - visits: for every node of the cell's declarations and statements of
//     the visitor's node type, in the order of ast.Inspect (and once for
//     the block of the cell's top-level statements, before them);
//   - loop: for every for and range statement (with its label, if any),
//     until one gap claims it by returning true;
//   - top: for every top-level statement, after the visits of its nodes;
//   - topText: on the rendered text of every top-level statement;
//   - funcText: after every func or method declaration, for text to add.
type gap struct {
	name  string // the file's and golden file's name
	yaegi string // what yaegi v0.16.1 does, with the upstream issue if one exists

	keepVar  func(c *compiler, gd *ast.GenDecl) bool
	visits   []visitor
	loop     func(c *compiler, st ast.Stmt, lbl *ast.LabeledStmt) bool
	top      func(c *compiler, st ast.Stmt)
	topText  func(c *compiler, st ast.Stmt, text string) string
	funcText func(c *compiler, fd *ast.FuncDecl) string

	helpers  []helper                     // interpreted helpers its rewrites call
	standIns map[string]map[string]string // package path → function → helper standing in for it
	builtins map[string]string            // builtin → helper standing in for it
	runtime  []string                     // the cellrt functions its code calls
}

// gaps is the table of gaps, in the order the compiler runs their hooks;
// the order decides the emitted code, which testdata/emitted guards.
// `go doc -u . gaps` lists them; `go doc -u . gapRangeInt` shows one, with
// the yaegi behaviour it answers.
var gaps = []gap{
	gapGoroutinePanic,  // a panic in a goroutine ends the process
	gapPrint,           // print and println write to standard output
	gapMinMaxClear,     // no min, max, clear (traefik/yaegi#1674)
	gapStdFuncs,        // generic standard functions missing or not instantiable
	gapGenerics,        // type arguments not inferred from func literals, core types, variadics
	gapIterConversion,  // a function cannot be converted to iter.Seq
	gapTypeVerb,        // %T names interpreted types wrongly
	gapErrText,         // a cell type's Error method is not used by fmt
	gapAsError,         // a struct with a value-receiver Error method stored as error loses its methods
	gapGenericVar,      // var x = g(...), g generic, cannot be declared at package level
	gapRangeString,     // range over a string steps through []rune (runs before tupleassign)
	gapTupleAssign,     // a, b = x, f() loses x
	gapReturnRecv,      // a receive in a return statement fails (traefik/yaegi#1725)
	gapRangeFunc,       // no range over functions (Go 1.23)
	gapRangeInt,        // no range over int (traefik/yaegi#1701, PR #1645)
	gapLoopVar,         // loop variables shared by all iterations (traefik/yaegi#1643)
	gapTopDefer,        // a top-level defer runs again after every later cell
	gapTopReturn,       // no return at the top level
	gapTopRecover,      // recover() in a top-level deferred call returns nil
	gapTopLevelWrap,    // some compound statements fail only at top level
	gapErrorSelf,       // native code gets the wrong value of a struct error
	gapDeferArgs,       // a deferred call's operands are read when it runs
	gapDeferClosure,    // a deferred call of the function's own func literal hangs
	gapSelectBreak,     // break and continue in select clauses go wrong
	gapRangeAssign,     // for k, v = range x declares fresh variables
	gapSwitchIface,     // a switch on an interface converts the tag; case lists check one condition
	gapShiftArg,        // an untyped shift argument is an int
	gapBigConst,        // constant operations beyond int64 overflow
	gapSelectAssign,    // select { case v = <-c: } panics
	gapNewExpr,         // no new(value) (Go 1.26)
	gapAddrPtrArray,    // no &p[i] on a pointer to an array
	gapCommaOk,         // top-level comma-ok declarations fail
	gapCommaOkAssign,   // v, ok = m[k] keeps v on a miss
	gapIfaceMethodExpr, // I.M on an interface lacks the receiver parameter
	gapMethodValue,     // a method value reads its receiver when called
	gapRecoverValue,    // recover() of a run-time panic is not a runtime.Error
}

// keepVarGaps reports whether a gap keeps a var declaration a statement.
func (c *compiler) keepVarGaps(gd *ast.GenDecl) bool {
	for i := range gaps {
		if k := gaps[i].keepVar; k != nil && k(c, gd) {
			return true
		}
	}
	return false
}

// A visitor is a visit hook for the nodes of one type (see on).
type visitor struct {
	typ   reflect.Type
	visit func(c *compiler, n ast.Node)
}

// on makes the visitor that calls f for the nodes of type N.
func on[N ast.Node](f func(c *compiler, n N)) visitor {
	return visitor{reflect.TypeFor[N](), func(c *compiler, n ast.Node) { f(c, n.(N)) }}
}

// onFuncBodies makes the visitors that call f for the body of every
// function declaration with a body and every function literal.
func onFuncBodies(f func(c *compiler, body *ast.BlockStmt)) []visitor {
	return []visitor{
		on(func(c *compiler, fd *ast.FuncDecl) {
			if fd.Body != nil {
				f(c, fd.Body)
			}
		}),
		on(func(c *compiler, fl *ast.FuncLit) { f(c, fl.Body) }),
	}
}

// onStmtLists makes the visitors that call f for the statements of every
// block and every case and select clause (the cell's top-level block
// included, see gap).
func onStmtLists(f func(c *compiler, list []ast.Stmt)) []visitor {
	return []visitor{
		on(func(c *compiler, b *ast.BlockStmt) { f(c, b.List) }),
		on(func(c *compiler, cc *ast.CaseClause) { f(c, cc.Body) }),
		on(func(c *compiler, cc *ast.CommClause) { f(c, cc.Body) }),
	}
}

// visitorsByType are the visit hooks of the gaps by node type, in table
// order, gathered at init: the walk calls only those of a node's type.
var visitorsByType map[reflect.Type][]func(c *compiler, n ast.Node)

// visitGaps runs the visit hooks of the gaps on n.
func (c *compiler) visitGaps(n ast.Node) {
	for _, visit := range visitorsByType[reflect.TypeOf(n)] {
		visit(c, n)
	}
}

// loopGaps offers a for or range statement to the gaps' loop hooks, once.
func (c *compiler) loopGaps(st ast.Stmt, lbl *ast.LabeledStmt) {
	if c.loopDone == nil {
		c.loopDone = map[ast.Stmt]bool{}
	}
	if c.loopDone[st] {
		return
	}
	c.loopDone[st] = true
	for i := range gaps {
		if l := gaps[i].loop; l != nil && l(c, st, lbl) {
			return
		}
	}
}

// topGaps runs the top hooks of the gaps on a top-level statement.
func (c *compiler) topGaps(st ast.Stmt) {
	for i := range gaps {
		if t := gaps[i].top; t != nil {
			t(c, st)
		}
	}
}

// topTextGaps passes the rendered text of a top-level statement through
// the gaps' topText hooks.
func (c *compiler) topTextGaps(st ast.Stmt, text string) string {
	for i := range gaps {
		if t := gaps[i].topText; t != nil {
			text = t(c, st, text)
		}
	}
	return text
}

// funcTextGaps returns the text the gaps add after a func declaration.
func (c *compiler) funcTextGaps(fd *ast.FuncDecl) string {
	s := ""
	for i := range gaps {
		if f := gaps[i].funcText; f != nil {
			s += f(c, fd)
		}
	}
	return s
}

// gapState is the state the gap of that name keeps while compiling one
// cell, made on first use.
func gapState[S any](c *compiler, name string) *S {
	if c.gapStates == nil {
		c.gapStates = map[string]any{}
	}
	s, ok := c.gapStates[name].(*S)
	if !ok {
		s = new(S)
		c.gapStates[name] = s
	}
	return s
}
