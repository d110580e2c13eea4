package assist

import (
	"go/token"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// Completeness statuses, as is_complete_reply names them.
const (
	// StatusComplete means the cell can run as it is.
	StatusComplete = "complete"
	// StatusIncomplete means the cell needs more lines.
	StatusIncomplete = "incomplete"
	// StatusInvalid means more lines cannot make the cell valid.
	StatusInvalid = "invalid"
)

// IsComplete reports whether a cell typed in a console is ready to run:
// "incomplete" when it ends inside an open bracket, a raw string or a block
// comment, after a binary operator or comma, or anywhere Go needs more (the
// only parse error is at the end, or it ends with an operator); "invalid" when Go cannot parse it before
// its end (such as "x := := 1"); "complete" otherwise, the empty cell
// included. For "incomplete", indent is the prefix for the next line: four
// spaces per open bracket, or four after a trailing operator.
func (s *Services) IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return StatusComplete, ""
	}
	toks, errs := gosyntax.Scan(code)
	if last := lastReal(toks); last >= 0 && unterminated(toks[last]) {
		return StatusIncomplete, ""
	}
	stack, mismatch := openBrackets(toks)
	if mismatch || len(errs) > 0 {
		return StatusInvalid, ""
	}
	units := parseCell(code)
	for i, u := range units {
		if u.err == nil {
			continue
		}
		if _, atEnd := u.errOffset(); i < len(units)-1 || !atEnd && continuation(toks) == 0 {
			return StatusInvalid, ""
		}
		levels := len(stack)
		if levels == 0 {
			levels = continuation(toks)
		}
		return StatusIncomplete, strings.Repeat("    ", levels)
	}
	return StatusComplete, ""
}

// unterminated reports whether t is a raw string or block comment that runs
// to the end of the cell.
func unterminated(t gosyntax.Token) bool {
	switch {
	case t.Tok == token.STRING && strings.HasPrefix(t.Lit, "`"):
		return len(t.Lit) == 1 || !strings.HasSuffix(t.Lit, "`")
	case t.Tok == token.COMMENT && strings.HasPrefix(t.Lit, "/*"):
		return len(t.Lit) < 4 || !strings.HasSuffix(t.Lit, "*/")
	}
	return false
}

// continuation returns 1 if the cell ends with an operator or comma that
// continues onto the next line, else 0.
func continuation(toks []gosyntax.Token) int {
	last := lastSignificant(toks, len(toks))
	if last < 0 {
		return 0
	}
	switch t := toks[last].Tok; {
	case t == token.COMMA, t == token.PERIOD, t == token.ARROW, t == token.DEFINE, t == token.ASSIGN:
		return 1
	case t.IsOperator() && t.Precedence() > 0, t >= token.ADD_ASSIGN && t <= token.AND_NOT_ASSIGN:
		return 1
	}
	return 0
}
