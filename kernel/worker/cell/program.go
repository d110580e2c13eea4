package cell

import (
	"go/ast"
	"go/token"
	"regexp"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// packageClause finds a package clause at the start of a line.
var packageClause = regexp.MustCompile(`(?m)^\s*package\s+\w+`)

// Program turns a cell into a standalone Go program for the Go toolchain
// (the %%native cell magic). A cell with a package clause is taken as it
// is. Otherwise its imports, type and function declarations go to the top
// level, package names used without an import are imported with resolve,
// and everything else — statements, var and const declarations, in their
// order — becomes the body of func main. Nothing is rewritten: the real
// compiler needs none of what yaegi lacks. //line directives make the
// compiler's messages say name.go:line:col.
func Program(name, src string, resolve Resolver) (string, error) {
	src = normalizeNewlines(src)
	if packageClause.MatchString(src) {
		return "//line " + name + ".go:1:1\n" + src, nil
	}
	c := NewSession(resolve).newCompiler(name, src)
	c.r.native = true
	if err := c.parse(); err != nil {
		return "", err
	}
	c.collectNames()
	return c.program(), nil
}

// program renders the parsed cell as package main.
func (c *compiler) program() string {
	var top, body strings.Builder
	c.cur = c.fu
	for _, d := range c.funcs.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			c.noteSelectors(fd)
			start := c.off(fd.Pos())
			top.WriteString(c.r.lineDir(start) + c.r.text(start, c.off(fd.End())))
		}
	}
	c.cur = c.bu
	for _, st := range c.body.List {
		c.noteSelectors(st)
		start := c.off(st.Pos())
		text := c.r.lineDir(start) + c.r.text(start, c.off(st.End()))
		if ds, ok := st.(*ast.DeclStmt); ok && ds.Decl.(*ast.GenDecl).Tok == token.TYPE {
			top.WriteString(text) // methods need their types at the top level
		} else {
			body.WriteString(text)
		}
	}
	return "package main\n\n" + c.programImports() + top.String() + "\n\nfunc main() {" + body.String() + "\n}\n"
}

// noteSelectors records the packages n uses without importing them.
func (c *compiler) noteSelectors(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if se, ok := n.(*ast.SelectorExpr); ok {
			c.noteSelector(se)
		}
		return true
	})
}

// programImports renders the cell's own imports and the automatic ones.
func (c *compiler) programImports() string {
	var lines []string
	for _, is := range c.imps.Imports {
		lines = append(lines, importOf(is).Source())
	}
	var auto []string
	for name, path := range c.auto {
		im := Import{Path: path}
		if gosyntax.PackageName(path) != name {
			im.Name = name
		}
		auto = append(auto, im.Source())
	}
	sort.Strings(auto)
	return strings.Join(append(lines, auto...), "\n") + "\n"
}
