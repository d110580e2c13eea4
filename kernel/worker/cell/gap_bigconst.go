package cell

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
)

// Gap bigconst: untyped constant expressions are exact, however large
// their operands (Go spec, "Constant expressions").
//
// yaegi v0.16.1 keeps a large untyped constant, and shifts and divides
// it right, but an operation that mixes it with another operand ends in
// int64:
//
//	const huge = 1 << 100; fmt.Println(huge > huge-1) // Go: true
//	// yaegi: constant 1267650600228229401496703205375 overflows int64
//
// A constant expression whose evaluation passes through an integer that
// does not fit in an int64 is evaluated here, with go/constant, and
// replaced by its value when that is a bool or an integer that fits
// (`true`, `4`), which stays untyped as in Go. Constants of the cells are
// followed through their declarations (iota included). An expression
// with a large operand that cannot be evaluated so (a typed constant, a
// constant of a package) is a compile error naming the construct, rather
// than a wrong answer: yaegi compares `1<<80 > x` falsely when x is
// another cell's constant.
var gapBigConst = gap{
	name:  "bigconst",
	yaegi: "v0.16.1 evaluates an untyped constant operation with an operand beyond int64 in int64: `1<<100 > 1<<100-1` fails (constant overflows int64)",
	visits: []visitor{
		on(func(c *compiler, e *ast.BinaryExpr) { c.visitBigConst(e) }),
		on(func(c *compiler, e *ast.UnaryExpr) { c.visitBigConst(e) }),
	},
}

// visitBigConst folds a constant expression with a large operand.
func (c *compiler) visitBigConst(e ast.Expr) {
	if !c.isConstExpr(e) {
		c.bigWithPackageConst(e)
		return
	}
	ev := constEval{c: c}
	v := ev.evalSafe(e)
	if !ev.big {
		return
	}
	if v == nil {
		c.rfError(e, bigConstError)
		return
	}
	var text string
	switch {
	case v.Kind() == constant.Bool:
		text = v.String()
		v = constant.MakeInt64(0) // no parentheses
	case v.Kind() == constant.Int && fitsInt64(v):
		text = v.ExactString()
	default:
		return
	}
	if constant.Sign(v) < 0 {
		text = "(" + text + ")"
	}
	c.replace(c.off(e.Pos()), c.off(e.End()), func() string { return text })
}

// bigWithPackageConst reports an operation between a large constant and
// a member of a package, which may be a constant whose value the cell
// compiler does not know (`huge > math.MaxInt64`: yaegi says false).
func (c *compiler) bigWithPackageConst(e ast.Expr) {
	b, ok := e.(*ast.BinaryExpr)
	if !ok {
		return
	}
	for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
		se, ok := ast.Unparen(pair[1]).(*ast.SelectorExpr)
		if !ok || c.pkgOf(se.X) == "" || !c.isConstExpr(pair[0]) {
			continue
		}
		ev := constEval{c: c}
		if v := ev.evalSafe(pair[0]); v != nil && ev.big {
			c.rfError(e, bigConstError)
			return
		}
	}
}

// bigConstError says what gokernel cannot do with a large constant.
const bigConstError = "gokernel cannot evaluate this constant expression exactly " +
	"(an operand exceeds int64, and yaegi would compute it in int64): " +
	"write the value of the package constant or typed constant it uses as an untyped constant of the cell"

// constEval evaluates untyped constant expressions of a cell; big
// records whether an integer beyond int64 was met; iota is the value of
// iota in the spec being evaluated.
type constEval struct {
	c    *compiler
	big  bool
	iota constant.Value
}

// evalSafe is eval, nil where go/constant panics: an operation the
// operands do not allow (`!0`, `"a" + 1`), which yaegi then reports.
func (ev *constEval) evalSafe(e ast.Expr) (v constant.Value) {
	defer func() {
		if recover() != nil {
			v = nil
		}
	}()
	return ev.eval(e, 0)
}

