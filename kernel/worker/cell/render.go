package cell

import (
	"fmt"
	"sort"
	"strings"
)

// edit replaces cell bytes [start, end) with the text gen returns. gen may
// render sub-ranges with renderer.seg, which applies the edits nested in
// them, so rewrites compose.
type edit struct {
	start, end int
	gen        func() string
}

// renderer turns cell source plus edits into generated source in which
// every piece of original text keeps its cell position through //line
// directives.
type renderer struct {
	name   string
	src    string
	lt     lineTable
	edits  []edit
	dirty  bool
	native bool // positions for the Go toolchain (cellN.go), not yaegi
}

// replace registers an edit of [start, end).
func (r *renderer) replace(start, end int, gen func() string) {
	r.edits = append(r.edits, edit{start, end, gen})
	r.dirty = true
}

// insert registers text to insert at off.
func (r *renderer) insert(off int, text string) {
	r.replace(off, off, func() string { return text })
}

func (r *renderer) sortEdits() {
	if !r.dirty {
		return
	}
	sort.SliceStable(r.edits, func(i, j int) bool {
		a, b := r.edits[i], r.edits[j]
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end > b.end
	})
	r.dirty = false
}

// text renders cell bytes [start, end) with the outermost edits inside it
// applied; after each edit a directive restores the position of the
// original text that follows.
func (r *renderer) text(start, end int) string {
	// A labeled empty statement ends one byte past the cell ("L:" last).
	end = min(end, len(r.src))
	start = min(start, end)
	r.sortEdits()
	var b strings.Builder
	pos := start
	for _, e := range r.edits {
		if e.start < pos || e.end > end || e.start > end {
			continue
		}
		if e.start == e.end && e.start == end && end != start {
			continue // insertion at the very end belongs to the caller
		}
		b.WriteString(r.src[pos:e.start])
		b.WriteString(e.gen())
		b.WriteString(r.dir(e.end))
		pos = e.end
	}
	b.WriteString(r.src[pos:end])
	return b.String()
}

// seg is text preceded by a directive giving the position of start, for
// original text embedded in generated text.
func (r *renderer) seg(start, end int) string {
	return r.dir(start) + r.text(start, end)
}

// dir is an inline directive: the next character is at off in the cell.
func (r *renderer) dir(off int) string {
	line, col := r.lt.pos(off)
	return fmt.Sprintf("/*line %s:%d:%d*/", r.file(), line, col)
}

// lineDir is a line directive placing the next line at off in the cell.
func (r *renderer) lineDir(off int) string {
	line, col := r.lt.pos(off)
	return fmt.Sprintf("\n//line %s:%d:%d\n", r.file(), line, col)
}

// file is the file name used in directives: "cell3/_.go". yaegi looks up
// imported package names per file base name, and imports are evaluated in
// "_.go"; a directive naming "cell3.go" would hide every import from the
// cell ("undefined", "constant definition loop" or a nil dereference in
// yaegi). FixPositions turns "cell3/_.go:" back into "cell3.go:".
func (r *renderer) file() string {
	if r.native {
		return r.name + ".go"
	}
	return r.name + "/" + yaegiFile
}

// yaegiFile is yaegi's interp.DefaultSourceName.
const yaegiFile = "_.go"

// where is the "cellN.go:L:C" form of off, for messages.
func (r *renderer) where(off int) string {
	line, col := r.lt.pos(off)
	return fmt.Sprintf("%s.go:%d:%d", r.name, line, col)
}
