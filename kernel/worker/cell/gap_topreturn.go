package cell

import (
	"go/ast"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// Gap topreturn: a `return` at a cell's top level (outside function
// literals) ends the cell, successfully, after its top-level deferred
// calls, as a return in main's body ends main. yaegi v0.16.1 cannot
// compile it (a "CFG post-order panic" or a wrong result), so it becomes
// a call of the runtime's EndCell, which panics with a private value the
// worker takes for the cell's end: nothing after it runs and nothing is
// shown. No cell code can recover that panic: it unwinds only the cell's
// top level, whose deferred calls the worker runs. A return with values is a compile error, as in main.
var gapTopReturn = gap{
	name:    "topreturn",
	yaegi:   "v0.16.1 cannot compile a return at the top level of evaluated code (\"CFG post-order panic\")",
	top:     (*compiler).walkTopReturns,
	runtime: []string{cellrt.EndCell},
}

// walkTopReturns rewrites the return statements of a top-level statement,
// not those inside function literals, nor those in the body of a range
// over a function, which gap rangefunc turns into an exit code and a
// return (EndCell at the top level) after the loop.
func (c *compiler) walkTopReturns(st ast.Stmt) {
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.RangeStmt:
			return c.rangeArity(n) < 0
		case *ast.ReturnStmt:
			c.rewriteTopReturn(n)
		}
		return true
	})
}

// rewriteTopReturn turns `return` into the panic that ends the cell.
func (c *compiler) rewriteTopReturn(rs *ast.ReturnStmt) {
	if len(rs.Results) > 0 {
		c.rfError(rs, "too many return values: a cell's top level is like the body of main, whose return takes no values")
		return
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string { return cellrt.EndCell + "()" })
}
