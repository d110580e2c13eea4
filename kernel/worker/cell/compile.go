package cell

import (
	"go/ast"
	"go/token"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// compiler holds the state of compiling one cell.
type compiler struct {
	s    *Session
	name string
	src  string
	r    *renderer
	plan *Plan

	items []item
	body  *ast.BlockStmt // top-level statements and var/const/type decls
	bu    *unit
	funcs *ast.File // func and method declarations
	fu    *unit
	imps  *ast.File // import declarations
	iu    *unit
	cur   *unit // unit of the AST being walked

	cellNames map[string]declKind // names declared at cell top level
	funcTypes map[string]*ast.FuncType
	imports   map[string]string // binding -> path, this cell's explicit imports
	auto      map[string]string // binding -> path, auto-imports
	stmtObjs  map[*ast.Object]bool
	hoisted   map[ast.Stmt]bool   // top-level statements moved to Decls
	declHoist map[ast.Stmt]bool   // generic-initialized vars a func of the cell uses
	varDecls  map[ast.Stmt]string // their declarations, rendered in Decls
	mainDecl  *ast.FuncDecl
	initDecls []*ast.FuncDecl
	diags     []Diag
	loopDone  map[ast.Stmt]bool
	gen       genState       // range-over-func and generic-call rewrites
	gapStates map[string]any // see gapState
}

// Compile turns the source of one cell into a Plan. name is the cell's
// file name stem, e.g. "cell3": generated source carries
// `//line cell3.go:L:C` directives so that yaegi's compile errors and
// panics report positions in the user's cell. A syntax error returns an
// *Error listing all syntax errors of the cell.
func (s *Session) Compile(name, src string) (*Plan, error) {
	c := s.newCompiler(name, src)
	if err := c.parse(); err != nil {
		return nil, err
	}
	if err := c.checkReceivers(); err != nil {
		return nil, err
	}
	c.collectNames()
	c.checkFailedNames()
	c.classify()
	c.describe()
	c.rewriteAll()
	if len(c.diags) > 0 {
		return nil, &Error{Name: name, Src: c.src, Diags: sortDiags(c.diags)}
	}
	c.resolveImports()
	c.assemble()
	return c.plan, nil
}

func (s *Session) newCompiler(name, src string) *compiler {
	src = normalizeNewlines(src)
	return &compiler{
		s: s, name: name, src: src,
		r:         &renderer{name: name, src: src, lt: newLineTable(src)},
		plan:      &Plan{name: name},
		cellNames: map[string]declKind{},
		funcTypes: map[string]*ast.FuncType{},
		imports:   map[string]string{},
		auto:      map[string]string{},
		stmtObjs:  map[*ast.Object]bool{},
		hoisted:   map[ast.Stmt]bool{},
		declHoist: map[ast.Stmt]bool{},
		varDecls:  map[ast.Stmt]string{},
	}
}

// parse splits the cell into items and parses imports, func declarations
// and statements separately, each with the other items blanked out.
func (c *compiler) parse() error {
	c.items = splitItems(c.src)
	fset := token.NewFileSet()
	only := func(k itemKind) func(itemKind) bool {
		return func(x itemKind) bool { return x == k }
	}
	var diags []Diag
	collect := func(err error, u *unit) {
		if err != nil {
			diags = append(diags, syntaxDiags(err, u, len(c.src), c.r.lt)...)
		}
	}
	var err error
	c.imps, c.iu, err = parseFile(fset, blank(c.src, c.items, only(itemImport)))
	collect(err, c.iu)
	c.funcs, c.fu, err = parseFile(fset, blank(c.src, c.items, only(itemFunc)))
	collect(err, c.fu)
	c.body, c.bu, err = parseBody(fset, blank(c.src, c.items, func(k itemKind) bool { return k == itemStmt || k == itemSep }))
	collect(err, c.bu)
	if len(diags) > 0 {
		return &Error{Name: c.name, Src: c.src, Diags: sortDiags(diags)}
	}
	return nil
}

// checkReceivers reports methods without exactly one receiver, which
// go/parser accepts (`func () M()`) and the Go compiler rejects.
func (c *compiler) checkReceivers() error {
	var diags []Diag
	for _, d := range c.funcs.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Recv.NumFields() == 1 {
			continue
		}
		msg := "method has no receiver"
		if fd.Recv.NumFields() > 1 {
			msg = "method has multiple receivers"
		}
		line, col := c.r.lt.pos(c.fu.off(fd.Recv.Pos()))
		diags = append(diags, Diag{Line: line, Col: col, Msg: msg})
	}
	if len(diags) > 0 {
		return &Error{Name: c.name, Src: c.src, Diags: diags}
	}
	return nil
}

