package cell

import (
	"go/ast"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/goast"
)

// yaegi reports only the first type error of a cell. To find the others,
// the worker type-checks the cell with go/types (package typecheck) in
// the context of the committed cells. CheckSource renders that context
// from what Commit keeps of each declaration: the source declaring the
// name alone (declInfo.src, set by describe).

// funcKey names a function "f" and a method "T.M", as declInfo does.
func funcKey(fd *ast.FuncDecl) string {
	if fd.Recv == nil {
		return fd.Name.Name
	}
	return goast.ReceiverTypeName(fd.Recv.List[0].Type) + "." + fd.Name.Name
}

// constSource declares the j-th constant of sp, the spec at index spec of
// its group: as many specs precede it, so that iota keeps its value.
func (c *compiler) constSource(sp *ast.ValueSpec, j, spec int) string {
	if j >= len(sp.Values) {
		return ""
	}
	decl := sp.Names[j].Name
	if sp.Type != nil {
		decl += " " + c.nodeText(sp.Type)
	}
	decl += " = " + c.nodeText(sp.Values[j])
	if spec == 0 {
		return "const " + decl
	}
	return "const (\n" + strings.Repeat("_ = 0\n", spec) + decl + "\n)"
}

// varSource declares the j-th of names, a variable of type typ (which
// may be nil) initialized from values: one value per name, or one
// multi-value expression.
func (c *compiler) varSource(names []*ast.Ident, j int, typ ast.Expr, values []ast.Expr) string {
	switch {
	case typ != nil:
		return "var " + names[j].Name + " " + c.nodeText(typ)
	case len(values) == len(names):
		return "var " + names[j].Name + " = " + c.nodeText(values[j])
	case len(values) == 1:
		lhs := make([]string, len(names))
		for i := range lhs {
			lhs[i] = "_"
		}
		lhs[j] = names[j].Name
		return "var " + strings.Join(lhs, ", ") + " = " + c.nodeText(values[0])
	}
	return ""
}

// CheckSource renders cell src as one Go file for a type checker, in the
// context of the committed cells. The file holds, in package main: the
// committed imports and the cell's own and automatic ones; the committed
// declarations (functions and methods without bodies) except those the
// cell declares again at package level; the cell's statements, unchanged,
// as the body of a function; and its functions, methods and the
// declarations the compiler moves to package level (see Plan.Decls).
// //line directives give the cell's text its positions name.go:L:C, and
// only the cell's text, so a checker can tell the cell's errors from the
// context's. A syntax error returns an *Error, as Compile does.
func (s *Session) CheckSource(name, src string) (string, error) {
	c := s.newCompiler(name, src)
	c.r.native = true
	if err := c.parse(); err != nil {
		return "", err
	}
	c.collectNames()
	c.classify()
	top, declared := c.checkDecls()
	body := c.checkBody()
	return "package main\n\n" + c.checkImports() + s.contextDecls(declared) +
		"\nfunc _() {" + body + "\n}\n" + top, nil
}

// checkDecls renders the cell's package-level declarations, and returns
// the names (methods as "T.M") they declare.
func (c *compiler) checkDecls() (string, map[string]bool) {
	var b strings.Builder
	declared := map[string]bool{}
	c.cur = c.fu
	for _, d := range c.funcs.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			c.noteSelectors(fd)
			declared[funcKey(fd)] = true
			start := c.off(fd.Pos())
			b.WriteString(c.r.lineDir(start) + c.r.text(start, c.off(fd.End())))
		}
	}
	c.cur = c.bu
	for _, st := range c.body.List {
		if c.hoisted[st] {
			c.noteSelectors(st)
			for _, n := range stmtNames(st) {
				declared[n] = true
			}
			b.WriteString(c.r.lineDir(c.off(st.Pos())) + c.hoist(st))
		}
	}
	return b.String(), declared
}

// stmtNames lists the names a top-level declaration or := declares.
func stmtNames(st ast.Stmt) []string {
	var names []string
	switch st := st.(type) {
	case *ast.DeclStmt:
		for _, sp := range st.Decl.(*ast.GenDecl).Specs {
			switch sp := sp.(type) {
			case *ast.TypeSpec:
				names = append(names, sp.Name.Name)
			case *ast.ValueSpec:
				for _, n := range sp.Names {
					names = append(names, n.Name)
				}
			}
		}
	case *ast.AssignStmt:
		for _, l := range st.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				names = append(names, id.Name)
			}
		}
	}
	return names
}

// checkBody renders the statements that stay statements.
func (c *compiler) checkBody() string {
	var b strings.Builder
	c.cur = c.bu
	for _, st := range c.body.List {
		if !c.hoisted[st] {
			c.noteSelectors(st)
			start := c.off(st.Pos())
			b.WriteString(c.r.lineDir(start) + c.r.text(start, c.off(st.End())))
		}
	}
	return b.String()
}

// checkImports renders the committed, explicit and automatic imports,
// each under the name it binds (blank imports, which bind none, left out).
func (c *compiler) checkImports() string {
	bindings := map[string]string{}
	for _, m := range []map[string]string{c.s.imports, c.imports, c.auto} {
		for name, path := range m {
			bindings[name] = path
		}
	}
	delete(bindings, "_")
	var lines []string
	for name, path := range bindings {
		lines = append(lines, Import{Name: name, Path: path}.Source())
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// contextDecls renders the committed declarations, except those named in
// skip, in name order.
func (s *Session) contextDecls(skip map[string]bool) string {
	var srcs []string
	for _, d := range s.decls {
		if !skip[d.name] && d.src != "" {
			srcs = append(srcs, d.src)
		}
	}
	sort.Strings(srcs)
	return strings.Join(srcs, "\n") + "\n"
}
