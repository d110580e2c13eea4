package cell

import (
	"go/ast"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

var gapPrint = gap{
	name:    "print",
	yaegi:   "v0.16.1's print and println write fmt's formats to standard output; Go's write the runtime's formats to standard error",
	visits:  []visitor{on((*compiler).rewritePrint)},
	runtime: []string{cellrt.Print, cellrt.Println},
}

// printFuncs are the runtime functions standing in for the builtins print
// and println.
var printFuncs = map[string]string{"print": cellrt.Print, "println": cellrt.Println}

// rewritePrint replaces a call of the builtin print or println by its
// runtime function.
func (c *compiler) rewritePrint(call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || !c.isUniverse(id) {
		return
	}
	fn, ok := printFuncs[id.Name]
	if !ok {
		return
	}
	c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return fn })
}
