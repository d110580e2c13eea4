package cell

import (
	"go/ast"
	"go/token"
	"sort"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// min and max are generic helpers that take any type and compare natively
// (cellrt.MinWins/MaxWins): yaegi cannot check a union constraint against a
// compiled named type such as time.Duration. A NaN argument makes min and
// max NaN, as in Go.
var gapMinMaxClear = gap{
	name:   "minmaxclear",
	yaegi:  "v0.16.1 lacks the Go 1.21 builtins min, max and clear (traefik/yaegi#1674)",
	visits: []visitor{on((*compiler).rewriteBuiltin)},
	helpers: []helper{
		{name: "_gkMin", src: "func _gkMin[T any](x T, ys ...T) T { for _, y := range ys { if " + cellrt.MinWins + "(x, y) { x = y } }; return x }"},
		{name: "_gkMax", src: "func _gkMax[T any](x T, ys ...T) T { for _, y := range ys { if " + cellrt.MaxWins + "(x, y) { x = y } }; return x }"},
		{name: "_gkClear", src: "func _gkClear(x any) { _gkreflect.ValueOf(x).Clear() }", imp: reflectImport},
	},
	builtins: map[string]string{"min": "_gkMin", "max": "_gkMax", "clear": "_gkClear"},
	runtime:  []string{cellrt.MinWins, cellrt.MaxWins},
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
