// Package gosyntax reads a notebook cell's Go source below the parser, the
// same way for the cell compiler (worker) and the editor services
// (engine/assist): it scans tokens, cuts a cell into its top-level items,
// and names packages (the name an import path gives, and the import path
// a bare package name means).
package gosyntax

import (
	"go/scanner"
	"go/token"
)

// Token is one scanned token with its byte range src[Off:End].
type Token struct {
	Off, End int
	Tok      token.Token
	Lit      string
}

// Scan tokenizes src, comments included. Scanning never fails: errors
// (unterminated literals, stray characters) are returned alongside.
func Scan(src string) ([]Token, scanner.ErrorList) {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var errs scanner.ErrorList
	var sc scanner.Scanner
	sc.Init(file, []byte(src), func(p token.Position, msg string) { errs.Add(p, msg) }, scanner.ScanComments)
	toks := make([]Token, 0, len(src)/4) // Go source has about a token per four bytes
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			return toks, errs
		}
		off := file.Offset(pos)
		toks = append(toks, Token{Off: off, End: tokenEnd(off, t, lit), Tok: t, Lit: lit})
	}
}

// tokenEnd returns the end offset of a token starting at off.
func tokenEnd(off int, t token.Token, lit string) int {
	switch {
	case t == token.SEMICOLON && lit != ";":
		return off // automatic semicolon: zero width
	case t == token.IDENT || t.IsLiteral() || t == token.COMMENT || t.IsKeyword():
		return off + len(lit)
	}
	return off + len(t.String())
}

// Significant reports whether t is a real token: not a comment and not an
// automatically inserted semicolon.
func (t Token) Significant() bool {
	return t.Tok != token.COMMENT && !(t.Tok == token.SEMICOLON && t.Lit != ";")
}

// Matching returns the index of the bracket matching toks[i]: the closing
// one after an opening bracket, the opening one before a closing bracket;
// -1 if there is none, or toks[i] is no bracket.
func Matching(toks []Token, i int) int {
	step, open, shut := 1, opening, closing
	if closing[toks[i].Tok] {
		step, open, shut = -1, closing, opening
	}
	depth := 0
	for j := i; j >= 0 && j < len(toks); j += step {
		switch t := toks[j].Tok; {
		case open[t]:
			depth++
		case shut[t]:
			depth--
			if depth == 0 {
				return j
			}
		}
		if depth == 0 {
			return -1
		}
	}
	return -1
}

// The brackets, opening and closing.
var (
	opening = map[token.Token]bool{token.LPAREN: true, token.LBRACK: true, token.LBRACE: true}
	closing = map[token.Token]bool{token.RPAREN: true, token.RBRACK: true, token.RBRACE: true}
)
