// Package magic recognises IPython-style magics in a cell: line magics
// (`%name args`) and shell lines (`!command`) at the top of a cell, and a
// cell magic (`%%name args` on the first line, applying to the rest). It
// only parses; the engine runs them.
package magic

import (
	"fmt"
	"strings"
)

// Line is one line magic or shell line.
type Line struct {
	Name  string // the magic's name, "" for a shell line
	Args  string // the rest of the line, trimmed
	Shell bool   // a !command line; Args is the command
	Row   int    // 1-based line number in the cell
}

// Cell is a parsed cell: the leading line magics and shell lines, an
// optional cell magic, and the Go code left to run.
type Cell struct {
	Lines []Line
	// CellMagic is set for a %%name first line; Body is then everything
	// after that line and Code is empty.
	CellMagic *Line
	Body      string
	// Code is the Go source after the leading magic lines, with those lines
	// blanked so positions in errors stay right.
	Code string
}

// Parse splits code into magics and Go. Leading blank lines and comments
// may precede the magic lines.
func Parse(code string) Cell {
	if first, rest, ok := cellMagic(code); ok {
		return Cell{CellMagic: &first, Body: rest}
	}
	var c Cell
	lines := strings.SplitAfter(code, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "" || strings.HasPrefix(t, "//"):
			continue
		case strings.HasPrefix(t, "!"):
			c.Lines = append(c.Lines, Line{Args: strings.TrimSpace(t[1:]), Shell: true, Row: i + 1})
		case strings.HasPrefix(t, "%") && !strings.HasPrefix(t, "%%"):
			name, args, _ := strings.Cut(t[1:], " ")
			c.Lines = append(c.Lines, Line{Name: name, Args: strings.TrimSpace(args), Row: i + 1})
		default:
			c.Code = blankLines(lines[:i]) + strings.Join(lines[i:], "")
			return c
		}
	}
	return c
}

// cellMagic recognises a %%name first (non-blank) line.
func cellMagic(code string) (Line, string, bool) {
	trimmed := strings.TrimLeft(code, " \t\r\n")
	if !strings.HasPrefix(trimmed, "%%") {
		return Line{}, "", false
	}
	first, rest, _ := strings.Cut(trimmed, "\n")
	name, args, _ := strings.Cut(strings.TrimSpace(first[2:]), " ")
	row := strings.Count(code[:len(code)-len(trimmed)], "\n") + 1
	return Line{Name: name, Args: strings.TrimSpace(args), Row: row}, rest, true
}

// blankLines keeps only the newlines of lines, so the Go code after them
// keeps its line numbers.
func blankLines(lines []string) string {
	return strings.Repeat("\n", len(lines))
}

// BodyCode is a cell magic's body as code: blank lines stand for the
// magic's line (and anything above it) so positions in messages are the
// cell's own.
func (c Cell) BodyCode() string {
	return strings.Repeat("\n", c.CellMagic.Row) + c.Body
}

// IsMagic reports whether the cell has any magic or shell line.
func (c Cell) IsMagic() bool { return c.CellMagic != nil || len(c.Lines) > 0 }

// Closest returns the known name nearest to name (by edit distance) and
// whether it is near enough to suggest.
func Closest(name string, known []string) (string, bool) {
	best, bestD := "", len(name)+1
	for _, k := range known {
		if d := distance(name, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best, best != "" && bestD <= max(2, len(name)/2)
}

// UnknownError is the error for a magic nobody knows, with a suggestion.
func UnknownError(prefix, name string, known []string) error {
	if s, ok := Closest(name, known); ok {
		return fmt.Errorf("unknown magic %s%s: did you mean %s%s? (%%help lists them all)", prefix, name, prefix, s)
	}
	return fmt.Errorf("unknown magic %s%s (%%help lists them all)", prefix, name)
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
