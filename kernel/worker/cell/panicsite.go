package cell

import (
	"go/ast"
	"go/token"
	"strconv"
)

// PanicKind is the kind of a runtime panic, as far as its message tells.
type PanicKind int

// The kinds of panic PanicSite can place.
const (
	PanicIndex  PanicKind = iota + 1 // index out of range
	PanicSlice                       // slice bounds out of range
	PanicDivide                      // integer divide by zero
	PanicNilMap                      // assignment to entry in nil map
	PanicCall                        // a call of the builtin panic
)

// Site is the expression of a cell that panicked.
type Site struct {
	Line, Col int // 1-based cell position
	// TopLevel tells that the expression is in the cell's own statements
	// (not in a function), and that X, Index, Low and High, the source of
	// its operands ("" when absent), name only variables that outlive the
	// panic: the worker may evaluate them to say what Go's message says.
	TopLevel            bool
	X, Index, Low, High string
}

// PanicSite narrows a panic position yaegi reports in a cell (line, col:
// a position somewhere in the function that panicked, often its first
// statement) to the one expression of that function that can panic with
// kind. For PanicCall, value is the panic's text: a call of panic with a
// different string literal cannot have raised it. It reports false when
// the function has several such expressions or none.
func PanicSite(src string, line, col int, kind PanicKind, value string) (Site, bool) {
	c := NewSession(nil).newCompiler("site", src)
	if c.parse() != nil || line < 1 || line > len(c.r.lt.starts) {
		return Site{}, false
	}
	off := c.r.lt.starts[line-1] + col - 1
	u, scope := c.enclosingFunc(off)
	var found []ast.Node
	eachOwnNode(scope, func(n ast.Node) {
		if canPanic(n, kind) && !(kind == PanicCall && panicsOther(n, value)) {
			found = append(found, n)
		}
	})
	if len(found) != 1 {
		return Site{}, false
	}
	site := Site{}
	site.Line, site.Col = c.r.lt.pos(u.off(found[0].Pos()))
	if scope == ast.Node(c.body) {
		site.TopLevel = c.operands(u, found[0], &site)
	}
	return site, true
}

// enclosingFunc returns the innermost function declaration or literal
// whose body holds the cell offset off, or the cell's statements.
func (c *compiler) enclosingFunc(off int) (*unit, ast.Node) {
	u, scope := c.bu, ast.Node(c.body)
	for _, pair := range []struct {
		u    *unit
		root ast.Node
	}{{c.fu, c.funcs}, {c.bu, c.body}} {
		ast.Inspect(pair.root, func(n ast.Node) bool {
			var body *ast.BlockStmt
			switch f := n.(type) {
			case *ast.FuncDecl:
				body = f.Body
			case *ast.FuncLit:
				body = f.Body
			}
			if body != nil && pair.u.off(n.Pos()) <= off && off < pair.u.off(n.End()) {
				u, scope = pair.u, body
			}
			return true
		})
	}
	return u, scope
}

// eachOwnNode calls f for the nodes of scope outside nested function
// literals (their panics show as frames of their own).
func eachOwnNode(scope ast.Node, f func(ast.Node)) {
	ast.Inspect(scope, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			f(n)
		}
		return true
	})
}

// canPanic reports whether n is an expression that can panic with kind.
func canPanic(n ast.Node, kind PanicKind) bool {
	switch kind {
	case PanicIndex, PanicNilMap:
		_, ok := n.(*ast.IndexExpr)
		return ok
	case PanicSlice:
		_, ok := n.(*ast.SliceExpr)
		return ok
	case PanicDivide:
		return isDivision(n)
	case PanicCall:
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := call.Fun.(*ast.Ident)
		return ok && id.Name == "panic" && id.Obj == nil
	}
	return false
}

// panicsOther reports whether n, a call of panic, panics with a string
// literal other than value.
func panicsOther(n ast.Node, value string) bool {
	call := n.(*ast.CallExpr)
	if len(call.Args) != 1 {
		return false
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return false
	}
	s, err := strconv.Unquote(lit.Value)
	return err == nil && s != value
}

// isDivision reports whether n divides by a divisor that is not a
// literal (x / y, x % y, x /= y, x %= y).
func isDivision(n ast.Node) bool {
	var divisor ast.Expr
	switch x := n.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.QUO || x.Op == token.REM {
			divisor = x.Y
		}
	case *ast.AssignStmt:
		if (x.Tok == token.QUO_ASSIGN || x.Tok == token.REM_ASSIGN) && len(x.Rhs) == 1 {
			divisor = x.Rhs[0]
		}
	}
	if divisor == nil {
		return false
	}
	_, literal := ast.Unparen(divisor).(*ast.BasicLit)
	return !literal
}

// operands fills the operand sources of an index or slice expression at
// the cell's top level, and reports whether they can be evaluated after
// the panic: they read only variables of the cell's top level or of
// earlier cells, literals and operators, so evaluating them again has no
// effect and gives the values they had.
func (c *compiler) operands(u *unit, n ast.Node, site *Site) bool {
	text := func(e ast.Expr) string { return c.src[u.off(e.Pos()):u.off(e.End())] }
	var parts []ast.Expr
	switch x := n.(type) {
	case *ast.IndexExpr:
		site.X, site.Index = text(x.X), text(x.Index)
		parts = []ast.Expr{x.X, x.Index}
	case *ast.SliceExpr:
		if x.Slice3 {
			return false
		}
		site.X = text(x.X)
		parts = []ast.Expr{x.X}
		if x.Low != nil {
			site.Low = text(x.Low)
			parts = append(parts, x.Low)
		}
		if x.High != nil {
			site.High = text(x.High)
			parts = append(parts, x.High)
		}
	default:
		return false
	}
	for _, p := range parts {
		if !c.pureTopLevel(p) {
			return false
		}
	}
	return true
}

// pureTopLevel reports whether e is made of literals, operators, field
// selections and variables declared at the cell's top level or by earlier
// cells (not inside a statement, such as a loop variable).
func (c *compiler) pureTopLevel(e ast.Expr) bool {
	top := map[ast.Node]bool{}
	for _, st := range c.body.List {
		top[st] = true
		if ds, ok := st.(*ast.DeclStmt); ok {
			for _, sp := range ds.Decl.(*ast.GenDecl).Specs {
				top[sp] = true
			}
		}
	}
	pure := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Ident:
			if x.Obj != nil {
				d, _ := x.Obj.Decl.(ast.Node)
				pure = top[d]
			}
		case *ast.CallExpr, *ast.FuncLit, *ast.UnaryExpr, *ast.StarExpr, *ast.IndexExpr, *ast.CompositeLit:
			pure = false
		}
		return pure
	})
	return pure
}
