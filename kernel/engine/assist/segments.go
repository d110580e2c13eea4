package assist

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// segKind classifies a top-level piece of a cell.
type segKind int

const (
	segStmt    segKind = iota // statements: parsed inside a function body
	segDecl                   // import, const, var, type, func declarations
	segPackage                // a package clause
)

// segment is a top-level piece of a cell: the text between two semicolons
// (explicit or automatic) at bracket depth 0, outside the header of a for,
// if or switch statement (`for i := 0; i < 3; i++ {` is one segment). Segments partition the cell,
// so comments before a declaration stay with it.
type segment struct {
	start, end int
	kind       segKind
}

// split cuts src into segments. Cells mix declarations and statements in
// any order, so each segment is parsed on its own, as a declaration or as a
// statement, and one bad segment does not spoil the others.
func split(src string, toks []tok) []segment {
	var segs []segment
	start, depth, first := 0, 0, -1
	header := -1 // depth of the for/if/switch whose header is being read
	for i, t := range toks {
		if t.tok == token.COMMENT {
			continue
		}
		switch t.tok {
		case token.FOR, token.IF, token.SWITCH:
			if header < 0 {
				header = depth
			}
		case token.LPAREN, token.LBRACK, token.LBRACE:
			if t.tok == token.LBRACE && depth == header {
				header = -1
			}
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth = max(0, depth-1)
		}
		if t.tok != token.SEMICOLON || depth > 0 || header >= 0 {
			if first < 0 {
				first = i
			}
			continue
		}
		end := boundary(src, t)
		if first >= 0 {
			segs = append(segs, segment{start: start, end: end, kind: classify(toks, first, i)})
		}
		start, first, header = min(end+1, len(src)), -1, -1
	}
	if first >= 0 {
		segs = append(segs, segment{start: start, end: len(src), kind: classify(toks, first, len(toks))})
	}
	return segs
}

// boundary returns where a segment ends at semicolon t. An automatic
// semicolon reported at a trailing line comment ends at the newline, so the
// comment stays with its line.
func boundary(src string, t tok) int {
	if t.lit == ";" || t.off >= len(src) || src[t.off] == '\n' {
		return t.off
	}
	if strings.HasPrefix(src[t.off:], "//") {
		if nl := strings.IndexByte(src[t.off:], '\n'); nl >= 0 {
			return t.off + nl
		}
		return len(src)
	}
	return t.off
}

// classify decides whether toks[first:end] is a declaration: it starts with
// import, type, var, const, or func followed by a name or a receiver and a
// name (a func literal starts a statement).
func classify(toks []tok, first, end int) segKind {
	switch toks[first].tok {
	case token.PACKAGE:
		return segPackage
	case token.IMPORT, token.TYPE, token.VAR, token.CONST:
		return segDecl
	case token.FUNC:
		next := first + 1
		if next < end && toks[next].tok == token.LPAREN {
			next = matchClose(toks, next) + 1
		}
		if next > first && next < end && toks[next].tok == token.IDENT {
			return segDecl
		}
	}
	return segStmt
}

// matchClose returns the index of the bracket closing toks[i], or -2.
func matchClose(toks []tok, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -2
}

// unit is one parsed segment. Statements are wrapped in "func _() { ... }".
type unit struct {
	seg    segment
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
	toks, _ := scan(src)
	fset := token.NewFileSet()
	var units []*unit
	for _, seg := range split(src, toks) {
		if seg.kind == segPackage {
			continue
		}
		units = append(units, parseSegment(fset, src, seg))
	}
	return units
}

// parseSegment parses one segment within its synthetic wrapper.
func parseSegment(fset *token.FileSet, src string, seg segment) *unit {
	text := src[seg.start:seg.end]
	u := &unit{seg: seg, fset: fset, prefix: len(declPrefix), src: declPrefix + text}
	if seg.kind == segStmt {
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
		return u.seg.end, true
	}
	rel := list[0].Pos.Offset - u.prefix
	text := strings.TrimRight(u.src[u.prefix:u.prefix+u.seg.end-u.seg.start], " \t\r\n")
	return u.seg.start + min(rel, len(text)), rel >= len(text)
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
	if u.seg.kind != segStmt || u.file == nil {
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
		if fd, ok := d.(*ast.FuncDecl); ok && u.seg.kind == segStmt && fd.Name.Name == "_" {
			continue
		}
		out = append(out, d)
	}
	return out
}
