package cell

import (
	"go/ast"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// Gap deferargs: the function value, receiver and arguments of a deferred
// call are evaluated at the defer statement (Go spec, "Defer statements").
//
// yaegi v0.16.1 stores, for a defer statement, the reflect.Values of the
// frame slots that hold the function and its operands (interp/run.go,
// call and callBin: `val[i+1] = v(f)`), and calls them when the function
// returns. Later writes to those slots change what the deferred call
// sees; in a loop every iteration reuses the same slots:
//
//	func f() { for i := 0; i < 3; i++ { defer fmt.Print(i) } } // Go: 210, yaegi: 333
//	func g() { x := 1; defer fmt.Println(x); x = 2 }           // Go: 1, yaegi: 2
//	for i := 0; i < 3; i++ { defer mk(i)() }                    // yaegi: the last func value thrice
//
// A normal call copies its arguments, so in a function whose defer
// statements need it, the cell compiler declares a list and turns every
// defer statement of that function into a call that pushes the evaluated
// call onto it (keeping their order); the list is run by the function's
// one real defer:
//
//	func f() { _gkd := _gkrt.NewDeferList(); defer _gkd.Run(); for ... { _gkd.Push(fmt.Print, i) } }
//
// recover() still works in a pushed func literal: yaegi's recover reads
// the panic of the frame that made the literal, and the list runs while
// yaegi runs that frame's deferred calls. Pushed calls run last first; a
// panic in one does not stop the others, and the last panic is the one
// that goes on. Known differences: a recover() in a deferred call does
// not see a panic raised by another deferred call; `defer g(x)` with g a
// generic function whose type arguments are inferred, and `defer
// f(g())` with g returning several values, do not compile.
//
// yaegi's method values also read their receiver when called, so a
// deferred method value whose receiver is, as far as the syntax tells, of
// a cell type with that method on a value receiver is taken from a copy
// of the receiver. A method of a compiled type (wg.Done, mu.Unlock) is
// left as it is: its receiver is a pointer.
//
// A function is left alone when none of its defer statements is in a
// loop and each calls a function by name or a func literal with constant
// arguments (`defer wg.Done()` on a variable wg is rewritten: its
// receiver is an operand).
var gapDeferArgs = gap{
	name:    "deferargs",
	yaegi:   "v0.16.1 evaluates a deferred call's function and operands when the call runs, not at the defer statement: `for i := 0; i < 3; i++ { defer fmt.Print(i) }` prints 333",
	visits:  onFuncBodies((*compiler).deferList),
	runtime: []string{cellrt.NewDeferList},
}

// deferList gives body a defer list when one of its defer statements
// needs it, and pushes each of them onto it.
func (c *compiler) deferList(body *ast.BlockStmt) {
	defers, loops := ownDefers(body)
	if len(defers) == 0 {
		return
	}
	inLoop := func(ds *ast.DeferStmt) bool {
		for _, l := range loops {
			if l.Pos() < ds.Pos() && ds.End() <= l.End() {
				return true
			}
		}
		return false
	}
	need := false
	for _, ds := range defers {
		need = need || inLoop(ds) || c.deferHasOperands(ds.Call)
	}
	if !need {
		return
	}
	c.r.insert(c.off(body.Lbrace)+1, "_gkd := "+cellrt.NewDeferList+"(); defer _gkd.Run(); ")
	for _, ds := range defers {
		c.pushDefer(ds, inLoop(ds))
	}
}

// deferHasOperands reports whether a deferred call has an operand whose
// value yaegi would read late: a non-constant argument, or a function
// value other than a function's name or a func literal.
func (c *compiler) deferHasOperands(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if !c.isConstExpr(a) {
			return true
		}
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		return false
	case *ast.Ident:
		if c.isUniverse(f) {
			return true // yaegi's deferred builtins misbehave: `defer panic(1)` hides later writes
		}
	}
	return c.mustBindFunc(call.Fun)
}

// deferBuiltins are the builtins a defer statement may call; they are no
// values, so the list calls them by name.
var deferBuiltins = map[string]bool{"close": true, "delete": true, "panic": true, "copy": true, "recover": true}

// pushDefer replaces `defer f(args)` by `_gkd.Push(f, args)`. A func
// literal deferred in a loop is made by an interpreted call, so that it
// keeps the variables of its iteration (see funcargs.go), unless it calls
// recover: yaegi's recover reads the panic of the frame that made the
// literal, which must be the function's own.
func (c *compiler) pushDefer(ds *ast.DeferStmt, inLoop bool) {
	call := ds.Call
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok && inLoop && !c.callsRecover(lit) {
		c.freezeFuncLit(lit)
	}
	c.replace(c.off(ds.Pos()), c.off(ds.End()), func() string {
		parts := []string{c.deferredFunc(call.Fun)}
		method := "Push"
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && deferBuiltins[id.Name] && c.isUniverse(id) {
			parts[0], method = `"`+id.Name+`"`, "PushBuiltin"
		}
		if call.Ellipsis.IsValid() {
			method = "PushSpread"
		}
		for _, a := range call.Args {
			parts = append(parts, c.seg(a))
		}
		return "_gkd." + method + "(" + strings.Join(parts, ", ") + ")"
	})
}

// callsRecover reports whether the body of lit calls the builtin recover
// itself (not in a func literal nested in it).
func (c *compiler) callsRecover(lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "recover" && c.isUniverse(id) {
				found = true
			}
		}
		return !found
	})
	return found
}

// deferredFunc renders the function value of a deferred call. A method
// value whose receiver the syntax tells is of a cell type with that
// method on a value receiver is taken from a copy of the receiver made by
// an interpreted call: yaegi's method value reads its receiver when
// called. (A receiver of unknown type is left alone: copying a
// sync.WaitGroup for its Done would be wrong.)
func (c *compiler) deferredFunc(fun ast.Expr) string {
	se, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok || !c.valueMethod(c.exprType(se.X), se.Sel.Name) {
		return c.seg(fun)
	}
	return "func() any { _gkr := " + c.seg(se.X) + "; return _gkr." + se.Sel.Name + " }()"
}
