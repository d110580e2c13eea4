package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
)

// Gap selectbreak: break and continue inside a select statement.
//
// yaegi v0.16.1 wires the branch statements of a select's clauses wrongly:
//
//	L: for { select { case <-done: break L } }       // never ends (also in default:)
//	L: for ... { select { default: continue L }; x() } // x still runs
//	for ... { select { case <-c: if ok { break } }; x() } // leaves the for loop
//	select { case <-c: if ok { break }; y() }; z()   // z never runs
//
// A break or continue that is not the direct statement of the clause but
// inside a block works, and so does a labeled break of the select itself.
// So every break that leaves a select is turned into `{ break S }`, S the
// select's label (`_gkselN` when it has none), and every other break or
// continue written directly in a clause is put in a block.
var gapSelectBreak = gap{
	name:   "selectbreak",
	yaegi:  "v0.16.1 wires break and continue in a select's clauses wrongly: `L: for { select { case <-done: break L } }` never ends",
	visits: onStmtLists((*compiler).visitSelectBreak),
}

// visitSelectBreak rewrites the selects among the statements of a block,
// a clause or the cell's top level.
func (c *compiler) visitSelectBreak(list []ast.Stmt) {
	for _, st := range list {
		label := ""
		if ls, ok := st.(*ast.LabeledStmt); ok {
			st, label = ls.Stmt, ls.Label.Name
		}
		if sel, ok := st.(*ast.SelectStmt); ok {
			c.selectBranches(sel, label)
		}
	}
}

// selectBranches rewrites the breaks of sel (labeled label, may be "")
// and the other branch statements written directly in its clauses.
func (c *compiler) selectBranches(sel *ast.SelectStmt, label string) {
	var breaks []*ast.BranchStmt
	for _, cl := range sel.Body.List {
		for _, st := range cl.(*ast.CommClause).Body {
			breaks = append(breaks, breaksOf(st, label)...)
		}
	}
	if len(breaks) > 0 && label == "" {
		label = fmt.Sprintf("_gksel%d", c.off(sel.Pos()))
		c.r.insert(c.off(sel.Pos()), label+": ")
	}
	for _, br := range breaks {
		c.replace(c.off(br.Pos()), c.off(br.End()), func() string { return "{ break " + label + " }" })
	}
	for _, cl := range sel.Body.List {
		for _, st := range cl.(*ast.CommClause).Body {
			if br, ok := st.(*ast.BranchStmt); ok && !slices.Contains(breaks, br) && (br.Tok == token.BREAK || br.Tok == token.CONTINUE) {
				c.replace(c.off(br.Pos()), c.off(br.End()), func() string { return "{ " + c.nodeText(br) + " }" })
			}
		}
	}
}

// breaksOf returns the break statements in st that leave the select
// labeled label ("" for none) whose clause st is in.
func breaksOf(st ast.Stmt, label string) []*ast.BranchStmt {
	var found []*ast.BranchStmt
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if n.Tok == token.BREAK && (n.Label == nil && !insideOther(st, n) || n.Label != nil && n.Label.Name == label) {
				found = append(found, n)
			}
		}
		return true
	})
	return found
}

// insideOther reports whether br is inside a for, switch or select
// statement within st, which an unlabeled break would leave instead.
func insideOther(st ast.Stmt, br *ast.BranchStmt) bool {
	inside := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if n.Pos() <= br.Pos() && br.End() <= n.End() {
				inside = true
			}
		}
		return !inside
	})
	return inside
}
