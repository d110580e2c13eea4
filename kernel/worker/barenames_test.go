package worker

import (
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/assist"
)

// TestBareNames checks that a package name used without an import means
// the same import path to auto-import (the worker's resolver), to
// completion and to docs (assist, built over the same tables as main.go
// builds it): the one gosyntax.PreferPath prefers, for every name more
// than one package of Packages() shares. A name that becomes ambiguous,
// or stops being so, fails the test until the table lists it.
func TestBareNames(t *testing.T) {
	want := map[string]string{
		"pprof":    "runtime/pprof",
		"rand":     "math/rand",
		"scanner":  "go/scanner",
		"syscall":  "syscall",
		"template": "html/template",
	}
	tables := Packages()
	if got, names := ambiguousNames(tables), slices.Sorted(maps.Keys(want)); strings.Join(got, " ") != strings.Join(names, " ") {
		t.Fatalf("ambiguous package names = %v; the table lists %v", got, names)
	}
	resolve := newResolver(tables)
	services := assist.New(assist.FromYaegi(tables))
	for name, path := range want {
		if got, _ := resolve(name); got != path {
			t.Errorf("auto-import of %s = %q, want %q", name, got, path)
		}
		if got := completedPath(services, name); got != path {
			t.Errorf("completion of %s = %q, want %q", name, got, path)
		}
		if got := documentedPath(services, name); got != path {
			t.Errorf("docs of %s = %q, want %q", name, got, path)
		}
	}
}

// ambiguousNames returns, sorted, the package names that more than one
// import path of tables has.
func ambiguousNames(tables map[string]map[string]reflect.Value) []string {
	paths := map[string]map[string]bool{}
	for k := range tables {
		path, name, ok := splitExportKey(k)
		if !ok {
			continue
		}
		if paths[name] == nil {
			paths[name] = map[string]bool{}
		}
		paths[name][path] = true
	}
	var names []string
	for name, ps := range paths {
		if len(ps) > 1 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// completedPath returns the import path completion shows for the package
// name typed in full.
func completedPath(s *assist.Services, name string) string {
	for _, m := range s.Complete(name, len(name)).Matches {
		if m.Text == name && m.Type == "package" {
			return m.Signature
		}
	}
	return ""
}

// documentedPath returns the import path the pager's `name?` documents,
// read from its first line: `package name // import "path"`.
func documentedPath(s *assist.Services, name string) string {
	text, _ := s.Doc(name)
	first, _, _ := strings.Cut(text, "\n")
	_, quoted, ok := strings.Cut(first, `// import "`)
	if !ok {
		return ""
	}
	return strings.TrimSuffix(quoted, `"`)
}
