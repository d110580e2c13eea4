package assist

import (
	"bytes"
	"context"
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// docCache loads package documentation from Go sources on first use and
// keeps it. Loads run in the background, so a caller can give up waiting
// (completion does, to stay fast) while the load finishes for next time.
type docCache struct {
	goroot  func() string
	mu      sync.Mutex
	entries map[string]*docEntry
	sources map[string]fs.FS // packages outside GOROOT, by import path
}

// docEntry is one package's documentation, valid once ready is closed; pkg
// is nil when the package has no readable sources.
type docEntry struct {
	ready chan struct{}
	pkg   *pkgDoc
}

// newDocCache returns an empty cache reading GOROOT sources.
func newDocCache() *docCache {
	return &docCache{goroot: sync.OnceValue(findGOROOT), entries: map[string]*docEntry{}, sources: map[string]fs.FS{}}
}

// findGOROOT locates the Go sources: $GOROOT, else what `go env GOROOT`
// says, else the GOROOT this binary was built with.
func findGOROOT() string {
	if r := os.Getenv("GOROOT"); hasSources(r) {
		return r
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output(); err == nil {
		if r := strings.TrimSpace(string(out)); hasSources(r) {
			return r
		}
	}
	if r := runtime.GOROOT(); hasSources(r) {
		return r
	}
	return ""
}

// hasSources reports whether root looks like a GOROOT with sources.
func hasSources(root string) bool {
	if root == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(root, "src", "builtin", "builtin.go"))
	return err == nil
}

// get returns the documentation of the package at importPath, waiting at
// most wait for it to load (forever if wait < 0). It returns nil if the
// package has no sources or is not loaded in time.
func (c *docCache) get(importPath string, wait time.Duration) *pkgDoc {
	c.mu.Lock()
	e := c.entries[importPath]
	if e == nil {
		e = &docEntry{ready: make(chan struct{})}
		c.entries[importPath] = e
		fsys := c.sources[importPath]
		go func() {
			defer close(e.ready)
			e.pkg = c.load(importPath, fsys)
		}()
	}
	c.mu.Unlock()
	select {
	case <-e.ready:
		return e.pkg
	default:
	}
	if wait < 0 {
		<-e.ready
		return e.pkg
	}
	if wait == 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-e.ready:
		return e.pkg
	case <-t.C:
		return nil
	}
}

// addSource registers the sources of a package outside GOROOT.
func (c *docCache) addSource(importPath string, fsys fs.FS) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sources[importPath] = fsys
	delete(c.entries, importPath)
}

// load parses a package's sources (GOROOT/src/importPath unless fsys is
// given) for the current GOOS and GOARCH.
func (c *docCache) load(importPath string, fsys fs.FS) *pkgDoc {
	if fsys == nil {
		root := c.goroot()
		if root == "" {
			return nil
		}
		fsys = os.DirFS(filepath.Join(root, "src", filepath.FromSlash(importPath)))
	}
	fset := token.NewFileSet()
	files := parseDir(fset, fsys)
	if len(files) == 0 {
		return nil
	}
	mode := doc.Mode(0)
	if importPath == "builtin" {
		mode = doc.AllDecls
	}
	dp, err := doc.NewFromFiles(fset, files, importPath, mode)
	if err != nil {
		return nil
	}
	return newPkgDoc(fset, dp)
}

// parseDir parses the buildable non-test files at the root of fsys that
// belong to the package most of them declare.
func parseDir(fset *token.FileSet, fsys fs.FS) []*ast.File {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil
	}
	ctx := build.Default
	ctx.OpenFile = func(p string) (io.ReadCloser, error) { return fsys.Open(path.Base(p)) }
	ctx.JoinPath = path.Join
	byPkg := map[string][]*ast.File{}
	best := ""
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(".", name); err != nil || !ok {
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		pkg := f.Name.Name
		byPkg[pkg] = append(byPkg[pkg], f)
		if best == "" || len(byPkg[pkg]) > len(byPkg[best]) {
			best = pkg
		}
	}
	return byPkg[best]
}

// pkgDoc is one package's documentation, indexed by name.
type pkgDoc struct {
	fset   *token.FileSet
	dp     *doc.Package
	funcs  map[string]*doc.Func  // functions, constructors included
	types  map[string]*doc.Type  // types
	values map[string]*doc.Value // each const and var name → its group
}

// newPkgDoc indexes dp.
func newPkgDoc(fset *token.FileSet, dp *doc.Package) *pkgDoc {
	p := &pkgDoc{fset: fset, dp: dp, funcs: map[string]*doc.Func{}, types: map[string]*doc.Type{}, values: map[string]*doc.Value{}}
	p.addFuncs(dp.Funcs)
	p.addValues(dp.Consts, dp.Vars)
	for _, t := range dp.Types {
		p.types[t.Name] = t
		p.addFuncs(t.Funcs)
		p.addValues(t.Consts, t.Vars)
	}
	return p
}

// addFuncs indexes functions by name.
func (p *pkgDoc) addFuncs(fs []*doc.Func) {
	for _, f := range fs {
		p.funcs[f.Name] = f
	}
}

// addValues indexes every name of the const and var groups.
func (p *pkgDoc) addValues(groups ...[]*doc.Value) {
	for _, g := range groups {
		for _, v := range g {
			for _, n := range v.Names {
				p.values[n] = v
			}
		}
	}
}

// node renders a declaration.
func (p *pkgDoc) node(n any) string {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, p.fset, n); err != nil {
		return ""
	}
	return b.String()
}

// text renders a doc comment as go doc does: wrapped and indented.
func (p *pkgDoc) text(comment string) string {
	if strings.TrimSpace(comment) == "" {
		return ""
	}
	pr := p.dp.Printer()
	pr.TextPrefix = "    "
	pr.TextCodePrefix = "        "
	return string(pr.Text(p.dp.Parser().Parse(comment)))
}

