package cell

import (
	"go/ast"
	"strings"
)

// silentBuiltins are builtins without a result.
var silentBuiltins = map[string]bool{
	"print": true, "println": true, "panic": true, "close": true, "delete": true, "clear": true,
}

// writerMethods are methods that, by convention, write and return only
// (n int, err error) or err: showing their result is noise.
var writerMethods = map[string]bool{
	"Write": true, "WriteString": true, "WriteRune": true, "WriteByte": true, "WriteTo": true,
	"Print": true, "Printf": true, "Println": true,
}

// silent reports whether the value of a final expression should not be
// shown: printing and writing calls, display calls and calls of functions
// known to have no result.
func (c *compiler) silent(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		if c.isUniverse(fun) {
			return silentBuiltins[fun.Name]
		}
		if fun.Name == "main" && (c.mainDecl != nil || c.s.hasMain) {
			return true
		}
		d, ok := c.lookup(fun.Name)
		return ok && d.kind == kindFunc && d.void
	case *ast.SelectorExpr:
		return c.silentSelector(fun)
	case *ast.FuncLit:
		return fun.Type.Results == nil
	}
	return false
}

func (c *compiler) silentSelector(se *ast.SelectorExpr) bool {
	name := se.Sel.Name
	if id, ok := se.X.(*ast.Ident); ok && id.Obj == nil {
		if path := c.pkgPath(id.Name); path != "" {
			return silentPkgFunc(path, name, c.isDisplay(id.Name, path))
		}
	}
	if writerMethods[name] {
		return true
	}
	return c.voidMethod(name)
}

func silentPkgFunc(path, name string, display bool) bool {
	switch path {
	case "fmt":
		return strings.HasPrefix(name, "Print") || strings.HasPrefix(name, "Fprint")
	case "log":
		return strings.HasPrefix(name, "Print") || strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic")
	case "io":
		return name == "WriteString" || strings.HasPrefix(name, "Copy")
	}
	return display
}

// isDisplay reports whether a package is the kernel's display package.
func (c *compiler) isDisplay(name, path string) bool {
	if name == "display" {
		return true
	}
	p, ok := c.s.resolve("display")
	return ok && p == path
}

// voidMethod reports whether every method of that name declared in the
// session or this cell has no result.
func (c *compiler) voidMethod(name string) bool {
	found, void := false, true
	check := func(d declInfo) {
		if d.kind == kindMethod && strings.HasSuffix(d.name, "."+name) {
			found = true
			void = void && d.void
		}
	}
	for _, d := range c.plan.declared {
		check(d)
	}
	for _, d := range c.s.decls {
		check(d)
	}
	return found && void
}
