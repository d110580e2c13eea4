package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

var gapTupleAssign = gap{
	name:   "tupleassign",
	yaegi:  "v0.16.1 loses the values before a call in a tuple assignment: after a, b = 1, f() a keeps its old value",
	visits: onStmtLists((*compiler).rewriteTupleAssigns),
}

// yaegi v0.16.1 loses the values before a call in a tuple assignment:
// after `a, b = 1, f()` (or `a, b = x, f()`) a keeps its old value. A
// define (`a, b := 1, f()`) and assignments whose values are all calls,
// or all plain values, are right. So the compiler evaluates the values
// first, in their order, into temporaries, and assigns those:
//
//	a, b = x, f()   →   { _gkv0 := x; _gkv1 := f(); a, b = _gkv0, _gkv1 }
//
// which is what Go does (values first, then the assignments, left to
// right). Constants stay where they are: they have no effect to order,
// and a temporary would give an untyped constant its default type.

// rewriteTupleAssigns rewrites the tuple assignments of a statement list
// (only there can one statement become a block).
func (c *compiler) rewriteTupleAssigns(list []ast.Stmt) {
	for _, st := range list {
		if l, ok := st.(*ast.LabeledStmt); ok {
			st = l.Stmt
		}
		if as, ok := st.(*ast.AssignStmt); ok && c.losesValues(as) {
			c.rewriteTupleAssign(as)
		}
	}
}

// losesValues reports whether yaegi would lose values of as: a tuple
// assignment where a value without a call or a receive precedes one with.
func (c *compiler) losesValues(as *ast.AssignStmt) bool {
	if as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	plainBefore := false
	for _, v := range as.Rhs {
		call := hasCall(v)
		if call && plainBefore {
			return true
		}
		plainBefore = plainBefore || !call
	}
	return false
}

// rewriteTupleAssign evaluates as's non-constant values into temporaries
// before assigning.
func (c *compiler) rewriteTupleAssign(as *ast.AssignStmt) {
	c.replace(c.off(as.Pos()), c.off(as.End()), func() string {
		var b strings.Builder
		b.WriteString("{ ")
		vals := make([]string, len(as.Rhs))
		for i, v := range as.Rhs {
			if c.isConstExpr(v) {
				vals[i] = c.seg(v)
				continue
			}
			vals[i] = fmt.Sprintf("_gkv%d", i)
			fmt.Fprintf(&b, "%s := %s; ", vals[i], c.seg(v))
		}
		lhs := c.r.seg(c.off(as.Lhs[0].Pos()), c.off(as.Lhs[len(as.Lhs)-1].End()))
		return b.String() + lhs + " = " + strings.Join(vals, ", ") + " }"
	})
}