// entry joins a declaration and its doc comment.
func (p *pkgDoc) entry(decl any, comment string) string {
	return strings.TrimRight(p.node(decl)+"\n"+p.text(comment), "\n")
}

// lookup documents a package-level name.
func (p *pkgDoc) lookup(name string) (string, bool) {
	if f, ok := p.funcs[name]; ok {
		return p.entry(f.Decl, f.Doc), true
	}
	if t, ok := p.types[name]; ok {
		return p.typeDoc(t), true
	}
	if v, ok := p.values[name]; ok {
		return p.entry(v.Decl, v.Doc), true
	}
	return "", false
}

// typeDoc documents a type: its declaration and doc, then its constants,
// variables, constructors and method signatures.
func (p *pkgDoc) typeDoc(t *doc.Type) string {
	var b strings.Builder
	b.WriteString(p.entry(t.Decl, t.Doc) + "\n")
	for _, v := range append(append([]*doc.Value{}, t.Consts...), t.Vars...) {
		b.WriteString("\n" + p.node(v.Decl) + "\n")
	}
	if len(t.Funcs)+len(t.Methods) > 0 {
		b.WriteString("\n")
	}
	for _, f := range append(append([]*doc.Func{}, t.Funcs...), t.Methods...) {
		b.WriteString(p.node(f.Decl) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// methodDoc documents a method or a field of a type.
func (p *pkgDoc) methodDoc(typeName, name string) (string, bool) {
	t, ok := p.types[typeName]
	if !ok {
		return "", false
	}
	for _, m := range t.Methods {
		if m.Name == name {
			return p.entry(m.Decl, m.Doc), true
		}
	}
	if f := p.field(t, name); f != nil {
		decl := name + " " + p.node(f.Type) + "  // field of " + typeName
		if ft, ok := f.Type.(*ast.FuncType); ok {
			decl = name + strings.TrimPrefix(p.node(ft), "func") + "  // method of " + typeName
		}
		return strings.TrimRight(decl+"\n"+p.text(docText(f.Doc, f.Comment)), "\n"), true
	}
	return "", false
}

// field finds a named field (or interface method) in a type's declaration.
func (p *pkgDoc) field(t *doc.Type, name string) *ast.Field {
	for _, spec := range t.Decl.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok || ts.Name.Name != t.Name {
			continue
		}
		var fl *ast.FieldList
		switch x := ts.Type.(type) {
		case *ast.StructType:
			fl = x.Fields
		case *ast.InterfaceType:
			fl = x.Methods
		}
		if fl == nil {
			return nil
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				if n.Name == name {
					return f
				}
			}
		}
	}
	return nil
}

// funcSig returns the source signature of a function, with parameter names.
func (p *pkgDoc) funcSig(name string) string {
	if f, ok := p.funcs[name]; ok {
		return funcTypeString(f.Decl.Type)
	}
	return ""
}

// funcTypeString renders a function type with its type parameters:
// func[S ~[]E, E cmp.Ordered](x S).
func funcTypeString(ft *ast.FuncType) string {
	s := types.ExprString(ft)
	if ft.TypeParams == nil || len(ft.TypeParams.List) == 0 {
		return s
	}
	return "func[" + fieldList(ft.TypeParams) + "]" + strings.TrimPrefix(s, "func")
}

// methodSig returns the source signature of a method.
func (p *pkgDoc) methodSig(typeName, name string) string {
	t, ok := p.types[typeName]
	if !ok {
		return ""
	}
	for _, m := range t.Methods {
		if m.Name == name {
			return types.ExprString(m.Decl.Type)
		}
	}
	if f := p.field(t, name); f != nil {
		return types.ExprString(f.Type)
	}
	return ""
}

// packageDoc documents the package: its clause, doc comment and a summary
// line for each exported function and type.
func (p *pkgDoc) packageDoc() string {
	var b strings.Builder
	b.WriteString("package " + p.dp.Name + " // import \"" + p.dp.ImportPath + "\"\n\n")
	b.WriteString(p.text(p.dp.Doc))
	var lines []string
	for _, f := range p.dp.Funcs {
		lines = append(lines, p.node(f.Decl))
	}
	for _, t := range p.dp.Types {
		lines = append(lines, "type "+t.Name+" "+typeKind(t))
		for _, f := range t.Funcs {
			lines = append(lines, "    "+p.node(f.Decl))
		}
	}
	if len(lines) > 0 {
		b.WriteString("\n" + strings.Join(lines, "\n") + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// typeKind summarizes a documented type's definition in a few characters.
func typeKind(t *doc.Type) string {
	for _, spec := range t.Decl.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok || ts.Name.Name != t.Name {
			continue
		}
		switch ts.Type.(type) {
		case *ast.StructType:
			return "struct{ ... }"
		case *ast.InterfaceType:
			return "interface{ ... }"
		}
		return types.ExprString(ts.Type)
	}
	return ""
}

// exported lists a source-only package's members (for packages whose
// symbol table is empty, such as generic ones).
func (p *pkgDoc) exported() []*member {
	var out []*member
	for n, f := range p.funcs {
		out = append(out, &member{name: n, kind: kindFunction, sig: funcTypeString(f.Decl.Type)})
	}
	for n, t := range p.types {
		out = append(out, &member{name: n, kind: kindType, sig: "type " + n + " " + typeKind(t)})
	}
	for n, v := range p.values {
		kind := kindVariable
		if v.Decl.Tok == token.CONST {
			kind = kindConstant
		}
		out = append(out, &member{name: n, kind: kind})
	}
	return out
}
