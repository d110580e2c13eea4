package cell

import (
	"go/ast"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

var gapTopDefer = gap{
	name:    "topdefer",
	yaegi:   "v0.16.1 keeps the defers of the top level of evaluated code and runs them again at the end of every later Eval",
	top:     (*compiler).walkTopDefers,
	runtime: []string{cellrt.Defer, cellrt.DeferFunc},
}

// walkTopDefers rewrites the defer statements of the cell's own code, not
// those inside function literals.
func (c *compiler) walkTopDefers(st ast.Stmt) {
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			c.rewriteTopDefer(n)
		}
		return true
	})
}

// rewriteTopDefer hands a defer statement of the cell's top level to the
// worker, which runs it when the cell ends (yaegi would run it again after
// every later cell). As in Go, the function and its arguments are
// evaluated at the defer statement: they are passed as values to
// _gkrt.Defer, since yaegi shares a loop body's variables between
// iterations and a closure would see only the last. Builtins and calls
// with ... cannot be passed that way and are wrapped in a closure.
func (c *compiler) rewriteTopDefer(ds *ast.DeferStmt) {
	call := ds.Call
	c.replace(c.off(ds.Pos()), c.off(ds.End()), func() string {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); (ok && c.isUniverse(id)) || call.Ellipsis.IsValid() {
			return c.bindCall(call, func(call string) string {
				return cellrt.DeferFunc + "(func() { " + call + " })"
			})
		}
		parts := []string{c.seg(call.Fun)}
		for _, a := range call.Args {
			parts = append(parts, c.seg(a))
		}
		return cellrt.Defer + "(" + strings.Join(parts, ", ") + ")"
	})
}
