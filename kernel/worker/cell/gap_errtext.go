package cell

import (
	"go/ast"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

var gapErrText = gap{
	name:   "errtext",
	yaegi:  "v0.16.1 hands a value of a cell's type to fmt without its methods, so fmt.Println(&NotFound{\"x\"}) prints &{x}, not the Error text",
	visits: []visitor{on((*compiler).rewriteErrorArgs)},
	helpers: []helper{
		{name: "_gkErrText", src: "func _gkErrText(e error) (s string) { defer func() { if r := recover(); r != nil { v := _gkreflect.ValueOf(e); s = " + cellrt.MethodPanic + "(!v.IsValid() || v.Kind() == _gkreflect.Pointer && v.IsNil(), r) } }(); return e.Error() }", imp: reflectImport},
	},
	runtime: []string{cellrt.MethodPanic},
}

// yaegi hands a value of a cell's type to fmt without its methods unless
// the value is in an interface variable: fmt.Println(&NotFound{"x"})
// prints &{x}, where Go prints what its Error method returns (an error
// variable holding the same value prints right). Where the syntax tells
// that an argument of a printing call is a cell type whose method set has
// Error (and no Format, which fmt would prefer), and fmt would print it
// with Error (Print* and %v %s %q %x %X), the compiler passes the text:
//
//	fmt.Println(&NotFound{"x"})   →   fmt.Println(_gkErrText(&NotFound{"x"}))
//
// A text prints as the error does with those verbs, so the output is
// Go's; for Print and Sprint only where the neighbours are strings too,
// as they decide where Print puts spaces.

// printArgs is the index of the first printed argument of the printing
// functions without a format, by package path and name.
var printArgs = map[string]map[string]int{
	"fmt": {"Print": 0, "Println": 0, "Sprint": 0, "Sprintln": 0, "Fprint": 1, "Fprintln": 1, "Append": 1, "Appendln": 1},
	"log": {"Print": 0, "Println": 0, "Fatal": 0, "Fatalln": 0, "Panic": 0, "Panicln": 0},
}

// errorVerbs are the verbs for which fmt prints an error's Error text.
const errorVerbs = "vsqxX"

// rewriteErrorArgs passes the Error text of the cell-typed error
// arguments of a printing call (see above).
func (c *compiler) rewriteErrorArgs(call *ast.CallExpr) {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || call.Ellipsis.IsValid() || c.inGenericFunc(call) {
		return
	}
	pkg := c.pkgOf(se.X)
	if first, ok := printArgs[pkg][se.Sel.Name]; ok {
		c.errorPrintArgs(call, first, se.Sel.Name)
		return
	}
	if fi, ok := formatArg[pkg][se.Sel.Name]; ok {
		c.errorFormatArgs(call, fi)
	}
}

// errorPrintArgs rewrites the arguments from first on of a Print-family
// call.
func (c *compiler) errorPrintArgs(call *ast.CallExpr, first int, name string) {
	spaced := name[len(name)-2:] == "ln"
	for i := first; i < len(call.Args); i++ {
		if !spaced && !(c.stringOperand(call.Args, i-1, first) && c.stringOperand(call.Args, i+1, first)) {
			continue
		}
		c.passErrorText(call.Args[i])
	}
}

// stringOperand reports whether args[i] is absent (out of [first, len))
// or a string, as far as the syntax tells.
func (c *compiler) stringOperand(args []ast.Expr, i, first int) bool {
	return i < first || i >= len(args) || c.exprType(args[i]) == "string"
}

// errorFormatArgs rewrites the arguments of a Printf-family call that
// errorVerbs consume.
func (c *compiler) errorFormatArgs(call *ast.CallExpr, fi int) {
	_, format, verbs, ok := constantFormat(call, fi)
	if !ok {
		return
	}
	for n, v := range verbs {
		if argi := fi + 1 + n; argi < len(call.Args) && strings.IndexByte(errorVerbs, format[v]) >= 0 {
			c.passErrorText(call.Args[argi])
		}
	}
}

// passErrorText wraps arg in _gkErrText if its static type is a cell
// type whose method set has Error and not Format.
func (c *compiler) passErrorText(arg ast.Expr) {
	if !c.printsWithError(arg) {
		return
	}
	c.useHelper("_gkErrText")
	c.r.insert(c.off(arg.Pos()), "_gkErrText(")
	c.r.insert(c.off(arg.End()), ")")
}

// printsWithError reports whether fmt, in Go, would print e with its
// Error method: e's static type is T or *T for a cell type T whose method
// set has Error (on *T only for a pointer) and no Format.
func (c *compiler) printsWithError(e ast.Expr) bool {
	t := parseType(c.exprType(e))
	ptr := false
	if s, ok := t.(*ast.StarExpr); ok {
		t, ptr = s.X, true
	}
	id, ok := t.(*ast.Ident)
	if !ok || !c.isCellType(id.Name) || c.isInterfaceType(id) {
		return false
	}
	m, ok := c.lookup(id.Name + ".Error")
	if !ok || m.kind != kindMethod || m.ptrRecv && !ptr {
		return false
	}
	_, format := c.lookup(id.Name + ".Format")
	return !format
}
