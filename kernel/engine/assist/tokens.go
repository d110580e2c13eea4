package assist

import (
	"go/scanner"
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one scanned token with its byte range in the scanned text.
type tok struct {
	off, end int
	tok      token.Token
	lit      string
}

// scan tokenizes src, comments included. Scanning never fails: errors
// (unterminated literals, stray characters) are returned alongside.
func scan(src string) ([]tok, scanner.ErrorList) {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var errs scanner.ErrorList
	var sc scanner.Scanner
	sc.Init(file, []byte(src), func(p token.Position, msg string) { errs.Add(p, msg) }, scanner.ScanComments)
	var toks []tok
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			return toks, errs
		}
		off := file.Offset(pos)
		toks = append(toks, tok{off: off, end: tokEnd(off, t, lit), tok: t, lit: lit})
	}
}

// tokEnd returns the end offset of a token starting at off.
func tokEnd(off int, t token.Token, lit string) int {
	switch {
	case t == token.SEMICOLON && lit != ";":
		return off // automatic semicolon: zero width
	case t == token.IDENT || t.IsLiteral() || t == token.COMMENT || t.IsKeyword():
		return off + len(lit)
	}
	return off + len(t.String())
}

// significant reports whether t is a real token: not a comment and not an
// automatically inserted semicolon.
func (t tok) significant() bool {
	return t.tok != token.COMMENT && !(t.tok == token.SEMICOLON && t.lit != ";")
}

// isName reports whether t is an identifier or a keyword (a keyword being
// typed is still a completion prefix).
func (t tok) isName() bool { return t.tok == token.IDENT || t.tok.IsKeyword() }

// opener and closer pairs of brackets.
var closerOf = map[token.Token]token.Token{token.LPAREN: token.RPAREN, token.LBRACK: token.RBRACK, token.LBRACE: token.RBRACE}

// openBrackets returns the brackets left open at the end of toks, outermost
// first, and whether a closing bracket mismatched (then the stack is what
// remained before the mismatch).
func openBrackets(toks []tok) (stack []token.Token, mismatch bool) {
	for _, t := range toks {
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, t.tok)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) == 0 || closerOf[stack[len(stack)-1]] != t.tok {
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
	toks, _ := scan(src)
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
func lastSignificant(toks []tok, i int) int {
	for i--; i >= 0; i-- {
		if toks[i].significant() {
			return i
		}
	}
	return -1
}

// matchOpen returns the index of the bracket opening the closing bracket at
// toks[j], or -1.
func matchOpen(toks []tok, j int) int {
	depth := 0
	for i := j; i >= 0; i-- {
		switch toks[i].tok {
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth++
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// primaryStart walks back from toks[j], the last token of a primary
// expression (a.b.c, f(x).y, m[k], T{...}), and returns the index of its
// first token, or -1 if toks[j] cannot end one.
func primaryStart(toks []tok, j int) int {
	start := -1
	for j >= 0 {
		switch toks[j].tok {
		case token.IDENT:
			start = j
			if p := lastSignificant(toks, j); p > 0 && toks[p].tok == token.PERIOD {
				j = lastSignificant(toks, p)
				continue
			}
			return start
		case token.RPAREN, token.RBRACK, token.RBRACE:
			o := matchOpen(toks, j)
			if o < 0 {
				return start
			}
			start = o
			p := lastSignificant(toks, o)
			if p >= 0 && (toks[p].tok == token.IDENT || toks[p].tok == token.RPAREN || toks[p].tok == token.RBRACK) {
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
