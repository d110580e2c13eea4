package cell

import (
	"go/ast"
	"go/token"
)

// A compound top-level statement is wrapped in `func() { ... }()` when it
// contains no return, defer or goto.
var gapTopLevelWrap = gap{
	name:    "toplevelwrap",
	yaegi:   "v0.16.1 mishandles some forms only at the top level of evaluated code: `case v, ok := <-ch` in select, `x, _ := f()` in if/else, and hangs on `k := k` in loops",
	topText: (*compiler).wrapTopLevel,
}

// wrapTopLevel wraps the text of a wrappable top-level statement.
func (c *compiler) wrapTopLevel(st ast.Stmt, text string) string {
	if !wrappable(st) {
		return text
	}
	return "func() {" + c.r.dir(c.off(st.Pos())) + text + "\n}()"
}

// wrappable reports whether a top-level statement is compound and can run
// inside a func literal without changing its meaning.
func wrappable(st ast.Stmt) bool {
	switch st.(type) {
	case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
		*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
	default:
		return false
	}
	ok := true
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.DeferStmt:
			ok = false
		case *ast.BranchStmt:
			ok = ok && n.Tok != token.GOTO
		}
		return ok
	})
	return ok
}
