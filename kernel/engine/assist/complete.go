package assist

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// Match is one completion candidate. Type is its kind in Go's words:
// "function", "method", "field", "variable", "constant", "type", "package"
// or "keyword" (Kind names it for a frontend). Signature is a function's
// signature in one format, gopls's, with parameter names whenever the
// package's sources are at hand ("func(s string) string"); a variable's
// type; a type's declaration ("type T struct{...}"); a package's import
// path; or "".
type Match struct{ Text, Type, Signature string }

// Completion is the answer to a completion request: each match replaces
// code[Start:End] (byte offsets).
type Completion struct {
	Matches    []Match
	Start, End int
}

// Complete returns the completions at cursor (a byte offset into code):
// after "x." the members of package or value x, with Start at x and Text the
// whole "x.Member" (so "fmt.Printl" completes to exactly "fmt.Println");
// elsewhere the identifiers in scope, package names, predeclared names and
// keywords. Matches are deduplicated and sorted: case-sensitive prefix
// matches first, then case-insensitive ones, each alphabetically. Inside a
// string, a comment or a number there are none. Matches is never nil.
func (s *Services) Complete(code string, cursor int) Completion {
	cursor = clampCursor(code, cursor)
	out := Completion{Matches: []Match{}, Start: cursor, End: cursor}
	toks, _ := gosyntax.Scan(code[:cursor])
	last := lastReal(toks)
	if last >= 0 && toks[last].End >= cursor && isLiteral(toks[last].Tok) {
		return out
	}
	prefix, next := "", len(toks)
	if last >= 0 && isName(toks[last]) && toks[last].End == cursor {
		prefix, next = toks[last].Lit, last
		out.Start, out.End = toks[last].Off, cursor+identLenAfter(code[cursor:])
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if dot := lastSignificant(toks, next); dot >= 0 && toks[dot].Tok == token.PERIOD {
		return s.completeSelector(code, toks, dot, prefix, out)
	}
	q := s.newQuery(code[:out.Start])
	out.Matches = rank(prefix, q.identCandidates())
	return out
}

// lastReal returns the index of the last token that is not an automatic
// semicolon, or -1.
func lastReal(toks []gosyntax.Token) int {
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].Tok != token.SEMICOLON || toks[i].Lit == ";" {
			return i
		}
	}
	return -1
}

// isLiteral reports whether t is a literal or comment (no completion there).
func isLiteral(t token.Token) bool {
	return t == token.COMMENT || t.IsLiteral() && t != token.IDENT
}

// completeSelector completes the member after toks[dot], a period.
func (s *Services) completeSelector(code string, toks []gosyntax.Token, dot int, prefix string, out Completion) Completion {
	j := lastSignificant(toks, dot)
	first := -1
	if j >= 0 {
		first = primaryStart(toks, j)
	}
	if first < 0 {
		return out
	}
	rstart := toks[first].Off
	expr, err := parser.ParseExpr(code[rstart:toks[j].End])
	if err != nil {
		return out
	}
	q := s.newQuery(code[:rstart])
	deadline := time.Now().Add(docWait)
	var cands []Match
	if id, ok := expr.(*ast.Ident); ok {
		if p := q.pkgNamed(id.Name); p != nil {
			cands = s.packageCandidates(p, deadline)
		}
	}
	if cands == nil {
		cands = s.memberCandidates(q.members(q.valueType(expr)), deadline)
	}
	lead := code[rstart:out.Start]
	out.Matches = rank(prefix, cands)
	for i := range out.Matches {
		out.Matches[i].Text = lead + out.Matches[i].Text
	}
	out.Start = rstart
	return out
}

// packageCandidates lists a package's members, with parameter names when
// its sources can be parsed quickly.
func (s *Services) packageCandidates(p *pkgInfo, deadline time.Time) []Match {
	d := s.docs.get(p.path, max(0, time.Until(deadline)))
	var out []Match
	for _, m := range s.members(p, max(0, time.Until(deadline))) {
		sig := m.sig
		if d != nil && m.kind == kindFunction {
			if src := d.funcSig(m.name); src != "" {
				sig = src
			}
		}
		out = append(out, Match{Text: m.name, Type: m.kind, Signature: sig})
	}
	return out
}

// memberCandidates lists fields and methods, preferring source signatures.
func (s *Services) memberCandidates(ms []memberInfo, deadline time.Time) []Match {
	out := []Match{}
	for _, m := range ms {
		sig := m.sig
		if m.owner != nil && m.owner.PkgPath() != "" {
			if d := s.docs.get(m.owner.PkgPath(), max(0, time.Until(deadline))); d != nil {
				if src := d.methodSig(m.owner.Name(), m.name); src != "" {
					sig = src
				}
			}
		}
		out = append(out, Match{Text: m.name, Type: m.kind, Signature: sig})
	}
	return out
}

// identCandidates lists what a bare identifier can be: declarations in the
// edited code, then in learned cells, package names, predeclared names and
// keywords (earlier ones win when deduplicating).
func (q *query) identCandidates() []Match {
	var out []Match
	for sc := q.sc; sc != nil; sc = sc.parent {
		names := make([]string, 0, len(sc.syms))
		for n := range sc.syms {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			sym := sc.syms[n]
			out = append(out, Match{Text: n, Type: sym.kind, Signature: q.symSig(sym)})
		}
	}
	for _, n := range q.s.names {
		out = append(out, Match{Text: n, Type: kindPackage, Signature: q.s.byName[n][0].path})
	}
	return append(out, builtinMatches()...)
}

// symSig describes a declared symbol in a completion list.
func (q *query) symSig(sym *symbol) string {
	switch sym.kind {
	case kindFunction:
		return types.ExprString(sym.typ)
	case kindType:
		return "type " + sym.name + " " + types.ExprString(sym.spec.Type)
	case kindPackage:
		return sym.path
	}
	return q.symType(sym).String()
}

// rank keeps the candidates whose text starts with prefix (case-sensitive
// first, then case-insensitive), drops duplicates keeping the first, and
// sorts each group alphabetically.
func rank(prefix string, cands []Match) []Match {
	type ranked struct {
		m    Match
		tier int
	}
	var rs []ranked
	seen := map[string]bool{}
	lower := strings.ToLower(prefix)
	for _, c := range cands {
		if seen[c.Text] {
			continue
		}
		seen[c.Text] = true
		switch {
		case strings.HasPrefix(c.Text, prefix):
			rs = append(rs, ranked{c, 0})
		case strings.HasPrefix(strings.ToLower(c.Text), lower):
			rs = append(rs, ranked{c, 1})
		}
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].tier != rs[j].tier {
			return rs[i].tier < rs[j].tier
		}
		return rs[i].m.Text < rs[j].m.Text
	})
	out := make([]Match, len(rs))
	for i, r := range rs {
		out[i] = r.m
	}
	return out
}
