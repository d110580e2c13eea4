package assist

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/goast"
)

// Symbol kinds, named as JupyterLab's completer names them.
const (
	kindFunction = "function"
	kindMethod   = "method"
	kindField    = "field"
	kindVariable = "variable"
	kindConstant = "constant"
	kindType     = "type"
	kindPackage  = "package"
	kindKeyword  = "keyword"
)

// How a variable's type follows from its value expression.
const (
	fromValue      = iota // x := v
	fromTuple             // a, b := f() (idx selects the result)
	fromRangeKey          // for k := range v
	fromRangeValue        // for _, e := range v
)

// symbol is a name declared in source: a learned cell or the code being
// edited.
type symbol struct {
	name string
	kind string
	path string   // kindPackage: the import path
	typ  ast.Expr // declared type; *ast.FuncType for funcs and methods
	val  ast.Expr // value the type is inferred from
	from int      // fromValue, ...
	idx  int      // result index for fromTuple
	spec *ast.TypeSpec
	decl string // the declaration as shown by Inspect
	doc  string
}

// scope maps names to symbols; a child scope (the code being edited) shadows
// its parent (the learned cells).
type scope struct {
	syms    map[string]*symbol
	methods map[string]map[string]*symbol // receiver type name → methods
	parent  *scope
}

// newScope returns an empty scope on top of parent (which may be nil).
func newScope(parent *scope) *scope {
	return &scope{syms: map[string]*symbol{}, methods: map[string]map[string]*symbol{}, parent: parent}
}

// lookup finds name in the scope chain.
func (sc *scope) lookup(name string) *symbol {
	for ; sc != nil; sc = sc.parent {
		if s, ok := sc.syms[name]; ok {
			return s
		}
	}
	return nil
}

// methodsOf returns the methods declared for the named type, the child's
// overriding the parent's.
func (sc *scope) methodsOf(typeName string) map[string]*symbol {
	out := map[string]*symbol{}
	var chain []*scope
	for s := sc; s != nil; s = s.parent {
		chain = append(chain, s)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for n, m := range chain[i].methods[typeName] {
			out[n] = m
		}
	}
	return out
}

// add declares sym, ignoring the blank identifier.
func (sc *scope) add(sym *symbol) {
	if sym.name != "_" && sym.name != "" {
		sc.syms[sym.name] = sym
	}
}

// collector records the declarations of one unit into a scope.
type collector struct {
	sc       *scope
	u        *unit
	pkgNames func(path string) string
}

// collect records the unit's top-level declarations; deep also records
// parameters and local variables of everything in the unit (the unit the
// cursor is in).
func (c *collector) collect(deep bool) {
	for _, d := range c.u.decls() {
		c.decl(d)
		if deep {
			ast.Inspect(d, c.local)
		}
	}
	for _, st := range c.u.stmts() {
		c.stmt(st)
		if deep {
			ast.Inspect(st, c.local)
		}
	}
}

// decl records a top-level declaration.
func (c *collector) decl(d ast.Decl) {
	switch d := d.(type) {
	case *ast.GenDecl:
		c.genDecl(d)
	case *ast.FuncDecl:
		c.funcDecl(d)
	}
}

// stmt records the declarations a top-level statement makes.
func (c *collector) stmt(st ast.Stmt) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		c.assign(st)
	case *ast.DeclStmt:
		if gd, ok := st.Decl.(*ast.GenDecl); ok {
			c.genDecl(gd)
		}
	}
}

// local records declarations nested anywhere (an ast.Inspect visitor).
func (c *collector) local(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncDecl:
		c.fields(n.Recv)
		c.fields(n.Type.Params)
		c.fields(n.Type.Results)
	case *ast.FuncLit:
		c.fields(n.Type.Params)
		c.fields(n.Type.Results)
	case *ast.AssignStmt:
		c.assign(n)
	case *ast.GenDecl:
		if n.Tok != token.IMPORT {
			c.genDecl(n)
		}
	case *ast.RangeStmt:
		c.rangeVars(n)
	}
	return true
}

// fields declares named parameters or results.
func (c *collector) fields(fl *ast.FieldList) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		typ := f.Type
		if e, ok := typ.(*ast.Ellipsis); ok {
			typ = &ast.ArrayType{Elt: e.Elt}
		}
		for _, n := range f.Names {
			c.sc.add(&symbol{name: n.Name, kind: kindVariable, typ: typ, decl: n.Name + " " + types.ExprString(typ)})
		}
	}
}

// assign declares the variables of a := statement.
func (c *collector) assign(st *ast.AssignStmt) {
	if st.Tok != token.DEFINE {
		return
	}
	decl := firstLine(c.u.text(st))
	for i, l := range st.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		sym := &symbol{name: id.Name, kind: kindVariable, decl: decl, doc: c.commentFor(st)}
		sym.setValue(st.Rhs, i, len(st.Lhs))
		c.sc.add(sym)
	}
}

// setValue records where the value of the i-th of n names declared
// together comes from: its own expression, or one result of a single call
// returning a tuple.
func (sym *symbol) setValue(values []ast.Expr, i, n int) {
	switch {
	case len(values) == n:
		sym.val = values[i]
	case len(values) == 1:
		sym.val, sym.from, sym.idx = values[0], fromTuple, i
	}
}