func (ev *constEval) eval(e ast.Expr, depth int) constant.Value {
	if depth > maxTypeDepth {
		return nil
	}
	var v constant.Value
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		v = constant.MakeFromLiteral(e.Value, e.Kind, 0)
	case *ast.Ident:
		v = ev.ident(e, depth)
		if e.Name == "iota" && e.Obj == nil {
			v = ev.iota
		}
	case *ast.UnaryExpr:
		if x := ev.eval(e.X, depth); x != nil {
			v = constant.UnaryOp(e.Op, x, 0)
		}
	case *ast.BinaryExpr:
		v = ev.binary(e, depth)
	}
	if v == nil || v.Kind() == constant.Unknown {
		return nil
	}
	if v.Kind() == constant.Int && !fitsInt64(v) {
		ev.big = true
	}
	return v
}

func (ev *constEval) binary(e *ast.BinaryExpr, depth int) constant.Value {
	x, y := ev.eval(e.X, depth), ev.eval(e.Y, depth)
	if x == nil || y == nil {
		return nil
	}
	switch e.Op {
	case token.SHL, token.SHR:
		s, ok := constant.Uint64Val(y)
		if !ok || s > 4096 || x.Kind() != constant.Int {
			return nil
		}
		return constant.Shift(x, e.Op, uint(s))
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return constant.MakeBool(constant.Compare(x, e.Op, y))
	case token.QUO:
		if constant.Sign(y) == 0 {
			return nil
		}
		if x.Kind() == constant.Int && y.Kind() == constant.Int {
			return constant.BinaryOp(x, token.QUO_ASSIGN, y) // integer division
		}
	case token.REM:
		if constant.Sign(y) == 0 {
			return nil
		}
	}
	return constant.BinaryOp(x, e.Op, y)
}

// ident evaluates true, false and untyped constants of the cells.
func (ev *constEval) ident(id *ast.Ident, depth int) constant.Value {
	if id.Obj != nil {
		if id.Obj.Kind != ast.Con {
			return nil
		}
		gd := ev.c.genDeclOf(id.Obj.Decl)
		if gd == nil {
			return nil
		}
		return ev.spec(gd, id.Name, depth)
	}
	if d, ok := ev.c.lookup(id.Name); ok && d.kind == kindConst {
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+d.src, 0)
		if err != nil || len(f.Decls) == 0 {
			return nil
		}
		return ev.spec(f.Decls[len(f.Decls)-1].(*ast.GenDecl), id.Name, depth)
	}
	if ev.c.isUniverse(id) && (id.Name == "true" || id.Name == "false") {
		return constant.MakeBool(id.Name == "true")
	}
	return nil
}

// spec evaluates the untyped constant name declared in gd, with the
// value of iota of its spec; a spec without values repeats the previous
// one's.
func (ev *constEval) spec(gd *ast.GenDecl, name string, depth int) constant.Value {
	var values []ast.Expr
	var typ ast.Expr
	for i, s := range gd.Specs {
		sp := s.(*ast.ValueSpec)
		if len(sp.Values) > 0 {
			values, typ = sp.Values, sp.Type
		}
		for j, n := range sp.Names {
			if n.Name != name {
				continue
			}
			if typ != nil || j >= len(values) {
				return nil
			}
			inner := constEval{c: ev.c, iota: constant.MakeInt64(int64(i))}
			v := inner.eval(values[j], depth+1)
			ev.big = ev.big || inner.big
			return v
		}
	}
	return nil
}

// genDeclOf returns the const declaration of the cell that holds spec.
func (c *compiler) genDeclOf(spec any) *ast.GenDecl {
	var found *ast.GenDecl
	for _, root := range []ast.Node{c.body, c.funcs} {
		ast.Inspect(root, func(n ast.Node) bool {
			if gd, ok := n.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				for _, s := range gd.Specs {
					if s == spec {
						found = gd
					}
				}
			}
			return found == nil
		})
	}
	return found
}

func fitsInt64(v constant.Value) bool {
	_, exact := constant.Int64Val(v)
	return exact
}
