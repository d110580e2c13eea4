package assist

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// isName reports whether t is an identifier or a keyword (a keyword being
// typed is still a completion prefix).
func isName(t gosyntax.Token) bool { return t.Tok == token.IDENT || t.Tok.IsKeyword() }

// opener and closer pairs of brackets.
var closerOf = map[token.Token]token.Token{token.LPAREN: token.RPAREN, token.LBRACK: token.RBRACK, token.LBRACE: token.RBRACE}

// openBrackets returns the brackets left open at the end of toks, outermost
// first, and whether a closing bracket mismatched (then the stack is what
// remained before the mismatch).
func openBrackets(toks []gosyntax.Token) (stack []token.Token, mismatch bool) {
	for _, t := range toks {
		switch t.Tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, t.Tok)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) == 0 || closerOf[stack[len(stack)-1]] != t.Tok {
				return stack, true
			}
			stack = stack[:len(stack)-1]
		}
	}
	return stack, false
}

// closers returns the text that closes every bracket left open in src, so a
// truncated cell parses.
func closers(src string) string {
	toks, _ := gosyntax.Scan(src)
	stack, _ := openBrackets(toks)
	var b strings.Builder
	for i := len(stack) - 1; i >= 0; i-- {
		b.WriteString("\n" + closerOf[stack[i]].String())
	}
	return b.String()
}

// isIdentRune reports whether r can be part of a Go identifier.
func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// identLenAfter returns the length in bytes of the identifier characters at
// the start of s.
func identLenAfter(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isIdentRune(r) {
			break
		}
		n += size
	}
	return n
}

// clampCursor keeps cursor within code and on a rune boundary.
func clampCursor(code string, cursor int) int {
	cursor = max(0, min(cursor, len(code)))
	for cursor > 0 && cursor < len(code) && !utf8.RuneStart(code[cursor]) {
		cursor--
	}
	return cursor
}

// lastSignificant returns the index of the last significant token before
// index i, or -1.
func lastSignificant(toks []gosyntax.Token, i int) int {
	for i--; i >= 0; i-- {
		if toks[i].Significant() {
			return i
		}
	}
	return -1
}

// primaryStart walks back from toks[j], the last token of a primary
// expression (a.b.c, f(x).y, m[k], T{...}), and returns the index of its
// first token, or -1 if toks[j] cannot end one.
func primaryStart(toks []gosyntax.Token, j int) int {
	start := -1
	for j >= 0 {
		switch toks[j].Tok {
		case token.IDENT:
			start = j
			if p := lastSignificant(toks, j); p > 0 && toks[p].Tok == token.PERIOD {
				j = lastSignificant(toks, p)
				continue
			}
			return start
		case token.RPAREN, token.RBRACK, token.RBRACE:
			o := gosyntax.Matching(toks, j)
			if o < 0 {
				return start
			}
			start = o
			p := lastSignificant(toks, o)
			if p >= 0 && (toks[p].Tok == token.IDENT || toks[p].Tok == token.RPAREN || toks[p].Tok == token.RBRACK) {
				j = p
				continue
			}
			return start
		default:
			return start
		}
	}
	return start
}
