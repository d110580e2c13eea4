package cell

import (
	"fmt"
	"go/ast"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

var gapGoroutinePanic = gap{
	name:    "goroutinepanic",
	yaegi:   "v0.16.1 recovers panics of the evaluated code only: a panic in a goroutine it started kills the process (the worker, and every variable of the session)",
	visits:  []visitor{on((*compiler).rewriteGo)},
	runtime: []string{cellrt.GoPanic},
}

// goRecover is the deferred call that reports a goroutine's panic.
func goRecover(where string) string {
	return fmt.Sprintf("defer func() { if _gkr := recover(); _gkr != nil { "+cellrt.GoPanic+"(_gkr, %q) } }(); ", where)
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
