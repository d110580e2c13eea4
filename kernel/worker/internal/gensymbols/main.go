// Command gensymbols writes the worker's symbol tables for the standard
// library API that Go added after the yaegi release the worker uses: the
// package-level functions, variables, constants and types listed in
// $GOROOT/api/go1.N.txt (N ≥ 22) that yaegi's stdlib.Symbols lacks. It
// writes one file per Go version, symbols_go1N.go in the current
// directory, built only with that Go version or newer (no file for a
// version that adds nothing), and lists in each the generic names it left
// out, since a symbol table holds no generic code.
// Methods need nothing: reflect finds them on the compiled types.
//
// Run it with the newest Go toolchain, through go generate in
// kernel/worker.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/format"
	"go/importer"
	"go/token"
	"go/types"
	"log"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/traefik/yaegi/stdlib"
)

// firstMinor is the first Go 1.N release whose API yaegi v0.16.1 may lack.
const firstMinor = 22

func main() {
	log.SetFlags(0)
	log.SetPrefix("gensymbols: ")
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	for minor := firstMinor; ; minor++ {
		api := filepath.Join(runtime.GOROOT(), "api", fmt.Sprintf("go1.%d.txt", minor))
		names, err := readAPI(api)
		if os.IsNotExist(err) {
			return
		}
		if err != nil {
			log.Fatal(err)
		}
		v := resolve(imp, names)
		if err := v.write(fmt.Sprintf("symbols_go1%d.go", minor), minor); err != nil {
			log.Fatal(err)
		}
		log.Printf("go1.%d: %d symbols in %d packages, %d generic left out", minor, v.count(), len(v.tables), len(v.generic))
	}
}

// apiName is one package-level name an api file lists.
type apiName struct{ path, name string }

// apiLine matches the api lines of package-level names on every platform:
// "pkg strings, func Lines(string) iter.Seq[string] #61901".
var apiLine = regexp.MustCompile(`^pkg ([^ ,]+), (func|type|var|const) ([A-Za-z0-9_]+)(.*)$`)

// readAPI returns the package-level names an api file adds, skipping
// methods, struct fields, interface methods, platform-specific lines and
// syscall (the worker takes syscall from yaegi as a whole).
func readAPI(file string) ([]apiName, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	seen := map[apiName]bool{}
	var names []apiName
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := apiLine.FindStringSubmatch(sc.Text())
		if m == nil || m[1] == "syscall" || isMember(m[2], m[4]) {
			continue
		}
		n := apiName{m[1], m[3]}
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return names, sc.Err()
}

// isMember reports a "type T struct, Field X" or "type I interface, M()"
// line: a member of a type, not a package-level name.
func isMember(kind, rest string) bool {
	return kind == "type" && (strings.HasPrefix(rest, " struct, ") || strings.HasPrefix(rest, " interface, "))
}

// version is what one Go version adds: symbol expressions by yaegi table
// key and name, the imports they need, and the generic names left out.
type version struct {
	tables  map[string]map[string]string
	imports map[string]string // import path → alias
	generic []string
}

func (v *version) count() int {
	n := 0
	for _, t := range v.tables {
		n += len(t)
	}
	return n
}

// resolve type-checks each name's package and builds the expression
// yaegi extract would write for it.
func resolve(imp types.Importer, names []apiName) *version {
	v := &version{tables: map[string]map[string]string{}, imports: map[string]string{}}
	for _, n := range names {
		pkg, err := imp.Import(n.path)
		if err != nil {
			log.Fatalf("import %s: %v", n.path, err)
		}
		key := n.path + "/" + pkg.Name()
		if _, ok := stdlib.Symbols[key][n.name]; ok {
			continue
		}
		obj := pkg.Scope().Lookup(n.name)
		if obj == nil {
			log.Fatalf("%s.%s: listed in the api file but not declared", n.path, n.name)
		}
		alias := importAlias(n.path)
		expr, ok := symbolExpr(obj, alias+"."+n.name)
		if !ok {
			v.generic = append(v.generic, n.path+"."+n.name)
			continue
		}
		if v.tables[key] == nil {
			v.tables[key] = map[string]string{}
		}
		v.tables[key][n.name] = expr
		v.imports[n.path] = alias
	}
	return v
}