// collectNames records every name the cell declares at top level and its
// explicit imports.
func (c *compiler) collectNames() {
	for _, is := range c.imps.Imports {
		im := importOf(is)
		c.imports[im.binding()] = im.Path
	}
	for _, d := range c.funcs.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fd.Recv == nil {
			c.cellNames[fd.Name.Name] = kindFunc
			c.funcTypes[fd.Name.Name] = fd.Type
		}
	}
	for _, st := range c.body.List {
		switch st := st.(type) {
		case *ast.DeclStmt:
			c.collectGenDecl(st.Decl.(*ast.GenDecl))
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				for _, l := range st.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						c.cellNames[id.Name] = kindVar
					}
				}
			}
		}
	}
}

func (c *compiler) collectGenDecl(gd *ast.GenDecl) {
	for _, sp := range gd.Specs {
		switch sp := sp.(type) {
		case *ast.TypeSpec:
			c.cellNames[sp.Name.Name] = kindType
		case *ast.ValueSpec:
			k := kindVar
			if gd.Tok == token.CONST {
				k = kindConst
			}
			for _, n := range sp.Names {
				if n.Name != "_" {
					c.cellNames[n.Name] = k
				}
			}
		}
	}
}

// importOf converts an import spec.
func importOf(is *ast.ImportSpec) Import {
	path := strings.Trim(is.Path.Value, "`\"")
	im := Import{Path: path}
	if is.Name != nil && is.Name.Name != gosyntax.PackageName(path) {
		im.Name = is.Name.Name
	}
	return im
}

// classify decides which top-level statements become declarations: every
// type and const declaration; a var declaration unless its initializer
// uses a variable made by an earlier statement of this cell; and a `:=`
// whose variables a function of this cell uses, under the same condition
// (it is turned into a var declaration so the function compiles).
func (c *compiler) classify() {
	funcFree := map[string]bool{}
	for _, id := range c.funcs.Unresolved {
		funcFree[id.Name] = true
	}
	for _, st := range c.body.List {
		switch st := st.(type) {
		case *ast.DeclStmt:
			gd := st.Decl.(*ast.GenDecl)
			if gd.Tok == token.VAR && c.keepVarGaps(gd) {
				c.addObjs(gd)
				c.declHoist[st] = declaresAny(gd, funcFree) // see rewriteGenericVar
				continue
			}
			if gd.Tok == token.VAR && (c.usesStmtObjs(gd) || c.usesSessionVars(gd)) {
				c.addObjs(gd)
				continue
			}
			c.hoisted[st] = true
		case *ast.AssignStmt:
			if st.Tok != token.DEFINE {
				continue
			}
			if c.hoistable(st, funcFree) {
				c.hoisted[st] = true
				continue
			}
			c.addObjs(st)
		}
	}
}

// declaresAny reports whether gd declares one of names.
func declaresAny(gd *ast.GenDecl, names map[string]bool) bool {
	for _, sp := range gd.Specs {
		for _, n := range sp.(*ast.ValueSpec).Names {
			if names[n.Name] {
				return true
			}
		}
	}
	return false
}

// hoistable reports whether a top-level `:=` must and can become a var
// declaration: a function of the cell uses one of its new variables and
// its right side does not depend on statements.
func (c *compiler) hoistable(as *ast.AssignStmt, funcFree map[string]bool) bool {
	used := false
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return false
		}
		if id.Name == "_" {
			continue
		}
		if id.Obj == nil || id.Obj.Decl != as {
			return false // redeclaration of an earlier variable
		}
		used = used || funcFree[id.Name]
	}
	return used && !c.usesStmtObjs(as) && !c.usesSessionVars(as)
}

