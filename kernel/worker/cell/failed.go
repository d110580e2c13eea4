package cell

import (
	"fmt"
	"go/ast"
	"sort"
)

// A cell that fails to compile must leave nothing behind, as in Go. yaegi
// does not guarantee that: by the time it reports the error it may have
// declared the cell's names, with zero values and functions without
// bodies, replacing earlier definitions. The worker undoes what it can
// (see Fail) and the compiler rejects the rest: names only a failed cell
// declared are undefined for later cells.

// RedeclaredVars returns the variables of earlier cells that p declares
// again, whose values the worker saves before compiling p so that it can
// restore them if p fails to compile.
func (s *Session) RedeclaredVars(p *Plan) []string {
	var names []string
	for _, d := range p.declared {
		if old, ok := s.decls[d.name]; ok && old.kind == kindVar && d.kind == kindVar {
			names = append(names, d.name)
		}
	}
	return names
}

// Fail records that p failed to compile. The names p declares that no
// committed cell declares become undefined for later cells until a cell
// declares them successfully. It returns the committed declarations of
// the functions and methods p declares again, which the worker evaluates
// to bring the earlier definitions back ("" if there are none).
func (s *Session) Fail(p *Plan) string {
	var restore []string
	for _, d := range p.declared {
		if _, ok := s.decls[d.name]; !ok {
			s.failed[d.name] = d
			continue
		}
		if f, ok := s.funcs[d.name]; ok && (d.kind == kindFunc || d.kind == kindMethod) {
			restore = append(restore, f.src)
		}
	}
	sort.Strings(restore)
	src := ""
	for _, r := range restore {
		src += r
	}
	return src
}

// checkFailedNames reports each use of a name that only a failed cell
// declared, where Go would say it is undefined (yaegi would use the zero
// value it was left with).
func (c *compiler) checkFailedNames() {
	if len(c.s.failed) == 0 {
		return
	}
	check := func(u *unit, root ast.Node) {
		eachFreeIdent(root, func(id *ast.Ident) {
			if _, ok := c.s.failed[id.Name]; !ok || c.declaresOrImports(id.Name) {
				return
			}
			line, col := c.r.lt.pos(u.off(id.Pos()))
			c.diags = append(c.diags, Diag{Line: line, Col: col, Msg: fmt.Sprintf(
				"undefined: %s (only a cell that failed to compile declared it)", id.Name)})
		})
	}
	for _, d := range c.funcs.Decls {
		check(c.fu, d)
	}
	check(c.bu, c.body)
}

// declaresOrImports reports whether this cell declares name or binds it
// by an import.
func (c *compiler) declaresOrImports(name string) bool {
	_, declared := c.cellNames[name]
	_, imported := c.imports[name]
	return declared || imported
}

// eachFreeIdent calls f for every identifier in root that go/parser left
// unresolved and that refers to a declared name: not a selected field or
// method, composite-literal key, label, or field and method name in a type.
func eachFreeIdent(root ast.Node, f func(*ast.Ident)) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Ident:
			if x.Obj == nil {
				f(x)
			}
		case *ast.SelectorExpr:
			eachFreeIdent(x.X, f)
			return false
		case *ast.KeyValueExpr:
			eachFreeIdent(x.Value, f)
			return false
		case *ast.LabeledStmt:
			eachFreeIdent(x.Stmt, f)
			return false
		case *ast.BranchStmt:
			return false
		case *ast.Field:
			eachFreeIdent(x.Type, f)
			return false
		case *ast.FuncDecl:
			if x.Recv != nil {
				eachFreeIdent(x.Recv, f)
			}
			eachFreeIdent(x.Type, f)
			if x.Body != nil {
				eachFreeIdent(x.Body, f)
			}
			return false
		}
		return true
	})
}