// rangeVars declares the key and value variables of a range clause.
func (c *collector) rangeVars(st *ast.RangeStmt) {
	if st.Tok != token.DEFINE {
		return
	}
	for _, kv := range []struct {
		e    ast.Expr
		from int
	}{{st.Key, fromRangeKey}, {st.Value, fromRangeValue}} {
		if id, ok := kv.e.(*ast.Ident); ok {
			c.sc.add(&symbol{name: id.Name, kind: kindVariable, val: st.X, from: kv.from, decl: "for ... range " + types.ExprString(st.X)})
		}
	}
}

// genDecl records import, const, var and type declarations.
func (c *collector) genDecl(d *ast.GenDecl) {
	for _, spec := range d.Specs {
		doc := d.Doc
		switch s := spec.(type) {
		case *ast.ImportSpec:
			c.importSpec(s)
		case *ast.ValueSpec:
			if s.Doc != nil || len(d.Specs) > 1 {
				doc = s.Doc
			}
			c.valueSpec(d, s, docText(doc, s.Comment))
		case *ast.TypeSpec:
			if s.Doc != nil || len(d.Specs) > 1 {
				doc = s.Doc
			}
			c.sc.add(&symbol{name: s.Name.Name, kind: kindType, spec: s, typ: s.Type,
				decl: "type " + firstLines(c.u.text(s), 12), doc: docText(doc, s.Comment)})
		}
	}
}

// importSpec records an imported package under its name or alias.
func (c *collector) importSpec(s *ast.ImportSpec) {
	path, err := strconv.Unquote(s.Path.Value)
	if err != nil {
		return
	}
	name := c.pkgNames(path)
	if s.Name != nil {
		name = s.Name.Name
	}
	if name == "." || name == "_" {
		return
	}
	c.sc.add(&symbol{name: name, kind: kindPackage, path: path, decl: "import " + c.u.text(s)})
}

// valueSpec records the names of a var or const spec.
func (c *collector) valueSpec(d *ast.GenDecl, s *ast.ValueSpec, doc string) {
	kind := kindVariable
	if d.Tok == token.CONST {
		kind = kindConstant
	}
	decl := d.Tok.String() + " " + firstLine(c.u.text(s))
	for i, n := range s.Names {
		sym := &symbol{name: n.Name, kind: kind, typ: s.Type, decl: decl, doc: doc}
		sym.setValue(s.Values, i, len(s.Names))
		c.sc.add(sym)
	}
}

// funcDecl records a function, or a method under its receiver's type.
func (c *collector) funcDecl(d *ast.FuncDecl) {
	sym := &symbol{name: d.Name.Name, kind: kindFunction, typ: d.Type, decl: funcHeader(d), doc: docText(d.Doc, nil)}
	if d.Recv == nil || len(d.Recv.List) == 0 {
		c.sc.add(sym)
		return
	}
	recv := goast.ReceiverTypeName(d.Recv.List[0].Type)
	if recv == "" {
		return
	}
	sym.kind = kindMethod
	if c.sc.methods[recv] == nil {
		c.sc.methods[recv] = map[string]*symbol{}
	}
	c.sc.methods[recv][sym.name] = sym
}

// commentFor returns the comment on the line of node or the lines just
// above it (statements carry no doc comments in go/ast).
func (c *collector) commentFor(node ast.Node) string {
	if c.u.file == nil {
		return ""
	}
	line := c.u.line(node.Pos())
	var parts []string
	for _, g := range c.u.file.Comments {
		if end := c.u.line(g.End()); end == line-1 || (c.u.line(g.Pos()) == line && g.Pos() > node.Pos()) {
			parts = append(parts, g.Text())
		}
	}
	return strings.TrimSpace(strings.Join(parts, "\n"))
}

// funcHeader renders a function declaration without its body.
func funcHeader(d *ast.FuncDecl) string {
	var b strings.Builder
	b.WriteString("func ")
	if d.Recv != nil && len(d.Recv.List) > 0 {
		r := d.Recv.List[0]
		b.WriteString("(")
		for i, n := range r.Names {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n.Name + " ")
		}
		b.WriteString(types.ExprString(r.Type) + ") ")
	}
	b.WriteString(d.Name.Name)
	if d.Type.TypeParams != nil {
		b.WriteString("[" + fieldList(d.Type.TypeParams) + "]")
	}
	b.WriteString(strings.TrimPrefix(types.ExprString(&ast.FuncType{Params: d.Type.Params, Results: d.Type.Results}), "func"))
	return b.String()
}

// fieldList renders a field list such as type parameters.
func fieldList(fl *ast.FieldList) string {
	var parts []string
	for _, f := range fl.List {
		var names []string
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
		parts = append(parts, strings.TrimSpace(strings.Join(names, ", ")+" "+types.ExprString(f.Type)))
	}
	return strings.Join(parts, ", ")
}

// docText joins a doc comment and a trailing line comment.
func docText(doc, comment *ast.CommentGroup) string {
	return strings.TrimSpace(doc.Text() + "\n" + comment.Text())
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

// firstLines returns at most n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "") + "\t..."
}
