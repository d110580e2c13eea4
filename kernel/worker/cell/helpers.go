package cell

import (
	"go/ast"
	"reflect"
)

// A helper is an interpreted function a gap's rewrite calls, declared in
// Decls of the first cell that needs it.
type helper struct {
	name  string
	src   string   // its declaration
	imp   Import   // the import its declaration uses, if any
	needs []string // the helpers it calls
}

// The imports helpers use, under names no cell can mean.
var (
	reflectImport = Import{Name: "_gkreflect", Path: "reflect"}
	sortImport    = Import{Name: "_gksort", Path: "sort"}
	stringsImport = Import{Name: "_gkstrings", Path: "strings"}
	syncImport    = Import{Name: "_gksync", Path: "sync"}
)

// The helpers of all gaps, gathered from the table gaps at init (with
// visitorsByType).
var (
	helperSources  map[string]string            // helper → declaration
	helperImports  map[string]Import            // helper → the import it needs
	helperNeeds    map[string][]string          // helper → the helpers it calls
	stdHelpers     map[string]map[string]string // package path → function → helper
	builtinHelpers map[string]string            // builtin → helper
)

func init() {
	helperSources = map[string]string{}
	helperImports = map[string]Import{}
	helperNeeds = map[string][]string{}
	stdHelpers = map[string]map[string]string{}
	builtinHelpers = map[string]string{}
	visitorsByType = map[reflect.Type][]func(c *compiler, n ast.Node){}
	for _, g := range gaps {
		addHelpers(g)
		for _, v := range g.visits {
			visitorsByType[v.typ] = append(visitorsByType[v.typ], v.visit)
		}
	}
}

// addHelpers registers the helpers and stand-ins of g.
func addHelpers(g gap) {
	for _, h := range g.helpers {
		helperSources[h.name] = h.src
		if h.imp != (Import{}) {
			helperImports[h.name] = h.imp
		}
		if h.needs != nil {
			helperNeeds[h.name] = h.needs
		}
	}
	for path, funcs := range g.standIns {
		if stdHelpers[path] == nil {
			stdHelpers[path] = map[string]string{}
		}
		for name, h := range funcs {
			stdHelpers[path][name] = h
		}
	}
	for name, h := range g.builtins {
		builtinHelpers[name] = h
	}
}

// useHelper notes that the cell needs a helper declared.
func (c *compiler) useHelper(name string) {
	if c.s.helpers[name] {
		return
	}
	for _, h := range c.plan.helpers {
		if h == name {
			return
		}
	}
	c.plan.helpers = append(c.plan.helpers, name)
	for _, dep := range helperNeeds[name] {
		c.useHelper(dep)
	}
}
