package cell

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// Resolver maps a package name used without an import (e.g. "strings",
// "rand", "display") to its import path; ok is false if the name is unknown.
type Resolver func(name string) (path string, ok bool)

// Import is one import a cell needs evaluated before its declarations.
type Import struct {
	Name string // "" when it equals the package's own name
	Path string
}

// Source returns the import as Go source: `import "fmt"` or
// `import r "math/rand"`. The worker evaluates each one on its own, so one
// bad import does not hide the others.
func (im Import) Source() string {
	if im.Name == "" {
		return fmt.Sprintf("import %q", im.Path)
	}
	return fmt.Sprintf("import %s %q", im.Name, im.Path)
}

// binding is the identifier the import introduces ("rand" for
// `import "math/rand"`), "_" or "." for blank and dot imports.
func (im Import) binding() string {
	if im.Name != "" {
		return im.Name
	}
	return gosyntax.PackageName(im.Path)
}

// Plan is a compiled cell: what the worker evaluates, in this order:
// each of Imports, then Decls, then Stmts (falling back to PlainStmts when
// Stmts fails only because the final expression has no value).
type Plan struct {
	// Imports are the imports not yet established (explicit and
	// auto-added), deduplicated; the worker evaluates each Source() alone.
	Imports []Import
	// Decls is "" or file-level declarations (const/var/type/func/method),
	// without package clause or imports, carrying //line directives.
	// Directives name the file "cell3/_.go" rather than "cell3.go", because
	// yaegi scopes imports by file base name; pass yaegi's messages through
	// FixPositions to get "cell3.go:L:C".
	Decls string
	// Stmts is "" or the statements, carrying //line directives. When
	// Result is true the final expression statement E is rewritten to
	// `_gkrt.Show(E)`, so evaluating Stmts yields a []any of E's values.
	Stmts string
	// PlainStmts is Stmts with the final expression left unwrapped, for
	// when E turns out to have no value (a call of a void function). It is
	// equal to Stmts when Result is false.
	PlainStmts string
	// Result reports that the cell ends in an expression whose value(s)
	// should be shown.
	Result bool
	// Replay re-establishes this cell's imports and declarations in a fresh
	// interpreter (worker restarts). It re-runs var initializers of Decls;
	// variables made by statements (x := ...) are not replayed.
	Replay string
	// Redefined lists the names this cell declares that an earlier,
	// committed cell already declared (methods as "T.M"). yaegi keeps
	// earlier-compiled code bound to the old definition of a function and
	// ignores a redefined type, so the worker should warn or rebuild.
	Redefined []string
	// Vars lists the package-level variables this cell creates (var
	// declarations and top-level :=), so the worker can name what a
	// restart loses.
	Vars []string
	// ShowLine and ShowCol are the cell position (1-based) of the final
	// expression when Result is true, to recognise the error yaegi reports
	// when Show wraps a call without value (see IsNoValue).
	ShowLine, ShowCol int
	// ResultIsCall tells that the final expression is a call: if it
	// returns only nil values (a nil error, typically), there is nothing
	// worth showing.
	ResultIsCall bool

	name     string
	declared []declInfo
	funcs    []funcSource
	bindings []Import
	helpers  []string
	usesMain bool
}

// IsNoValue reports whether msg, an error from evaluating Stmts, says that
// the final expression has no value (yaegi: "cellN.go:L:C: cannot use
// func() as type ()" or similar), so the worker should evaluate PlainStmts
// instead.
func (p *Plan) IsNoValue(msg string) bool {
	if !p.Result {
		return false
	}
	prefix := fmt.Sprintf("%s.go:%d:", p.name, p.ShowLine)
	if !strings.Contains(FixPositions(msg), prefix) {
		return false
	}
	for _, s := range noValueTexts {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// CompileParts compiles p's Decls and then its Stmts with compile (the
// interpreter's Compile), leaving a part p lacks at its zero value. When
// Stmts fails only because the final expression has no value, it compiles
// PlainStmts instead and sets p.Result to false.
func CompileParts[P any](p *Plan, compile func(src string) (P, error)) (decls, stmts P, err error) {
	if p.Decls != "" {
		if decls, err = compile(p.Decls); err != nil {
			return decls, stmts, err
		}
	}
	if p.Stmts == "" {
		return decls, stmts, nil
	}
	stmts, err = compile(p.Stmts)
	if err != nil && p.IsNoValue(err.Error()) {
		stmts, err = compile(p.PlainStmts)
		p.Result = false
	}
	return decls, stmts, err
}

// noValueTexts are fragments of yaegi's messages for a void call used as
// a value (measured with yaegi v0.16.1).
var noValueTexts = []string{
	"as type ()",
	"used as value",
	"no value",
}

// Diag is one problem found in a cell, at a 1-based cell line and column.
type Diag struct {
	Line, Col int
	Msg       string
}

// Error lists every problem the compiler found in one cell.
type Error struct {
	Name  string // cell name, e.g. "cell3"
	Src   string // the cell source, to quote offending lines
	Diags []Diag
}

// Error lists one "cell3.go:L:C: msg" line per diagnostic.
func (e *Error) Error() string {
	var b strings.Builder
	for i, d := range e.Diags {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s.go:%d:%d: %s", e.Name, d.Line, d.Col, d.Msg)
	}
	return b.String()
}

// dirPos matches the file part of a position in generated code.
var dirPos = regexp.MustCompile(`([^\s/:()]+)/_\.go:`)

// FixPositions rewrites the positions yaegi reports for compiled cells
// ("cell3/_.go:2:5", see Plan) to the cell's name ("cell3.go:2:5"). The
// worker applies it to every compile error, panic message and trace.
func FixPositions(s string) string {
	return dirPos.ReplaceAllString(s, "$1.go:")
}
