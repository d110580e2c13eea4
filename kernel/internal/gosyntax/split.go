package gosyntax

import "go/token"

// Kind classifies one top-level item of a cell.
type Kind int

// The kinds of top-level items.
const (
	Stmt    Kind = iota // a statement
	Decl                // a const, var or type declaration
	Func                // a func or method declaration (a func literal is a Stmt)
	Import              // an import declaration
	Package             // a package clause
	Sep                 // an explicit ';' between items
)

// Item is one top-level item of a cell. A cell mixes imports,
// declarations and statements in any order, so each item is parsed on its
// own, and one bad item does not spoil the others.
type Item struct {
	Kind Kind
	// Start and End delimit the item: from its first token up to its
	// terminating semicolon (explicit or automatic) or the end of the cell.
	Start, End int
	// From is where the item's share of the cell starts: just after the
	// previous item's terminator, so the comments before an item (its doc
	// comment) are in src[From:End]. The shares of the items other than Sep
	// cover the cell but for the terminators.
	From int
}

// Split cuts src into its top-level items at the semicolons (explicit or
// automatic) outside any brackets and outside the header of a for, if or
// switch statement (`for i := 0; i < 3; i++ {` starts one item). An
// explicit ';' is an item of its own, of kind Sep.
func Split(src string) []Item {
	toks, _ := Scan(src)
	s := splitter{src: src, toks: toks, first: -1, header: -1}
	for i, t := range toks {
		s.visit(i, t)
	}
	s.end(len(toks), len(src))
	return s.items
}

// splitter is the state of Split between two tokens.
type splitter struct {
	src    string
	toks   []Token
	items  []Item
	from   int // where the next item's share starts
	first  int // index of the current item's first token, or -1
	depth  int // bracket depth, never below 0
	header int // depth of the for/if/switch whose header is being read, or -1
}

// visit reads toks[i].
func (s *splitter) visit(i int, t Token) {
	switch t.Tok {
	case token.COMMENT:
		return
	case token.FOR, token.IF, token.SWITCH:
		if s.header < 0 {
			s.header = s.depth
		}
	case token.LPAREN, token.LBRACK, token.LBRACE:
		if t.Tok == token.LBRACE && s.depth == s.header {
			s.header = -1
		}
		s.depth++
	case token.RPAREN, token.RBRACK, token.RBRACE:
		s.depth = max(0, s.depth-1)
	}
	if t.Tok != token.SEMICOLON || s.depth > 0 || s.header >= 0 {
		if s.first < 0 {
			s.first = i
		}
		return
	}
	s.end(i, t.Off)
	if t.Lit == ";" {
		s.items = append(s.items, Item{Kind: Sep, Start: t.Off, End: t.Off + 1, From: t.Off})
	}
	s.from, s.header = min(t.Off+1, len(s.src)), -1
}

// end closes the current item, if any, at toks[i], its terminator, which
// is at offset end.
func (s *splitter) end(i, end int) {
	if s.first < 0 {
		return
	}
	start := s.toks[s.first].Off
	s.items = append(s.items, Item{Kind: classify(s.toks, s.first, i), Start: start, End: end, From: s.from})
	s.first = -1
}

// classify returns the kind of the item toks[first:end]. A func followed
// by a name, or by a receiver and a name, declares one; any other func
// starts a func literal.
func classify(toks []Token, first, end int) Kind {
	switch toks[first].Tok {
	case token.PACKAGE:
		return Package
	case token.IMPORT:
		return Import
	case token.TYPE, token.VAR, token.CONST:
		return Decl
	case token.FUNC:
		next := first + 1
		if next < end && toks[next].Tok == token.LPAREN {
			next = Matching(toks, next) + 1
		}
		if next > 0 && next < end && toks[next].Tok == token.IDENT {
			return Func
		}
	}
	return Stmt
}
