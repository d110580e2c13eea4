package cell

import (
	"reflect"
	"sort"
	"strings"
)

// declKind is what kind of thing a top-level name denotes.
type declKind int

const (
	kindVar declKind = iota
	kindConst
	kindType
	kindFunc
	kindMethod
)

// declInfo is what the compiler remembers about a declared name, enough to
// decide what to show and which loops to rewrite in later cells.
type declInfo struct {
	name    string   // "f", "T", or "T.M" for methods
	kind    declKind //
	void    bool     // func or method without results
	intLike bool     // var/const of integer type or value; type with integer underlying type
	results []string // func: source of the result types
	typ     string   // var: source of its type, if known (see exprType); type: its definition
	alias   bool     // type: declared as an alias (type A = B)
	ptrRecv bool     // method: declared on a pointer receiver
	sig     string   // func or method: source of its signature, "func F[T any](x T) T"
	src     string   // Go source declaring this name alone, for type checking (see CheckSource)
}

// Session remembers what earlier cells established: imports, declared names
// and their kinds and signatures. It is not safe for concurrent use.
type Session struct {
	resolve  Resolver
	imports  map[string]string // binding name -> import path
	decls    map[string]declInfo
	failed   map[string]declInfo // declared only by cells that failed to compile
	helpers  map[string]bool     // runtime helpers already declared
	hasMain  bool                // a cell declared func main (renamed)
	initSeen int                 // init functions renamed so far

	funcs     map[string]funcSource // committed functions, for Rebind
	funcOrder []string              // their names in first-commit order

	intPackageCall func(path, name string) bool
	packageParam   func(path, name string, i int) string // see gap_shiftarg.go
}

// SetIntPackageCalls tells the compiler which package members called as
// path.name(...) give an integer (functions with one integer result and
// integer types used as conversions), so that ranging over such a call,
// or over a variable set from one, is recognised as range over int.
func (s *Session) SetIntPackageCalls(f func(path, name string) bool) {
	s.intPackageCall = f
}

// SetPackageParams tells the compiler the integer parameter types of the
// functions of compiled packages: f(path, name, i) is the name of the
// type of the i-th argument of path.name ("uint64"), or "".
func (s *Session) SetPackageParams(f func(path, name string, i int) string) {
	s.packageParam = f
}

// PackageParams reads the integer parameter types of package functions
// off yaegi's symbol tables (keyed "importpath/pkgname"), for
// SetPackageParams. Only predeclared integer types are named.
func PackageParams(tables map[string]map[string]reflect.Value) func(path, name string, i int) string {
	byPath := make(map[string]map[string]reflect.Value, len(tables))
	for k, syms := range tables {
		if slash := strings.LastIndex(k, "/"); slash >= 0 {
			byPath[k[:slash]] = syms
		}
	}
	return func(path, name string, i int) string {
		v, ok := byPath[path][name]
		if !ok || v.Kind() != reflect.Func {
			return ""
		}
		t := v.Type()
		var p reflect.Type
		switch last := t.NumIn() - 1; {
		case t.IsVariadic() && i >= last:
			p = t.In(last).Elem()
		case i <= last:
			p = t.In(i)
		default:
			return ""
		}
		if p.PkgPath() != "" || !intTypeNames[p.Name()] {
			return ""
		}
		return p.Name()
	}
}

// NewSession returns an empty session that auto-imports with resolve
// (which may be nil: then nothing is auto-imported).
func NewSession(resolve Resolver) *Session {
	if resolve == nil {
		resolve = func(string) (string, bool) { return "", false }
	}
	return &Session{
		resolve: resolve,
		imports: map[string]string{},
		decls:   map[string]declInfo{},
		failed:  map[string]declInfo{},
		helpers: map[string]bool{},
		funcs:   map[string]funcSource{},
	}
}

// Commit records p's imports and declarations as established. The worker
// calls it only after the cell ran successfully, so a failed cell's
// imports and names are offered again by the next cell.
func (s *Session) Commit(p *Plan) {
	for _, im := range p.bindings {
		s.imports[im.binding()] = im.Path
	}
	for _, d := range p.declared {
		s.decls[d.name] = d
		delete(s.failed, d.name)
	}
	for _, f := range p.funcs {
		if _, seen := s.funcs[f.name]; !seen {
			s.funcOrder = append(s.funcOrder, f.name)
		}
		s.funcs[f.name] = f
	}
	for _, h := range p.helpers {
		s.helpers[h] = true
	}
	if p.usesMain {
		s.hasMain = true
	}
}

// CommitImport records one import as established as soon as yaegi has
// accepted it: yaegi keeps an import even when the rest of the cell fails,
// so the session must too, or the next cell would import it again.
func (s *Session) CommitImport(im Import) {
	s.imports[im.binding()] = im.Path
}

// Names returns the sorted names declared by committed cells (methods as
// "T.M"), for completion.
func (s *Session) Names() []string {
	names := make([]string, 0, len(s.decls))
	for n := range s.decls {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Imported reports the import path bound to name by a committed import.
func (s *Session) Imported(name string) (path string, ok bool) {
	path, ok = s.imports[name]
	return path, ok
}
