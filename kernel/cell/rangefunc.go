package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Range over functions (Go 1.23 iterators), which yaegi does not know:
//
//	for k, v := range seq { body }
//
// becomes, when seq's type is visible in the source as
// func(yield func(K, V) bool),
//
//	seq(func(k K, v V) bool { body; return true })
//
// with the loop's own break and continue turned into return false and
// return true. Loops whose body returns, defers, jumps to a label or is
// labeled are left alone (yaegi then reports the "nil type" the worker
// explains).

// rangeFunc rewrites rs if it ranges over an iterator function it can
// type; it reports whether it did.
func (c *compiler) rangeFunc(rs *ast.RangeStmt, lbl *ast.LabeledStmt) bool {
	if lbl != nil || (rs.Key != nil && rs.Tok != token.DEFINE) {
		return false
	}
	params, ok := c.iterParams(rs.X)
	if !ok || !simpleLoopBody(rs.Body) {
		return false
	}
	names := []string{"_", "_"}
	for i, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); ok {
			names[i] = id.Name
		}
	}
	var decl []string
	for i, t := range params {
		decl = append(decl, names[i]+" "+t)
	}
	for _, br := range loopBranches(rs.Body) {
		ret := "return true"
		if br.Tok == token.BREAK {
			ret = "return false"
		}
		c.replace(c.off(br.Pos()), c.off(br.End()), func() string { return ret })
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		return c.seg(rs.X) + "(func(" + strings.Join(decl, ", ") + ") bool {" + c.inner(rs.Body) + "; return true })"
	})
	return true
}

// iterParams returns the yield parameter types of an iterator expression:
// a call of a function of this or an earlier cell, or a variable, whose
// type is written func(yield func(T...) bool) in the source.
func (c *compiler) iterParams(x ast.Expr) ([]string, bool) {
	typ := c.funcTypeText(x)
	if id, ok := ast.Unparen(x).(*ast.Ident); ok {
		if d, ok := c.lookup(id.Name); ok && d.kind == kindVar {
			typ = d.typ
		}
	}
	return yieldParams(typ)
}

// nodeTextIn is the cell source of n, which belongs to unit u.
func (c *compiler) nodeTextIn(u *unit, n ast.Node) string {
	return c.src[u.off(n.Pos()):u.off(n.End())]
}

// yieldParams parses typ as func(yield func(T...) bool) and returns the
// source of the Ts (one or two).
func yieldParams(typ string) ([]string, bool) {
	if typ == "" {
		return nil, false
	}
	e, err := parser.ParseExpr(typ)
	if err != nil {
		return nil, false
	}
	outer, ok := e.(*ast.FuncType)
	if !ok || outer.Params.NumFields() != 1 || outer.Results != nil {
		return nil, false
	}
	yield, ok := outer.Params.List[0].Type.(*ast.FuncType)
	if !ok || yield.Results.NumFields() != 1 || yield.Params.NumFields() < 1 || yield.Params.NumFields() > 2 {
		return nil, false
	}
	if r, ok := yield.Results.List[0].Type.(*ast.Ident); !ok || r.Name != "bool" {
		return nil, false
	}
	var params []string
	for _, f := range yield.Params.List {
		for range max(1, len(f.Names)) {
			params = append(params, typ[f.Type.Pos()-1:f.Type.End()-1])
		}
	}
	return params, true
}

// simpleLoopBody reports whether a loop body can become a function body:
// no return, defer, goto or labels, and no labeled break or continue.
func simpleLoopBody(body *ast.BlockStmt) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
			ok = false
		case *ast.BranchStmt:
			ok = ok && n.Label == nil && n.Tok != token.GOTO && n.Tok != token.FALLTHROUGH
		}
		return ok
	})
	return ok
}

// loopBranches returns the break and continue statements that belong to
// the loop itself, not to a loop, switch or select nested in its body.
func loopBranches(body *ast.BlockStmt) []*ast.BranchStmt {
	var out []*ast.BranchStmt
	var walk func(n ast.Node, inLoop, inSwitch bool)
	walk = func(n ast.Node, inLoop, inSwitch bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if m == n {
				return true
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				walk(m, true, inSwitch)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, inLoop, true)
				return false
			case *ast.BranchStmt:
				if (m.Tok == token.CONTINUE && !inLoop) || (m.Tok == token.BREAK && !inLoop && !inSwitch) {
					out = append(out, m)
				}
			}
			return true
		})
	}
	walk(body, false, false)
	return out
}
