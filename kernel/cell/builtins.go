package cell

import (
	"go/ast"
	"go/token"
	"sort"
)

// ordered is the constraint of the min/max helpers (cmp.Ordered spelled
// out, so no import is needed).
const ordered = "interface{ ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string }"

// helperSources are interpreted stand-ins for the Go 1.21 builtins that
// yaegi v0.16.1 lacks. A NaN argument makes min and max NaN, as in Go.
var helperSources = map[string]string{
	"_gkMin":   "func _gkMin[T " + ordered + "](x T, ys ...T) T { for _, y := range ys { if y < x || y != y { x = y } }; return x }",
	"_gkMax":   "func _gkMax[T " + ordered + "](x T, ys ...T) T { for _, y := range ys { if y > x || y != y { x = y } }; return x }",
	"_gkClear": "func _gkClear(x any) { _gkreflect.ValueOf(x).Clear() }",
}

// helperImports are the imports a helper needs.
var helperImports = map[string]Import{
	"_gkClear": {Name: "_gkreflect", Path: "reflect"},
}

var builtinHelpers = map[string]string{"min": "_gkMin", "max": "_gkMax", "clear": "_gkClear"}

// useHelper notes that the cell needs a helper declared.
func (c *compiler) useHelper(name string) {
	if c.s.helpers[name] {
		return
	}
	for _, h := range c.plan.helpers {
		if h == name {
			return
		}
	}
	c.plan.helpers = append(c.plan.helpers, name)
}

// rewriteBuiltin replaces min, max and clear by helper calls. Constant
// arguments of min and max go last (float constants before integer ones)
// so yaegi infers the type parameter from a typed argument; constants
// have no side effects, so moving them keeps the evaluation order.
func (c *compiler) rewriteBuiltin(call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || !c.isUniverse(id) {
		return
	}
	helper, ok := builtinHelpers[id.Name]
	if !ok || len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return
	}
	c.useHelper(helper)
	if helper == "_gkClear" {
		c.replace(c.off(id.Pos()), c.off(id.End()), func() string { return helper })
		return
	}
	args := append([]ast.Expr(nil), call.Args...)
	sort.SliceStable(args, func(i, j int) bool { return c.argRank(args[i]) < c.argRank(args[j]) })
	c.replace(c.off(call.Pos()), c.off(call.End()), func() string {
		s := helper + "("
		for i, a := range args {
			if i > 0 {
				s += ", "
			}
			s += c.seg(a)
		}
		return s + ")"
	})
}

// argRank orders min/max arguments: typed expressions, float constants,
// other constants.
func (c *compiler) argRank(e ast.Expr) int {
	if !c.isConstExpr(e) {
		return 0
	}
	floaty := false
	ast.Inspect(e, func(n ast.Node) bool {
		if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.FLOAT {
			floaty = true
		}
		return true
	})
	if floaty {
		return 1
	}
	return 2
}
