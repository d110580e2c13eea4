package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
)

// genState is what the range-over-func and generic-call rewrites keep
// while compiling one cell.
type genState struct {
	sigs     map[string]*ast.FuncType // parsed signatures by source
	types    map[ast.Expr]string      // see typeOf
	arity    map[*ast.RangeStmt]int   // see rangeArity
	copyBack map[*ast.ForStmt]string  // see forLoopvar
	seq      int                      // loops rewritten so far
}

// noteCopyBack records the statement that a continue of fs, a for loop
// with per-iteration variables, must run first (see forLoopvar).
func (g *genState) noteCopyBack(fs *ast.ForStmt, copyBack string) {
	if g.copyBack == nil {
		g.copyBack = map[*ast.ForStmt]string{}
	}
	g.copyBack[fs] = copyBack
}

// The range-over-func and generic-call rewrites need the types of
// expressions, which yaegi knows only once it runs the cell. exprType
// reads them off the syntax instead: literals, conversions, declarations
// of this cell and the session's, and the signatures of the functions
// called. It answers "" where syntax alone cannot tell.

// maxTypeDepth bounds the recursion of exprType through declarations.
const maxTypeDepth = 8

// basicTypes are the default types of untyped literals.
var basicTypes = map[token.Token]string{
	token.INT: "int", token.FLOAT: "float64", token.IMAG: "complex128",
	token.CHAR: "rune", token.STRING: "string",
}

// exprType returns the source of e's type, or "" if the syntax does not
// tell. Untyped constants have their default type.
func (c *compiler) exprType(e ast.Expr) string {
	return c.typeOf(e, 0)
}

// typeOf is exprType, at depth declarations deep. Results are memoized
// (a node in progress has type ""), so the cost is linear in the cell.
func (c *compiler) typeOf(e ast.Expr, depth int) string {
	if t, ok := c.gen.types[e]; ok || depth > maxTypeDepth {
		return t
	}
	if c.gen.types == nil {
		c.gen.types = map[ast.Expr]string{}
	}
	c.gen.types[e] = ""
	t := c.computeType(e, depth+1)
	c.gen.types[e] = t
	return t
}

func (c *compiler) computeType(e ast.Expr, depth int) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return basicTypes[e.Kind]
	case *ast.FuncLit:
		return c.nodeText(e.Type)
	case *ast.CompositeLit:
		if e.Type == nil || hasDotsLen(e.Type) {
			return ""
		}
		return c.nodeText(e.Type)
	case *ast.Ident:
		return c.identType(e, depth)
	case *ast.CallExpr:
		if res := c.callResults(e, depth); len(res) == 1 {
			return res[0]
		}
	case *ast.UnaryExpr:
		return c.unaryType(e, depth)
	case *ast.StarExpr:
		if p, ok := parseType(c.typeOf(e.X, depth)).(*ast.StarExpr); ok {
			return typeString(p.X)
		}
	case *ast.IndexExpr:
		return elemType(c.typeOf(e.X, depth), false)
	case *ast.SliceExpr:
		return sliceType(c.typeOf(e.X, depth))
	case *ast.BinaryExpr:
		return c.binaryType(e, depth)
	case *ast.TypeAssertExpr:
		if e.Type != nil {
			return c.nodeText(e.Type)
		}
	}
	return ""
}

// hasDotsLen reports whether t is an array type [...]E, whose length
// only its composite literal tells.
func hasDotsLen(t ast.Expr) bool {
	a, ok := t.(*ast.ArrayType)
	if !ok {
		return false
	}
	_, dots := a.Len.(*ast.Ellipsis)
	return dots
}

