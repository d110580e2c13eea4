package cell

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// What the syntax tells about printing calls and the cell's types, shared
// by the typeverb, errtext and aserror gaps.

// formatArg is the index of the format argument of the printing
// functions that take one, by package path and name.
var formatArg = map[string]map[string]int{
	"fmt": {"Printf": 0, "Sprintf": 0, "Errorf": 0, "Fprintf": 1, "Appendf": 1},
	"log": {"Printf": 0, "Fatalf": 0, "Panicf": 0},
}

// constantFormat returns the format literal of a printing call (its
// argument fi), its value and the offsets of its verbs (see
// formatVerbs); false if the format is not a constant string literal
// whose verbs formatVerbs can follow.
func constantFormat(call *ast.CallExpr, fi int) (*ast.BasicLit, string, []int, bool) {
	if len(call.Args) <= fi {
		return nil, "", nil, false
	}
	lit, ok := call.Args[fi].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return nil, "", nil, false
	}
	format, err := strconv.Unquote(lit.Value)
	if err != nil {
		return nil, "", nil, false
	}
	verbs, ok := formatVerbs(format)
	return lit, format, verbs, ok
}

// formatVerbs returns the offsets in format of the verb letter of each
// verb that consumes an argument, in order. It reports false for formats
// with explicit argument indexes or * widths, whose arguments it does not
// follow.
func formatVerbs(format string) ([]int, bool) {
	var verbs []int
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			break
		}
		switch format[i] {
		case '*', '[':
			return nil, false
		case '%':
			continue
		}
		verbs = append(verbs, i)
	}
	return verbs, true
}

// isCellType reports whether name is a defined type (not an alias)
// declared by this cell or a committed one.
func (c *compiler) isCellType(name string) bool {
	d, ok := c.lookup(name)
	return ok && d.kind == kindType && !d.alias
}

// isInterfaceType reports whether t is an interface type: written out,
// error or any, or a cell type defined as one.
func (c *compiler) isInterfaceType(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.InterfaceType:
		return true
	case *ast.Ident:
		if t.Name == "error" || t.Name == "any" {
			return true
		}
		d, ok := c.lookup(t.Name)
		return ok && d.kind == kindType && strings.HasPrefix(strings.TrimSpace(d.typ), "interface")
	}
	return false
}

// inGenericFunc reports whether n is inside a generic function or a
// method of a generic type, where a name may be a type parameter.
func (c *compiler) inGenericFunc(n ast.Node) bool {
	if c.cur != c.fu {
		return false
	}
	for _, d := range c.funcs.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || n.Pos() < fd.Pos() || n.End() > fd.End() {
			continue
		}
		if fd.Type.TypeParams != nil {
			return true
		}
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			switch ast.Unparen(derefType(fd.Recv.List[0].Type)).(type) {
			case *ast.IndexExpr, *ast.IndexListExpr:
				return true
			}
		}
	}
	return false
}

// derefType strips one pointer from a receiver type.
func derefType(t ast.Expr) ast.Expr {
	if s, ok := t.(*ast.StarExpr); ok {
		return s.X
	}
	return t
}
