package cell

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// itemKind classifies one top-level item of a cell.
type itemKind int

const (
	itemStmt    itemKind = iota // a statement, or a var/const/type declaration
	itemPackage                 // package clause (ignored)
	itemImport                  // import declaration
	itemFunc                    // func or method declaration
	itemSep                     // an explicit ';' between items
)

// item is one top-level item of a cell: source bytes [start, end).
type item struct {
	kind       itemKind
	start, end int
}

// itemKinds maps gosyntax's kinds to the compiler's: var, const and type
// declarations are parsed with the statements, whose variables they may
// use.
var itemKinds = map[gosyntax.Kind]itemKind{
	gosyntax.Stmt: itemStmt, gosyntax.Decl: itemStmt, gosyntax.Func: itemFunc,
	gosyntax.Import: itemImport, gosyntax.Package: itemPackage, gosyntax.Sep: itemSep,
}

// splitItems cuts src into its top-level items (see gosyntax.Split).
func splitItems(src string) []item {
	split := gosyntax.Split(src)
	items := make([]item, 0, len(split))
	for _, it := range split {
		items = append(items, item{kind: itemKinds[it.Kind], start: it.Start, end: it.End})
	}
	return items
}

// unit is one parse of a cell where every other item is blanked out, so
// AST offsets map to cell offsets by a fixed delta.
type unit struct {
	file  *token.File
	delta int
}

// off converts a position in the unit to a byte offset in the cell.
func (u *unit) off(p token.Pos) int { return u.file.Offset(p) - u.delta }

// blank returns src with every item not in keep replaced by spaces
// (newlines kept), so positions of the kept items do not move.
func blank(src string, items []item, keep func(itemKind) bool) string {
	b := []byte(src)
	for _, it := range items {
		if keep(it.kind) {
			continue
		}
		for i := it.start; i < it.end; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

const pkgPrefix = "package _gkcell;"

// parseFile parses src (already blanked) as file-level declarations.
func parseFile(fset *token.FileSet, src string) (*ast.File, *unit, error) {
	full := pkgPrefix + src
	f, err := parser.ParseFile(fset, "", full, parser.AllErrors)
	return f, &unit{file: fset.File(f.Package), delta: len(pkgPrefix)}, err
}

const bodyPrefix = pkgPrefix + "func _(){"

// parseBody parses src (already blanked) as a function body.
func parseBody(fset *token.FileSet, src string) (*ast.BlockStmt, *unit, error) {
	full := bodyPrefix + src + "\n}"
	f, err := parser.ParseFile(fset, "", full, parser.AllErrors)
	u := &unit{file: fset.File(f.Package), delta: len(bodyPrefix)}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			return fd.Body, u, err
		}
	}
	return &ast.BlockStmt{}, u, err
}

// lineTable converts cell byte offsets to 1-based line and column.
type lineTable struct{ starts []int }

func newLineTable(src string) lineTable {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineTable{starts}
}

func (lt lineTable) pos(off int) (line, col int) {
	i := sort.Search(len(lt.starts), func(i int) bool { return lt.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - lt.starts[i] + 1
}

// syntaxDiags converts a parse error into cell diagnostics.
func syntaxDiags(err error, u *unit, srcLen int, lt lineTable) []Diag {
	list, ok := err.(scanner.ErrorList)
	if !ok {
		return []Diag{{1, 1, err.Error()}}
	}
	var ds []Diag
	for _, e := range list {
		off := e.Pos.Offset - u.delta
		off = max(0, min(off, srcLen))
		line, col := lt.pos(off)
		ds = append(ds, Diag{line, col, e.Msg})
	}
	return ds
}

// sortDiags orders diagnostics by position and drops duplicates.
func sortDiags(ds []Diag) []Diag {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Line != ds[j].Line {
			return ds[i].Line < ds[j].Line
		}
		return ds[i].Col < ds[j].Col
	})
	var out []Diag
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// normalizeNewlines turns CRLF and lone CR into LF, as Go source expects.
func normalizeNewlines(src string) string {
	if !strings.Contains(src, "\r") {
		return src
	}
	src = strings.ReplaceAll(src, "\r\n", "\n")
	return strings.ReplaceAll(src, "\r", "\n")
}