// identType is the type of a variable, constant or function name.
func (c *compiler) identType(id *ast.Ident, depth int) string {
	if id.Obj == nil || id.Obj.Kind == ast.Fun {
		return c.declaredType(id, depth)
	}
	switch d := id.Obj.Decl.(type) {
	case *ast.Field:
		if ell, ok := d.Type.(*ast.Ellipsis); ok {
			return "[]" + c.nodeText(ell.Elt)
		}
		return c.nodeText(d.Type)
	case *ast.ValueSpec:
		if d.Type != nil {
			return c.nodeText(d.Type)
		}
		return c.valueType(id, d.Names, d.Values, depth)
	case *ast.AssignStmt:
		names := make([]*ast.Ident, len(d.Lhs))
		for i, l := range d.Lhs {
			names[i], _ = l.(*ast.Ident)
		}
		if len(d.Rhs) == 1 {
			if u, ok := d.Rhs[0].(*ast.UnaryExpr); ok && u.Op == token.RANGE {
				return rangeVarType(c.typeOf(u.X, depth), id.Name == identName(names[0]))
			}
		}
		return c.valueType(id, names, d.Rhs, depth)
	}
	return ""
}

// identName is id's name, or "" for nil.
func identName(id *ast.Ident) string {
	if id == nil {
		return ""
	}
	return id.Name
}

// declaredType is the type of a name no scope of the cell declares: a
// builtin constant, or a variable or function of a cell.
func (c *compiler) declaredType(id *ast.Ident, depth int) string {
	if (id.Name == "true" || id.Name == "false") && c.isUniverse(id) {
		return "bool"
	}
	d, ok := c.lookup(id.Name)
	switch {
	case !ok:
	case d.kind == kindVar:
		return d.typ
	case d.kind == kindFunc && d.sig != "":
		if ft := c.signature(d.sig); ft != nil && ft.TypeParams == nil {
			return typeString(&ast.FuncType{Params: ft.Params, Results: ft.Results})
		}
	}
	return ""
}

// valueType is the type of the variable id among names, initialized from
// values: one value per name, or one call with as many results.
func (c *compiler) valueType(id *ast.Ident, names []*ast.Ident, values []ast.Expr, depth int) string {
	for i, n := range names {
		if n == nil || n.Name != id.Name {
			continue
		}
		switch {
		case len(values) == len(names):
			return c.typeOf(values[i], depth)
		case len(values) == 1:
			if call, ok := ast.Unparen(values[0]).(*ast.CallExpr); ok {
				if res := c.callResults(call, depth); len(res) == len(names) {
					return res[i]
				}
			}
		}
	}
	return ""
}

func (c *compiler) unaryType(e *ast.UnaryExpr, depth int) string {
	switch e.Op {
	case token.AND:
		if t := c.typeOf(e.X, depth); t != "" {
			return "*" + t
		}
	case token.NOT:
		return "bool"
	case token.ARROW:
		return elemType(c.typeOf(e.X, depth), false)
	case token.SUB, token.ADD, token.XOR:
		return c.typeOf(e.X, depth)
	}
	return ""
}

// binaryType is the type of an operation: bool for comparisons, else the
// type of a typed operand (an untyped one takes the other's type).
func (c *compiler) binaryType(e *ast.BinaryExpr, depth int) string {
	switch e.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
		return "bool"
	case token.SHL, token.SHR:
		return c.typeOf(e.X, depth)
	}
	xk, yk := c.untypedKind(e.X), c.untypedKind(e.Y)
	switch {
	case xk != "" && yk != "":
		return maxKind(xk, yk)
	case xk != "":
		return c.typeOf(e.Y, depth)
	case yk != "" || c.isConstExpr(e.Y):
		return c.typeOf(e.X, depth)
	}
	if t := c.typeOf(e.X, depth); t != "" && t == c.typeOf(e.Y, depth) {
		return t
	}
	return ""
}

// untypedKind returns the default type of e if e is an untyped constant
// expression made of literals, else "".
func (c *compiler) untypedKind(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return basicTypes[e.Kind]
	case *ast.UnaryExpr:
		if e.Op != token.AND && e.Op != token.ARROW {
			return c.untypedKind(e.X)
		}
	case *ast.BinaryExpr:
		x, y := c.untypedKind(e.X), c.untypedKind(e.Y)
		if x != "" && y != "" {
			return maxKind(x, y)
		}
	case *ast.Ident:
		if (e.Name == "true" || e.Name == "false") && c.isUniverse(e) {
			return "bool"
		}
		if e.Obj != nil && e.Obj.Kind == ast.Con {
			if vs, ok := e.Obj.Decl.(*ast.ValueSpec); ok && vs.Type == nil {
				for i, n := range vs.Names {
					if n.Name == e.Name && i < len(vs.Values) {
						return c.untypedKind(vs.Values[i])
					}
				}
			}
		}
	}
	return ""
}

