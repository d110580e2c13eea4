package cell

import "go/ast"

// printFuncs are the runtime functions standing in for the builtins print
// and println, which in Go write to standard error (yaegi's write fmt
// formats to standard output).
var printFuncs = map[string]string{"print": "_gkrt.Print", "println": "_gkrt.Println"}

// rewritePrint replaces a call of the builtin print or println by its
// runtime function and reports whether it did.
func (c *compiler) rewritePrint(call *ast.CallExpr) bool {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || !c.isUniverse(id) {
		return false
	}
	fn, ok := printFuncs[id.Name]
	if !ok {
		return false
	}
	c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return fn })
	return true
}
