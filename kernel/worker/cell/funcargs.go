package cell

import "go/ast"

// yaegi hands a func literal passed to a native function (wg.Go,
// time.AfterFunc, context.AfterFunc...) as a wrapper that reads the
// variables it captures from the enclosing frame when it runs, not when
// it was made. A per-iteration loop variable shares one slot of that
// frame across iterations, so `for i := range 3 { wg.Go(func() { use(i)
// }) }` used the last i three times. A func value made by an interpreted
// function keeps its own copy, so in the bodies of loops with
// per-iteration variables, a func literal argument is made by one:
//
//	wg.Go(func() { use(i) })   →   wg.Go(func() func() { return func() { use(i) } }())

// freezeFuncArgs rewrites the func literal arguments of the calls in a
// loop body (see above).
func (c *compiler) freezeFuncArgs(body *ast.BlockStmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		for _, a := range call.Args {
			if lit, ok := a.(*ast.FuncLit); ok {
				c.freezeFuncLit(lit)
			}
		}
		return true
	})
}

// freezeFuncLit makes lit by an immediately called function literal.
func (c *compiler) freezeFuncLit(lit *ast.FuncLit) {
	start, body, end := c.off(lit.Pos()), c.off(lit.Body.Pos()), c.off(lit.End())
	typ := c.nodeText(lit.Type)
	c.replace(start, end, func() string {
		// Rendered in two parts: the whole range is this edit's own.
		return "func() " + typ + " { return " + c.r.text(start, body) + c.r.text(body, end) + " }()"
	})
}
