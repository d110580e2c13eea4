package cell

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

var gapGenericVar = gap{
	name:    "genericvar",
	yaegi:   "v0.16.1 cannot initialize a package-level variable from a generic call: \"nil reflect type\", a silent zero, or \"constant definition loop\"",
	keepVar: (*compiler).initsFromGeneric,
	visits:  []visitor{on((*compiler).rewriteGenericVar)},
}

// yaegi cannot initialize a package-level variable from a generic call:
// `var m = min(a, b)` fails with "nil reflect type", `var m int =
// max(3, 2)` silently leaves m at 0, `var p = Ptr(7)` says "constant
// definition loop". So such a declaration stays one of the cell's
// statements (classify), where it becomes `var m T; m = g(...)`
// (rewriteGenericVar), which yaegi runs. When a function of the cell uses
// the variable, `var m T` goes to Decls so that the function compiles,
// and the assignment stays a statement.

// genericPackages are the packages whose functions are all generic.
var genericPackages = map[string]bool{"slices": true, "maps": true, "cmp": true, "iter": true}

// initsFromGeneric reports whether a var declaration initializes a
// variable from a call of a generic function, as far as the syntax tells
// before the cell's declarations are described: min or max, a generic
// function of this cell or an earlier one, or a function of slices, maps,
// cmp or iter.
func (c *compiler) initsFromGeneric(gd *ast.GenDecl) bool {
	found := false
	for _, sp := range gd.Specs {
		for _, v := range sp.(*ast.ValueSpec).Values {
			ast.Inspect(v, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok && c.callsGeneric(call) {
					found = true
				}
				_, lit := n.(*ast.FuncLit)
				return !found && !lit
			})
		}
	}
	return found
}

// callsGeneric reports whether call calls a generic function (see
// initsFromGeneric).
func (c *compiler) callsGeneric(call *ast.CallExpr) bool {
	fun, _ := c.splitTypeArgs(call.Fun)
	switch f := fun.(type) {
	case *ast.Ident:
		if c.isUniverse(f) {
			return f.Name == "min" || f.Name == "max"
		}
		return c.cellGeneric(f.Name)
	case *ast.SelectorExpr:
		return genericPackages[c.pkgOf(f.X)]
	}
	return false
}

// cellGeneric reports whether name is a generic function declared by
// this cell or a committed one.
func (c *compiler) cellGeneric(name string) bool {
	if ft, ok := c.funcTypes[name]; ok {
		return ft.TypeParams != nil
	}
	if d, ok := c.s.decls[name]; ok && d.kind == kindFunc {
		ft := c.signature(d.sig)
		return ft != nil && ft.TypeParams != nil
	}
	return false
}

// rewriteGenericVar turns a top-level `var a, b T = g(...)` or `var a, b
// = g(...)`, g generic, into `var a T; var b T; a, b = g(...)`, taking the
// types from the declaration or from g's results. When the types are
// unknown, a declaration a function of the cell needs is hoisted whole,
// as other var declarations are.
func (c *compiler) rewriteGenericVar(ds *ast.DeclStmt) {
	if c.cur != c.bu || c.hoisted[ds] || !c.isTopLevel(ds) {
		return
	}
	names, decl, ok := c.genericVarParts(ds)
	switch {
	case !ok:
		c.hoisted[ds] = c.declHoist[ds]
		return
	case c.declHoist[ds]:
		c.varDecls[ds] = decl
		decl = ""
	}
	sp := ds.Decl.(*ast.GenDecl).Specs[0].(*ast.ValueSpec)
	c.replace(c.off(ds.Pos()), c.off(ds.End()), func() string {
		return decl + c.assignments(names, sp.Values)
	})
}

// assignments renders `a, b = g()` for one value, and `a = x; b = y` for
// one value per name: yaegi v0.16.1 gets `a, b = 1, min(2, 3)` wrong (a+b
// is 2), and the values of a var declaration cannot refer to the
// variables it declares, so assigning one by one is the same.
func (c *compiler) assignments(names []string, values []ast.Expr) string {
	if len(values) == 1 {
		return strings.Join(names, ", ") + " = " + c.seg(values[0])
	}
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = names[i] + " = " + c.seg(v)
	}
	return strings.Join(parts, "; ")
}

// genericVarParts splits `var a, b T = g(...)` (or `var a, b = x, g(...)`)
// into its names and the declarations "var a T; var b T; ", if the statement
// is such a declaration and the types are known.
func (c *compiler) genericVarParts(ds *ast.DeclStmt) (names []string, decl string, ok bool) {
	gd, isGen := ds.Decl.(*ast.GenDecl)
	if !isGen || gd.Tok != token.VAR || len(gd.Specs) != 1 || !c.initsFromGeneric(gd) {
		return nil, "", false
	}
	sp := gd.Specs[0].(*ast.ValueSpec)
	types := c.specTypes(sp)
	if len(types) != len(sp.Names) || slices.Contains(types, "") {
		return nil, "", false
	}
	var b strings.Builder
	list := make([]string, len(sp.Names))
	for i, n := range sp.Names {
		list[i] = n.Name
		if n.Name != "_" {
			b.WriteString("var " + n.Name + " " + types[i] + "; ")
		}
	}
	return list, b.String(), true
}

// specTypes returns the types of the variables sp declares: the declared
// type, the results of its one call, or the types of its values; nil or
// "" where the syntax does not tell.
func (c *compiler) specTypes(sp *ast.ValueSpec) []string {
	types := make([]string, len(sp.Names))
	switch {
	case sp.Type != nil:
		for i := range types {
			types[i] = c.nodeText(sp.Type)
		}
	case len(sp.Values) == 1 && len(sp.Names) > 1:
		call, ok := ast.Unparen(sp.Values[0]).(*ast.CallExpr)
		if !ok {
			return nil
		}
		return c.callResults(call, 0)
	case len(sp.Values) == len(sp.Names):
		for i, v := range sp.Values {
			types[i] = c.exprType(v)
		}
	default:
		return nil
	}
	return types
}
