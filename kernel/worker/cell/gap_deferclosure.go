package cell

import "go/ast"

// Gap deferclosure: a deferred call of a variable that holds a func
// literal of the same function hangs.
//
// yaegi v0.16.1 runs a function's deferred calls holding the mutex of its
// frame (interp/run.go, runCfg), and a func literal's value, when called,
// locks the mutex of the frame that made it once its body has run
// (getFunc). A literal made by the function and called by its deferred
// calls therefore deadlocks after its body ran:
//
//	func f() { cleanup := func() { fmt.Println("bye") }; defer cleanup() } // prints bye, then hangs
//
// A func literal that yaegi passes straight to a call, or that another
// function's frame makes, does not lock this frame. So the func literals
// assigned to a variable that the function defers a call of are made by
// an immediately called func literal (as in funcargs.go):
//
//	cleanup := func() func() { return func() { ... } }()
//
// The literal still shares the function's variables, as in Go.
var gapDeferClosure = gap{
	name:   "deferclosure",
	yaegi:  "v0.16.1 hangs after a deferred call of a variable holding a func literal of the same function: `cleanup := func() {...}; defer cleanup()` deadlocks",
	visits: onFuncBodies((*compiler).visitDeferClosure),
}

// visitDeferClosure freezes the func literals assigned to the variables
// a function body defers calls of.
func (c *compiler) visitDeferClosure(body *ast.BlockStmt) {
	deferred := deferredVars(body)
	if len(deferred) == 0 {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			c.freezeAssigned(n.Lhs, n.Rhs, deferred)
		case *ast.ValueSpec:
			names := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				names[i] = id
			}
			c.freezeAssigned(names, n.Values, deferred)
		}
		return true
	})
}

// deferredVars returns the variables whose calls body defers.
func deferredVars(body *ast.BlockStmt) map[*ast.Object]bool {
	vars := map[*ast.Object]bool{}
	defers, _ := ownDefers(body)
	for _, ds := range defers {
		if id, ok := ast.Unparen(ds.Call.Fun).(*ast.Ident); ok && id.Obj != nil && id.Obj.Kind == ast.Var {
			vars[id.Obj] = true
		}
	}
	return vars
}

// freezeAssigned freezes the func literals of values assigned one to one
// to a variable in vars.
func (c *compiler) freezeAssigned(lhs, rhs []ast.Expr, vars map[*ast.Object]bool) {
	if len(lhs) != len(rhs) {
		return
	}
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		lit, isLit := ast.Unparen(rhs[i]).(*ast.FuncLit)
		if ok && isLit && id.Obj != nil && vars[id.Obj] {
			c.freezeFuncLit(lit)
		}
	}
}
