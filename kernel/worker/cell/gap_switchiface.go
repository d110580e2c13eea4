package cell

import (
	"go/ast"
	"go/token"
	"strings"
)

// Gap switchiface: an expression switch on an interface value.
//
// yaegi v0.16.1 converts the tag of an expression switch to the type of
// each case value, which fails for an interface tag inside a function:
//
//	func f(v any) { switch v { case 0: } } // f(0), f("a"), f(nil) all panic:
//	// reflect.Value.Convert: value of type interface {} cannot be converted to type int
//
// Go compares the tag with each case value in order (`tag == value`),
// which yaegi gets right, so the switch is written as a switch without
// tag whose cases are those comparisons, the tag evaluated once. yaegi
// also checks only the first condition of a list in a switch without tag
// (`switch { case x > 5, x < 0: }` misses x = -1), so the alternatives of
// a case are joined by ||:
//
//	switch v { case 0, "a": }  →  switch _gksw := v; { case _gksw == 0 || _gksw == "a": }
//
// A switch with an init statement names its tag again in each case when
// the tag has no side effects (a name or a selector of names), and is left
// alone otherwise. A tag that is an integer as far as the syntax tells
// works in yaegi and is left alone.
var gapSwitchIface = gap{
	name:   "switchiface",
	yaegi:  "v0.16.1 converts an interface switch tag to each case value's type (`switch v { case 0: }` panics in a function) and checks only the first condition of a case list without tag",
	visits: []visitor{on((*compiler).visitSwitchIface)},
}

// visitSwitchIface rewrites an expression switch with a tag, or with
// lists of conditions.
func (c *compiler) visitSwitchIface(sw *ast.SwitchStmt) {
	if !hasCaseValues(sw) {
		return
	}
	if sw.Tag == nil {
		c.joinConditions(sw, func(e ast.Expr) string { return c.seg(e) })
		return
	}
	if c.isIntExpr(sw.Tag, 0) {
		return
	}
	// Edits cover the keyword too, so that they contain what they render.
	tag := func() string { return "_gksw" }
	header := c.off(sw.Switch)
	switch {
	case sw.Init == nil:
		c.replace(header, c.off(sw.Tag.End()), func() string { return "switch _gksw := " + c.seg(sw.Tag) + ";" })
	case isPureTag(sw.Tag):
		c.replace(header, c.off(sw.Tag.End()), func() string { return "switch " + c.seg(sw.Init) + ";" })
		tag = func() string { return c.seg(sw.Tag) }
	default:
		return
	}
	c.joinConditions(sw, func(e ast.Expr) string { return tag() + " == " + c.operand(e) })
}

// joinConditions writes each case of sw as one condition, the
// alternatives of its list joined by ||.
func (c *compiler) joinConditions(sw *ast.SwitchStmt, cond func(e ast.Expr) string) {
	for _, st := range sw.Body.List {
		cl := st.(*ast.CaseClause)
		if len(cl.List) == 0 || sw.Tag == nil && len(cl.List) == 1 {
			continue
		}
		start, end := c.off(cl.Case), c.off(cl.List[len(cl.List)-1].End())
		c.replace(start, end, func() string {
			parts := make([]string, len(cl.List))
			for i, e := range cl.List {
				parts[i] = cond(e)
			}
			return "case " + strings.Join(parts, " || ")
		})
	}
}

// operand renders e as the right operand of ==, in parentheses only when
// it needs them: yaegi compares `v == (nil)` wrongly.
func (c *compiler) operand(e ast.Expr) string {
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op.Precedence() <= token.EQL.Precedence() {
		return "(" + c.seg(e) + ")"
	}
	return c.seg(e)
}

// hasCaseValues reports whether a case of sw lists values.
func hasCaseValues(sw *ast.SwitchStmt) bool {
	for _, st := range sw.Body.List {
		if len(st.(*ast.CaseClause).List) > 0 {
			return true
		}
	}
	return false
}

// isPureTag reports whether evaluating e again has no side effects: a
// name or a selector of names.
func isPureTag(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPureTag(e.X)
	}
	return false
}
