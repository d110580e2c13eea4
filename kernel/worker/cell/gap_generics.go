package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

var gapGenerics = gap{
	name:   "generics",
	yaegi:  "v0.16.1 does not infer type arguments from a func literal's result type, through a core type or from variadic arguments, and cannot instantiate some of its own slices functions without them",
	visits: []visitor{on((*compiler).rewriteGenericCall), on((*compiler).rewriteGenericDefine)},
}

// yaegi infers type arguments only partly: not from the result type of a
// function argument (Map(xs, func(x int) string {...}) makes U int), not
// through a constraint's core type ([S ~[]E, E any]), not from variadic
// arguments, and never for a variable declared at the cell's top level
// from a generic call ("nil reflect type"). So the compiler infers type
// arguments itself, from the types the syntax shows (see exprType),
// unifying them with the parameter types as Go does, and:
//
//   - writes them into calls of generic functions declared in cells:
//     Map(xs, f) becomes Map[int, string](xs, f);
//   - turns a top-level `x := g(...)`, g generic (a cell's, a standard
//     library's, min or max), into `var x T; x = g(...)`.
//
// When it cannot infer every type argument, the call is left to yaegi.

// rewriteGenericCall writes the inferred type arguments into a call of a
// generic function declared in a cell or of yaegi's interpreted standard
// library (whose slices.Clone, Insert, Grow... yaegi cannot instantiate
// by itself), called without type arguments or with only the first ones
// (which yaegi does not support either).
func (c *compiler) rewriteGenericCall(call *ast.CallExpr) {
	fun, given := c.splitTypeArgs(call.Fun)
	ft := c.rewritableSig(fun)
	if ft == nil || ft.TypeParams == nil || len(given) >= len(typeParamNames(ft)) {
		return
	}
	targs, ok := c.inferTypeArgs(ft, given, call, 0)
	if !ok {
		return
	}
	list := "[" + strings.Join(targs, ", ") + "]"
	if c.standIn(fun) != "" {
		// rewriteStdCall names the stand-in; its type arguments follow.
		c.replace(c.off(call.Fun.End()), c.off(call.Fun.End()), func() string { return list })
		return
	}
	text := c.nodeText(fun) + list
	c.replace(c.off(call.Fun.Pos()), c.off(call.Fun.End()), func() string { return text })
}

// standIn returns the helper standing in for the standard-library
// function fun names (see stdHelpers), or "".
func (c *compiler) standIn(fun ast.Expr) string {
	se, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	return stdHelpers[c.pkgOf(se.X)][se.Sel.Name]
}

// rewritableSig returns the signature of the function fun names if it is
// declared in a cell or in yaegi's interpreted standard library, or of
// the helper standing in for it (stdHelpers).
func (c *compiler) rewritableSig(fun ast.Expr) *ast.FuncType {
	switch f := fun.(type) {
	case *ast.Ident:
		if f.Obj == nil || f.Obj.Kind == ast.Fun {
			return c.signature(c.declSig(f.Name))
		}
	case *ast.SelectorExpr:
		if path := c.pkgOf(f.X); path != "" {
			return stdSignature(path, f.Sel.Name) // a stand-in's, if it has one
		}
	}
	return nil
}

// rewriteGenericDefine turns a top-level `a, b := g(...)`, g generic, into
// `var a A; var b B; a, b = g(...)` when the result types are known.
func (c *compiler) rewriteGenericDefine(as *ast.AssignStmt) {
	if as.Tok != token.DEFINE || len(as.Rhs) != 1 || c.cur != c.bu || c.hoisted[as] || !c.isTopLevel(as) {
		return
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || !c.isGenericCall(call) {
		return
	}
	res := c.callResults(call, 0)
	if len(res) != len(as.Lhs) {
		return
	}
	var decl strings.Builder
	for i, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name != "_" && id.Obj != nil && id.Obj.Decl == as {
			decl.WriteString("var " + id.Name + " " + res[i] + "; ")
		}
	}
	c.replace(c.off(as.Pos()), c.off(as.End()), func() string {
		return decl.String() + c.r.seg(c.off(as.Lhs[0].Pos()), c.off(as.Lhs[len(as.Lhs)-1].End())) + " = " + c.seg(as.Rhs[0])
	})
}
