package cell

import (
	"go/ast"
	"go/token"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// Gap recovervalue: recover() returns Go's runtime error for a run-time
// panic, a value that is an error and a runtime.Error.
//
// yaegi v0.16.1 runs indexing, nil dereferences and slicing through
// reflect and interprets type assertions itself, so what a deferred
// recover() returns is reflect's panic (a string for an index or slice
// out of range, a *reflect.ValueError for a nil dereference) or the
// interpreter's error type for a failed assertion, with a position in
// front of Go's text:
//
//	defer func() { r := recover(); _, ok := r.(error); fmt.Println(ok) }()
//	var s []int; _ = s[3] // Go: true, yaegi: false
//
// The recovered value is converted where it is stored:
//
//	r := recover()                  →  r := recover(); if r != nil { r = _gkrt.RecoverValue(r) }
//	if r := recover(); r != nil {   →  if r := recover(); r != nil { r = _gkrt.RecoverValue(r);
//
// _gkrt.RecoverValue (cellrt.Recovered) turns those values into a
// runtime.Error with Go's text ("runtime error: index out of range", without the index and
// length that Go adds, which yaegi does not report); runtime errors of
// native code (a nil map write, a division by zero) and user panics pass
// as they are. The call itself stays as written: recover() must be called
// by the deferred function, and yaegi fails when a recover() that
// returns nil is passed to a function ("reflect: call of
// reflect.Value.Type on zero Value"). Other uses (`recover().(error)`,
// recover() as an argument) keep yaegi's value.
var gapRecoverValue = gap{
	name:    "recovervalue",
	yaegi:   "v0.16.1's recover() returns reflect's panic value or the interpreter's error for a run-time error, not a runtime.Error",
	visits:  append(onStmtLists((*compiler).visitRecoverStores), on((*compiler).visitRecoverIf)),
	runtime: []string{cellrt.RecoverValue},
}

// visitRecoverStores converts the value of `r := recover()` and
// `r = recover()` statements of a block or a clause.
func (c *compiler) visitRecoverStores(list []ast.Stmt) {
	for _, st := range list {
		if name, ok := recoverStore(st); ok {
			c.r.insert(c.off(st.End()), "; if "+name+" != nil { "+name+" = "+cellrt.RecoverValue+"("+name+") }")
		}
	}
}

// visitRecoverIf converts the value of `if r := recover(); ... {` at the
// start of the if's body.
func (c *compiler) visitRecoverIf(is *ast.IfStmt) {
	if name, ok := recoverStore(is.Init); ok {
		c.r.insert(c.off(is.Body.Lbrace)+1, " if "+name+" != nil { "+name+" = "+cellrt.RecoverValue+"("+name+") }; ")
	}
}

// recoverStore reports whether st stores a call of the builtin recover in
// one variable, and names it.
func recoverStore(st ast.Stmt) (string, bool) {
	as, ok := st.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || (as.Tok != token.DEFINE && as.Tok != token.ASSIGN) {
		return "", false
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	call, isCall := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || id.Name == "_" || !isCall || len(call.Args) != 0 {
		return "", false
	}
	fun, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || fun.Name != "recover" || fun.Obj != nil {
		return "", false
	}
	return id.Name, true
}
