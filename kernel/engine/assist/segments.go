package assist

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// unit is one parsed segment: a top-level item of the cell (see
// gosyntax.Split) with its share of the cell, comments before it included.
// Statements are wrapped in "func _() { ... }".
type unit struct {
	seg    gosyntax.Item
	fset   *token.FileSet
	file   *ast.File // partial when err != nil
	src    string    // the synthetic source that was parsed
	prefix int       // length of the synthetic prefix
	err    error
}

// Synthetic wrappers that make a segment a Go file.
const (
	declPrefix = "package p\n"
	stmtPrefix = "package p\nfunc _() {\n"
	stmtSuffix = "\n}"
)

// parseCell parses every segment of src, tolerating errors: a unit's file
// holds whatever the parser recovered.
func parseCell(src string) []*unit {
	fset := token.NewFileSet()
	var units []*unit
	for _, seg := range gosyntax.Split(src) {
		if seg.Kind == gosyntax.Package || seg.Kind == gosyntax.Sep {
			continue
		}
		units = append(units, parseSegment(fset, src, seg))
	}
	return units
}

// parseSegment parses one segment within its synthetic wrapper.
func parseSegment(fset *token.FileSet, src string, seg gosyntax.Item) *unit {
	text := src[seg.From:seg.End]
	u := &unit{seg: seg, fset: fset, prefix: len(declPrefix), src: declPrefix + text}
	if seg.Kind == gosyntax.Stmt {
		u.prefix, u.src = len(stmtPrefix), stmtPrefix+text+stmtSuffix
	}
	u.file, u.err = parser.ParseFile(fset, "", u.src, parser.ParseComments|parser.SkipObjectResolution)
	return u
}

// errOffset returns the offset in the cell of the unit's first parse error,
// and whether it lies at (or beyond) the end of the segment's text.
func (u *unit) errOffset() (off int, atEnd bool) {
	list, ok := u.err.(scanner.ErrorList)
	if !ok || len(list) == 0 {
		return u.seg.End, true
	}
	rel := list[0].Pos.Offset - u.prefix
	text := strings.TrimRight(u.src[u.prefix:u.prefix+u.seg.End-u.seg.From], " \t\r\n")
	return u.seg.From + min(rel, len(text)), rel >= len(text)
}

// text returns the source of node.
func (u *unit) text(node ast.Node) string {
	f := u.fset.File(node.Pos())
	if f == nil {
		return ""
	}
	start, end := f.Offset(node.Pos()), f.Offset(node.End())
	if start < 0 || end > len(u.src) || start > end {
		return ""
	}
	return u.src[start:end]
}

// line returns the line number of pos within the unit's source.
func (u *unit) line(pos token.Pos) int { return u.fset.Position(pos).Line }

// stmts returns the top-level statements of a statement unit.
func (u *unit) stmts() []ast.Stmt {
	if u.seg.Kind != gosyntax.Stmt || u.file == nil {
		return nil
	}
	for _, d := range u.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "_" && fd.Body != nil {
			return fd.Body.List
		}
	}
	return nil
}

// decls returns the declarations of a declaration unit (and any a
// statement unit contained besides its wrapper).
func (u *unit) decls() []ast.Decl {
	if u.file == nil {
		return nil
	}
	var out []ast.Decl
	for _, d := range u.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && u.seg.Kind == gosyntax.Stmt && fd.Name.Name == "_" {
			continue
		}
		out = append(out, d)
	}
	return out
}