// symbolExpr is the reflect.Value expression for obj, named qualified in
// the generated code; ok is false for generic functions and types.
func symbolExpr(obj types.Object, qualified string) (expr string, ok bool) {
	switch o := obj.(type) {
	case *types.Func:
		if o.Type().(*types.Signature).TypeParams().Len() > 0 {
			return "", false
		}
		return fmt.Sprintf("reflect.ValueOf(%s)", qualified), true
	case *types.TypeName:
		if isGenericType(o) {
			return "", false
		}
		return fmt.Sprintf("reflect.ValueOf((*%s)(nil))", qualified), true
	case *types.Var:
		return fmt.Sprintf("reflect.ValueOf(&%s).Elem()", qualified), true
	case *types.Const:
		if b, ok := o.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			return fmt.Sprintf("reflect.ValueOf(constant.MakeFromLiteral(%q, token.%s, 0))", o.Val().ExactString(), literalKind(b)), true
		}
		return fmt.Sprintf("reflect.ValueOf(%s)", qualified), true
	}
	log.Fatalf("%s: unexpected %T", qualified, obj)
	return "", false
}

func isGenericType(o *types.TypeName) bool {
	switch t := o.Type().(type) {
	case *types.Named:
		return t.TypeParams().Len() > 0
	case *types.Alias:
		return t.TypeParams().Len() > 0
	}
	return false
}

// literalKind is the token kind of an untyped constant's exact value.
func literalKind(b *types.Basic) string {
	switch b.Kind() {
	case types.UntypedString:
		return "STRING"
	case types.UntypedFloat:
		return "FLOAT"
	case types.UntypedRune, types.UntypedInt:
		return "INT"
	}
	log.Fatalf("untyped constant of kind %s", b)
	return ""
}

// importAlias names an import after its whole path, so that math/rand/v2
// and crypto/rand never clash.
func importAlias(path string) string {
	return strings.NewReplacer("/", "_", ".", "_").Replace(path)
}

// write writes the file for Go 1.minor, or removes it when that version
// adds nothing a symbol table can hold.
func (v *version) write(file string, minor int) error {
	if v.count() == 0 {
		if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	src, err := v.source(minor)
	if err != nil {
		return err
	}
	return os.WriteFile(file, src, 0o644)
}

// source renders the file for Go 1.minor.
func (v *version) source(minor int) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gensymbols from $GOROOT/api/go1.%d.txt; DO NOT EDIT.\n\n", minor)
	fmt.Fprintf(&b, "//go:build go1.%d\n\npackage worker\n\nimport (\n", minor)
	for _, p := range v.importLines() {
		b.WriteString(p + "\n")
	}
	b.WriteString(")\n\n")
	if len(v.generic) > 0 {
		fmt.Fprintf(&b, "// Generic, so not in a symbol table:\n")
		for _, g := range v.generic {
			fmt.Fprintf(&b, "//   - %s\n", g)
		}
	}
	fmt.Fprintf(&b, "func init() {\n\taddNewerSymbols(map[string]map[string]reflect.Value{\n")
	for _, key := range slices.Sorted(maps.Keys(v.tables)) {
		fmt.Fprintf(&b, "\t\t%q: {\n", key)
		for _, name := range slices.Sorted(maps.Keys(v.tables[key])) {
			fmt.Fprintf(&b, "\t\t\t%q: %s,\n", name, v.tables[key][name])
		}
		b.WriteString("\t\t},\n")
	}
	b.WriteString("\t})\n}\n")
	return format.Source(b.Bytes())
}

func (v *version) importLines() []string {
	lines := []string{`"reflect"`}
	src := strings.Join(v.allExprs(), "\n")
	if strings.Contains(src, "constant.") {
		lines = append(lines, `"go/constant"`, `"go/token"`)
	}
	for path, alias := range v.imports {
		if path != "reflect" { // imported above, under its own name
			lines = append(lines, fmt.Sprintf("%s %q", alias, path))
		}
	}
	sort.Strings(lines[1:])
	return lines
}

func (v *version) allExprs() []string {
	var all []string
	for _, t := range v.tables {
		for _, e := range t {
			all = append(all, e)
		}
	}
	return all
}
