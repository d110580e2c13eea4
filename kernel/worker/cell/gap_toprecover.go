package cell

import (
	"go/ast"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// Gap toprecover: a func literal deferred at a cell's top level recovers
// the cell's panic, as a deferred call of main recovers main's:
//
//	defer func() { fmt.Println("recovered:", recover()) }()
//	var p *T
//	p.X = 1 // Go: recovered: runtime error: invalid memory address or nil pointer dereference
//
// The worker runs top-level deferred calls when the cell ends (gap
// topdefer), after yaegi's Eval has returned the panic, so yaegi's own
// recover() there returns nil and the cell fails. A recover() written
// directly in the body of such a literal (not in a literal nested in it)
// becomes a call of the runtime's Recover, which returns the cell's
// panic, pending while the worker runs the deferred calls, and stops it:
// the cell then ends normally, after its other deferred calls. The value
// is Go's where yaegi words a runtime error its own way (a runtime.Error
// with Go's text; an index out of range lacks Go's "[i] with length n").
// Without a panic, Recover returns nil, as recover does.
//
// Known differences: `defer handler()` of a named function calling
// recover() is left alone (the same function is called elsewhere, where
// its recover is yaegi's), so it recovers nothing; a recover() does not
// see a panic raised by another top-level deferred call.
var gapTopRecover = gap{
	name:    "toprecover",
	yaegi:   "v0.16.1 runs no top-level deferred call while the panic is pending (gap topdefer runs them after Eval), so their recover() returns nil",
	top:     (*compiler).walkTopRecovers,
	runtime: []string{cellrt.Recover},
}

// walkTopRecovers finds the func literals deferred by the defer
// statements of the cell's own code, not those inside function literals.
func (c *compiler) walkTopRecovers(st ast.Stmt) {
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				c.rewriteRecovers(lit.Body)
			}
		}
		return true
	})
}

// rewriteRecovers makes the recover() calls of body, outside nested
// function literals, calls of the runtime's Recover.
func (c *compiler) rewriteRecovers(body *ast.BlockStmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "recover" && len(n.Args) == 0 && c.isUniverse(id) {
				c.replace(c.off(n.Pos()), c.off(n.End()), func() string { return cellrt.Recover + "()" })
			}
		}
		return true
	})
}
