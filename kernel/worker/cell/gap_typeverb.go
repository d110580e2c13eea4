package cell

import (
	"go/ast"
	"strconv"
	"strings"
)

var gapTypeVerb = gap{
	name:   "typeverb",
	yaegi:  "v0.16.1's types of cells have no name: %T prints a Point as \"struct { X int; Y int }\"",
	visits: []visitor{on((*compiler).rewriteTypeVerbs)},
}

// In yaegi a cell's types have no name: fmt's %T prints a Point as
// "struct { X int; Y int }" and a Celsius as "float64". Where the syntax
// tells an argument's static type, and that type is a concrete type made
// of the cell's named types, its dynamic type is the same, so the
// compiler writes Go's answer into the call: in
//
//	fmt.Printf("%T\n", p)   →   fmt.Printf("%s\n", "main.Point")
//
// The argument must have no effect (no calls but conversions, no
// receives), since it is no longer evaluated.

// predeclaredTypes are the universe's type names, which %T prints as
// they are written.
var predeclaredTypes = map[string]bool{
	"bool": true, "string": true, "error": true, "any": true, "byte": true, "rune": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true,
}

// typeAliases are the predeclared aliases and what reflect calls them.
var typeAliases = map[string]string{"byte": "uint8", "rune": "int32", "any": "interface {}"}

// rewriteTypeVerbs rewrites the %T verbs of a printing call whose
// arguments' types are cell types (see above).
func (c *compiler) rewriteTypeVerbs(call *ast.CallExpr) {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || c.inGenericFunc(call) {
		return
	}
	fi, ok := formatArg[c.pkgOf(se.X)][se.Sel.Name]
	if !ok || call.Ellipsis.IsValid() {
		return
	}
	lit, format, verbs, ok := constantFormat(call, fi)
	if !ok {
		return
	}
	changed := false
	for n, v := range verbs {
		argi := fi + 1 + n
		if format[v] != 'T' || argi >= len(call.Args) {
			continue
		}
		name, ok := c.goTypeName(call.Args[argi])
		if !ok {
			continue
		}
		format = format[:v] + "s" + format[v+1:]
		quoted := strconv.Quote(name)
		arg := call.Args[argi]
		c.replace(c.off(arg.Pos()), c.off(arg.End()), func() string { return quoted })
		changed = true
	}
	if changed {
		text := strconv.Quote(format)
		c.replace(c.off(lit.Pos()), c.off(lit.End()), func() string { return text })
	}
}

// goTypeName returns what %T prints for e, if e has no effect and its
// static type, as the syntax tells, is a concrete type naming one of the
// cell's types (the others %T already prints right).
func (c *compiler) goTypeName(e ast.Expr) (string, bool) {
	if !c.effectFree(e) {
		return "", false
	}
	t := parseType(c.exprType(e))
	if t == nil || c.isInterfaceType(t) {
		return "", false
	}
	var b strings.Builder
	cellTypes := 0
	if !c.writeTypeName(&b, t, &cellTypes) || cellTypes == 0 {
		return "", false
	}
	return b.String(), true
}

// effectFree reports whether evaluating e has no effect: no calls except
// conversions to the cell's named types, no receives.
func (c *compiler) effectFree(e ast.Expr) bool {
	return !hasEffect(e, func(call *ast.CallExpr) bool {
		id, ok := call.Fun.(*ast.Ident)
		return ok && len(call.Args) == 1 && c.isCellType(id.Name)
	})
}

// writeTypeName writes t as reflect names it ("*main.Point",
// "map[string][]main.P"), counting the cell's types in it. It reports
// false for type forms it does not render.
func (c *compiler) writeTypeName(b *strings.Builder, t ast.Expr, cellTypes *int) bool {
	switch t := t.(type) {
	case *ast.Ident:
		switch {
		case predeclaredTypes[t.Name]:
			name, alias := typeAliases[t.Name]
			if !alias {
				name = t.Name
			}
			b.WriteString(name)
		case c.isCellType(t.Name):
			b.WriteString("main." + t.Name)
			*cellTypes++
		default:
			return false // a type parameter, or unknown
		}
		return true
	case *ast.SelectorExpr:
		b.WriteString(typeString(t))
		return true
	case *ast.StarExpr:
		b.WriteString("*")
		return c.writeTypeName(b, t.X, cellTypes)
	case *ast.ArrayType:
		b.WriteString("[")
		if t.Len != nil {
			lit, ok := t.Len.(*ast.BasicLit)
			if !ok {
				return false
			}
			b.WriteString(lit.Value)
		}
		b.WriteString("]")
		return c.writeTypeName(b, t.Elt, cellTypes)
	case *ast.MapType:
		b.WriteString("map[")
		if !c.writeTypeName(b, t.Key, cellTypes) {
			return false
		}
		b.WriteString("]")
		return c.writeTypeName(b, t.Value, cellTypes)
	}
	return false
}
