package cell

import (
	"go/ast"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

var gapErrorSelf = gap{
	name:     "errorself",
	yaegi:    "v0.16.1 hands a struct value of a cell's type to native code, as an error, with the struct's last field where the value should be, so the worker's errors.Is and errors.As cannot compare it",
	funcText: (*compiler).errorSelfMethod,
}

// errorSelfMethod returns, when fd is an Error method with a value
// receiver, the declaration of a method _gkSelf that returns the receiver.
// yaegi hands a struct value of a cell's type to native code, as an error,
// with the struct's last field where the value should be; the worker's
// errors.Is and errors.As call _gkSelf to get the value itself (see
// kernel/worker/errors.go).
func (c *compiler) errorSelfMethod(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) != 1 || fd.Name.Name != "Error" {
		return ""
	}
	recv := fd.Recv.List[0].Type
	if _, ptr := ast.Unparen(recv).(*ast.StarExpr); ptr {
		return ""
	}
	typ := c.r.text(c.off(recv.Pos()), c.off(recv.End()))
	return "\nfunc (_gkr " + typ + ") " + cellrt.SelfMethod + "() interface{} { return _gkr }"
}