// kindRank orders the default types of untyped numeric constants.
var kindRank = map[string]int{"int": 1, "rune": 2, "float64": 3, "complex128": 4}

// maxKind is the default type of an operation on untyped constants of
// default types a and b ("" if they do not mix).
func maxKind(a, b string) string {
	ra, rb := kindRank[a], kindRank[b]
	switch {
	case a == b:
		return a
	case ra == 0 || rb == 0:
		return ""
	case ra > rb:
		return a
	}
	return b
}

// parseType parses a type's source; nil if it is not one.
func parseType(src string) ast.Expr {
	if src == "" {
		return nil
	}
	e, err := parser.ParseExpr(src)
	if err != nil {
		return nil
	}
	return e
}

// typeString renders a type expression.
func typeString(t ast.Expr) string {
	return types.ExprString(t)
}

// elemType is the element type of a slice, array, map, pointer to array,
// channel or string type given by its source (for a map, the value type,
// or the key type when key is set).
func elemType(src string, key bool) string {
	switch t := ast.Unparen(parseType(src)).(type) {
	case *ast.ArrayType:
		return typeString(t.Elt)
	case *ast.StarExpr:
		if a, ok := t.X.(*ast.ArrayType); ok && a.Len != nil {
			return typeString(a.Elt)
		}
	case *ast.MapType:
		if key {
			return typeString(t.Key)
		}
		return typeString(t.Value)
	case *ast.ChanType:
		return typeString(t.Value)
	case *ast.Ident:
		if t.Name == "string" {
			return "byte"
		}
	}
	return ""
}

// sliceType is the type of slicing a value of type src.
func sliceType(src string) string {
	switch t := parseType(src).(type) {
	case *ast.ArrayType:
		if t.Len == nil {
			return src
		}
		return "[]" + typeString(t.Elt)
	case *ast.Ident:
		if t.Name == "string" {
			return src
		}
	}
	return ""
}

// rangeVarType is the type of the key (or value) variable of a range
// over a value of type src.
func rangeVarType(src string, key bool) string {
	switch t := parseType(src).(type) {
	case *ast.ArrayType:
		if key {
			return "int"
		}
		return typeString(t.Elt)
	case *ast.MapType:
		return elemType(src, key)
	case *ast.ChanType:
		return typeString(t.Value)
	case *ast.Ident:
		switch {
		case t.Name == "string" && key:
			return "int"
		case t.Name == "string":
			return "rune"
		case intTypeNames[t.Name]:
			return src
		}
	}
	return ""
}

// receiverName is the name of the type a method call's operand has, for
// looking up "T.M": the type of x without pointer and type arguments.
func (c *compiler) receiverName(x ast.Expr, depth int) string {
	t := parseType(c.typeOf(x, depth))
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch u := t.(type) {
	case *ast.IndexExpr:
		t = u.X
	case *ast.IndexListExpr:
		t = u.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// otherTypeNames are the predeclared types not in intTypeNames.
var otherTypeNames = map[string]bool{
	"bool": true, "string": true, "float32": true, "float64": true,
	"complex64": true, "complex128": true, "any": true, "error": true,
}

// isTypeExpr reports whether e, the function of a call, is a type: the
// call is a conversion.
func (c *compiler) isTypeExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StarExpr, *ast.InterfaceType, *ast.StructType:
		return true
	case *ast.Ident:
		if e.Obj != nil {
			return e.Obj.Kind == ast.Typ
		}
		if d, ok := c.lookup(e.Name); ok {
			return d.kind == kindType
		}
		return c.isUniverse(e) && (intTypeNames[e.Name] || otherTypeNames[e.Name])
	case *ast.SelectorExpr:
		return c.isIterPkg(e.X) && (e.Sel.Name == "Seq" || e.Sel.Name == "Seq2")
	case *ast.IndexExpr:
		return c.isTypeExpr(e.X)
	case *ast.IndexListExpr:
		return c.isTypeExpr(e.X)
	}
	return false
}
