package cell

import (
	"go/ast"
	"go/token"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// Gap rangestring: range over a string yields the byte offset of each
// rune, and an invalid byte is one rune (utf8.RuneError) one byte long.
//
// yaegi v0.16.1 converts the string to []rune and takes the offset of
// rune i as len(string(runes[:i])) (interp/run.go, _range), which makes
// every invalid byte three bytes long (and each step costs the length of
// the string); with only a key it yields the rune's index, not its
// offset:
//
//	for i := range "a\u00e9\xffz" {} // Go: 0 1 3 4, yaegi: 0 1 2 3
//	for i, r := range "a\xffz" {}    // Go: 0 1 2,   yaegi: 0 1 4
//
// A range over an expression the syntax tells is a string ranges over
// the (offset, rune) pairs that _gkrt.StringRange decodes as Go does:
//
//	for i, r := range s { body }  →  for _, _gksr := range _gkrt.StringRange(s) { i, r := _gksr.Off, _gksr.R; {body} }
//
// Each iteration has its own variables, so the Go 1.22 loop variable
// rewrite (gap_loopvar.go) is not needed for these loops.
var gapRangeString = gap{
	name:    "rangestring",
	yaegi:   "v0.16.1 ranges over a string's []rune: the key is the rune index with only a key, and an invalid byte is three bytes long",
	visits:  onStmtLists((*compiler).visitRangeString),
	runtime: []string{cellrt.StringRange},
}

// visitRangeString rewrites the ranges over strings among the statements
// of a block, a clause or the cell's top level. Visiting the enclosing
// list, it runs before the loop's own visit and loop hooks, so that it
// can take the loop from the loopvar rewrite.
func (c *compiler) visitRangeString(list []ast.Stmt) {
	for _, st := range list {
		if ls, ok := st.(*ast.LabeledStmt); ok {
			st = ls.Stmt
		}
		if rs, ok := st.(*ast.RangeStmt); ok && c.isStringRange(rs) {
			c.rangeString(rs)
		}
	}
}

// isStringRange reports whether rs ranges over a string and names an
// iteration variable.
func (c *compiler) isStringRange(rs *ast.RangeStmt) bool {
	return rs.Key != nil && c.exprType(rs.X) == "string"
}

func (c *compiler) rangeString(rs *ast.RangeStmt) {
	if c.loopDone == nil {
		c.loopDone = map[ast.Stmt]bool{}
	}
	c.loopDone[rs] = true
	c.freezeIfCaptured(rs.Body)
	var lhs, rhs []ast.Expr
	for i, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); e == nil || ok && id.Name == "_" {
			continue
		}
		lhs = append(lhs, e)
		rhs = append(rhs, &ast.Ident{Name: []string{"_gksr.Off", "_gksr.R"}[i]})
	}
	if len(lhs) == 0 {
		return
	}
	op := " = "
	if rs.Tok == token.DEFINE {
		op = " := "
	}
	c.replace(c.off(rs.Pos()), c.off(rs.End()), func() string {
		return "for _, _gksr := range " + cellrt.StringRange + "(" + c.seg(rs.X) + ") { " +
			c.exprs(lhs) + op + c.names(rhs) + "; {" + c.inner(rs.Body) + "} }"
	})
}
