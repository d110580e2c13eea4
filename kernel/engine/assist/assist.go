// Package assist answers the editor questions of Jupyter — complete_request,
// inspect_request, is_complete_request and IPython-style `name?` pager
// requests — from Go source alone.
//
// It never touches the interpreter, so it answers within milliseconds even
// while a cell runs. What it knows comes from three places: the symbol
// tables of the packages the interpreter can import (reflect values, as
// yaegi's stdlib.Symbols holds them), the cells that ran (Learn), and the
// code being edited. Documentation of standard-library identifiers is read
// from the Go sources in GOROOT, parsed once per package and cached.
//
// A cell may mix imports, declarations and statements in any order, and the
// code being edited is usually incomplete. So source is never parsed as one
// file: it is cut at top-level semicolons into segments (gosyntax.Split,
// the same cut the cell compiler makes), each parsed on its own as a
// declaration or as statements inside a function, with the brackets still
// open at the cursor closed first.
package assist

import (
	"io/fs"
	"maps"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// docWait bounds how long completion waits for a package's sources to be
// parsed, so that its signatures have their parameter names. The parse
// takes 7-40 ms for the standard library's packages (net/http is the
// largest) and happens once per package; the bound is generous so that a
// busy machine still gets the same signatures as an idle one, and is only
// reached when reading GOROOT hangs (the parse then continues in the
// background for the next request).
const docWait = 2 * time.Second

// Services answers completion, inspection and completeness questions from
// source alone. It is safe for concurrent use.
type Services struct {
	pkgs   map[string]*pkgInfo   // by import path
	byName map[string][]*pkgInfo // by package name, preferred first
	names  []string              // sorted package names
	docs   *docCache

	mu      sync.RWMutex
	learned *scope // declarations of the cells that ran
}

// New builds the services for the packages in pkgs, which maps an import
// path to its exported symbols (see FromYaegi).
func New(pkgs map[string]map[string]reflect.Value) *Services {
	s := &Services{
		pkgs:    map[string]*pkgInfo{},
		byName:  map[string][]*pkgInfo{},
		docs:    newDocCache(),
		learned: newScope(nil),
	}
	for path, syms := range pkgs {
		p := newPkgInfo(path, syms)
		s.pkgs[path] = p
		s.byName[p.name] = append(s.byName[p.name], p)
	}
	for name, ps := range s.byName {
		byPreference(ps)
		s.names = append(s.names, name)
	}
	sort.Strings(s.names)
	return s
}

// FromYaegi turns a yaegi symbol table (such as stdlib.Symbols, whose keys
// are import path + "/" + package name, e.g. "math/rand/v2/rand") into the
// map New takes, keyed by import path. The tables are shared, not copied;
// New skips their unexported entries (yaegi's "_T" interface wrappers).
func FromYaegi(exports map[string]map[string]reflect.Value) map[string]map[string]reflect.Value {
	out := map[string]map[string]reflect.Value{}
	for key, syms := range exports {
		i := strings.LastIndex(key, "/")
		if i <= 0 {
			continue
		}
		path := key[:i]
		if m, dup := out[path]; dup {
			syms = merged(m, syms)
		}
		out[path] = syms
	}
	return out
}

// merged returns a new table with the entries of a and b.
func merged(a, b map[string]reflect.Value) map[string]reflect.Value {
	m := make(map[string]reflect.Value, len(a)+len(b))
	maps.Copy(m, a)
	maps.Copy(m, b)
	return m
}

// AddSource registers the Go source files (at the root of fsys) of a
// package outside GOROOT, such as the kernel's display package, so that its
// documentation and parameter names are known too.
func (s *Services) AddSource(importPath string, fsys fs.FS) {
	s.docs.addSource(importPath, fsys)
}

// Forget drops everything Learn recorded, for a kernel reset.
func (s *Services) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.learned = newScope(nil)
}

// Warm starts parsing the documentation of the given packages in the
// background, so the first Inspect or Complete on them is fast.
func (s *Services) Warm(importPaths ...string) {
	for _, p := range importPaths {
		s.docs.get(p, 0)
	}
}

// Learn records the declarations of a cell that ran — functions with their
// signatures, types with their fields and methods, variables and constants
// with their declared or inferable types, := variables, and imports with
// their aliases — for later completion and inspection. A later declaration
// of a name replaces the earlier one. Unparsable parts of the cell are
// skipped.
func (s *Services) Learn(cellSrc string) {
	units := parseCell(cellSrc)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range units {
		c := collector{sc: s.learned, u: u, pkgNames: s.pkgName}
		c.collect(false)
	}
}

// pkgName returns the name of the package at path.
func (s *Services) pkgName(path string) string {
	if p, ok := s.pkgs[path]; ok {
		return p.name
	}
	return gosyntax.PackageName(path)
}

// newQuery returns a query over the learned cells plus the declarations in
// ctx, the code before the point of interest. Brackets open at the end of
// ctx are closed, and the locals of its last segment (the one the cursor is
// in) are included. The caller holds s.mu for reading.
func (s *Services) newQuery(ctx string) *query {
	sc := newScope(s.learned)
	if strings.TrimSpace(ctx) != "" {
		units := parseCell(ctx + closers(ctx))
		for i, u := range units {
			c := collector{sc: sc, u: u, pkgNames: s.pkgName}
			c.collect(i == len(units)-1)
		}
	}
	return &query{s: s, sc: sc}
}

// members returns a package's members: its symbol table, or for packages
// known only from source (generic ones such as slices) its documentation,
// waiting at most wait for it.
func (s *Services) members(p *pkgInfo, wait time.Duration) []*member {
	names := p.memberNames()
	out := make([]*member, 0, len(names))
	for _, n := range names {
		out = append(out, p.member(n))
	}
	if len(out) > 0 {
		return out
	}
	if d := s.docs.get(p.path, max(0, wait)); d != nil {
		return d.exported()
	}
	return out
}
