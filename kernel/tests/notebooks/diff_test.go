package notebooks

import (
	"fmt"
	"strings"
)

// diffContext is how many unchanged lines lineDiff shows around a change.
const diffContext = 2

// lineDiff describes how want became got, line by line, in the manner of
// diff -u: "-" lines only in want, "+" lines only in got, and a few
// unchanged lines around each change. Runs of unchanged lines further away
// are elided. It returns "" when want == got.
func lineDiff(wantName, want, gotName, got string) string {
	if want == got {
		return ""
	}
	ops := diffOps(strings.Split(want, "\n"), strings.Split(got, "\n"))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", wantName, gotName)
	for i, op := range ops {
		if op.kind == ' ' && !nearChange(ops, i) {
			if i == 0 || nearChange(ops, i-1) {
				b.WriteString("  …\n")
			}
			continue
		}
		fmt.Fprintf(&b, "%c %s\n", op.kind, visible(op.line))
	}
	return b.String()
}

// visible shows an empty line as ⏎ so that a missing final newline shows.
func visible(line string) string {
	if line == "" {
		return "⏎"
	}
	return line
}

// diffOp is one line of a diff: kind is ' ', '-' or '+'.
type diffOp struct {
	kind byte
	line string
}

// nearChange reports whether ops[i] is within diffContext lines of a change.
func nearChange(ops []diffOp, i int) bool {
	for j := max(0, i-diffContext); j <= min(len(ops)-1, i+diffContext); j++ {
		if ops[j].kind != ' ' {
			return true
		}
	}
	return false
}

// diffOps turns a into b through a longest common subsequence of lines.
func diffOps(a, b []string) []diffOp {
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, diffOp{' ', a[i]})
			i, j = i+1, j+1
		case j == len(b) || (i < len(a) && lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', a[i]})
			i++
		default:
			ops = append(ops, diffOp{'+', b[j]})
			j++
		}
	}
	return ops
}