// usesSessionVars reports whether n mentions a variable of an earlier
// cell. yaegi fails on a package-level var initialized from another
// package-level variable evaluated earlier ("variable definition loop"),
// so such a declaration must stay a statement.
func (c *compiler) usesSessionVars(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(x.X, func(m ast.Node) bool {
				found = found || c.isSessionVar(m)
				return !found
			})
			return false
		default:
			found = found || c.isSessionVar(n)
		}
		return !found
	})
	return found
}

func (c *compiler) isSessionVar(n ast.Node) bool {
	id, ok := n.(*ast.Ident)
	if !ok || id.Obj != nil {
		return false
	}
	d, ok := c.s.decls[id.Name]
	return ok && d.kind == kindVar
}

// usesStmtObjs reports whether n mentions a variable declared by a
// top-level statement that stays a statement.
func (c *compiler) usesStmtObjs(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Obj != nil && c.stmtObjs[id.Obj] {
			found = true
		}
		return !found
	})
	return found
}

// addObjs marks the variables n declares as statement variables.
func (c *compiler) addObjs(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if n.Obj != nil && n.Obj.Kind == ast.Var && n.Obj.Pos() == n.Pos() {
				c.stmtObjs[n.Obj] = true
			}
		}
		return true
	})
}

// resolveImports fills Plan.Imports: explicit imports not established,
// auto-imports, and imports the runtime helpers need.
func (c *compiler) resolveImports() {
	seen := map[Import]bool{}
	add := func(im Import) {
		if seen[im] || c.s.imports[im.binding()] == im.Path && im.binding() != "_" {
			return
		}
		seen[im] = true
		c.plan.Imports = append(c.plan.Imports, im)
	}
	for _, is := range c.imps.Imports {
		add(importOf(is))
	}
	names := make([]string, 0, len(c.auto))
	for n := range c.auto {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		im := Import{Path: c.auto[n]}
		if gosyntax.PackageName(im.Path) != n {
			im.Name = n
		}
		add(im)
	}
	for _, h := range c.plan.helpers {
		if p, ok := helperImports[h]; ok {
			add(p)
		}
	}
	c.plan.bindings = c.plan.Imports
}

// known reports whether name is declared by this cell or a committed one,
// or bound by an import; such a name is never auto-imported.
func (c *compiler) known(name string) bool {
	if _, ok := c.cellNames[name]; ok {
		return true
	}
	if _, ok := c.s.decls[name]; ok {
		return true
	}
	if _, ok := c.imports[name]; ok {
		return true
	}
	_, ok := c.s.imports[name]
	return ok
}

// pkgPath returns the import path a package name denotes in this cell, or
// "" if name is not a package.
func (c *compiler) pkgPath(name string) string {
	if p, ok := c.imports[name]; ok {
		return p
	}
	if _, ok := c.cellNames[name]; ok {
		return ""
	}
	if _, ok := c.s.decls[name]; ok {
		return ""
	}
	if p, ok := c.s.imports[name]; ok {
		return p
	}
	return c.auto[name]
}

// noteSelector auto-imports the package a selector's operand names, if
// that operand is an unresolved, undeclared identifier.
func (c *compiler) noteSelector(se *ast.SelectorExpr) {
	id, ok := se.X.(*ast.Ident)
	if !ok || id.Obj != nil || c.known(id.Name) {
		return
	}
	if _, done := c.auto[id.Name]; done {
		return
	}
	if p, ok := c.s.resolve(id.Name); ok {
		c.auto[id.Name] = p
	}
}

// lookup returns what a committed or this cell's declaration says about
// name.
func (c *compiler) lookup(name string) (declInfo, bool) {
	for _, d := range c.plan.declared {
		if d.name == name {
			return d, true
		}
	}
	d, ok := c.s.decls[name]
	return d, ok
}

// isUniverse reports whether id denotes the predeclared name of the same
// spelling (it is not declared in the cell, a committed cell, or a scope).
func (c *compiler) isUniverse(id *ast.Ident) bool {
	return id.Obj == nil && !c.known(id.Name)
}
