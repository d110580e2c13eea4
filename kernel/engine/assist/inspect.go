package assist

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// Inspect returns documentation for the identifier at or just before cursor
// (a byte offset), with the selectors leading to it ("fmt.Println",
// "strings.Builder", "b.WriteString", a user func, var or type); when the
// cursor is not on an identifier, for the function whose call's arguments
// it is in. found is false when there is nothing to document.
func (s *Services) Inspect(code string, cursor int) (text string, found bool) {
	cursor = clampCursor(code, cursor)
	end := cursor + identLenAfter(code[cursor:])
	toks, _ := gosyntax.Scan(code[:end])
	target := lastReal(toks)
	if target < 0 || toks[target].Tok != token.IDENT || toks[target].End != end {
		target = calleeBefore(toks)
	}
	if target < 0 {
		return "", false
	}
	first := primaryStart(toks, target)
	expr, err := parser.ParseExpr(code[toks[first].Off:toks[target].End])
	if err != nil {
		return "", false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.newQuery(code[:end]).doc(expr)
}

// calleeBefore returns the index of the identifier naming the function
// whose unclosed argument list the token stream ends in, or -1.
func calleeBefore(toks []gosyntax.Token) int {
	depth := 0
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i].Tok {
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth++
		case token.LBRACK, token.LBRACE:
			depth--
		case token.LPAREN:
			depth--
			if depth < 0 {
				if p := lastSignificant(toks, i); p >= 0 && toks[p].Tok == token.IDENT {
					return p
				}
				return -1
			}
		}
		if depth < 0 {
			return -1
		}
	}
	return -1
}

// Doc returns documentation for a dotted name — "strings.ToUpper", "fmt",
// "strings.Builder.WriteString", "myFunc", "v.Field" — as asked by an
// IPython-style `name?` pager request. A trailing "?" is ignored.
func (s *Services) Doc(name string) (text string, found bool) {
	name = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), "?"))
	expr, err := parser.ParseExpr(name)
	if err != nil {
		return "", false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.newQuery("").doc(expr)
}

// doc documents an expression naming something.
func (q *query) doc(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.Ident:
		return q.identDoc(x.Name)
	case *ast.SelectorExpr:
		return q.selectorDoc(x)
	case *ast.ParenExpr:
		return q.doc(x.X)
	case *ast.CallExpr:
		return q.doc(x.Fun)
	case *ast.IndexExpr:
		return q.doc(x.X)
	case *ast.StarExpr:
		return q.doc(x.X)
	}
	return "", false
}

// identDoc documents a bare name: a declaration, a package or a
// predeclared identifier.
func (q *query) identDoc(name string) (string, bool) {
	if sym := q.sc.lookup(name); sym != nil {
		if sym.kind == kindPackage {
			if p := q.s.pkgs[sym.path]; p != nil {
				return q.s.packageDoc(p), true
			}
			return sym.decl, true
		}
		return q.userDoc(sym), true
	}
	if p := q.pkgNamed(name); p != nil {
		return q.s.packageDoc(p), true
	}
	if isBuiltin(name) {
		return q.s.builtinDoc(name), true
	}
	return "", false
}

// selectorDoc documents pkg.Name, pkg.Type.Member, Type.Method and
// value.member.
func (q *query) selectorDoc(x *ast.SelectorExpr) (string, bool) {
	name := x.Sel.Name
	if id, ok := x.X.(*ast.Ident); ok {
		if p := q.pkgNamed(id.Name); p != nil {
			return q.s.memberDoc(p, name)
		}
		if sym := q.sc.lookup(id.Name); sym != nil && sym.kind == kindType {
			return q.memberDoc(&tref{expr: id}, name)
		}
	}
	if inner, ok := x.X.(*ast.SelectorExpr); ok {
		if rt := q.pkgType(inner); rt != nil {
			return q.memberDoc(&tref{rt: rt}, name)
		}
		if id, ok := inner.X.(*ast.Ident); ok { // a type known only from source
			if p := q.pkgNamed(id.Name); p != nil {
				if d := q.s.docs.get(p.path, -1); d != nil {
					return d.methodDoc(inner.Sel.Name, name)
				}
			}
		}
	}
	return q.memberDoc(q.valueType(x.X), name)
}

// memberDoc documents the field or method name of type t.
func (q *query) memberDoc(t *tref, name string) (string, bool) {
	for _, m := range q.members(t) {
		if m.name != name {
			continue
		}
		switch {
		case m.sym != nil:
			return q.userDoc(m.sym), true
		case m.field != nil:
			return strings.TrimSpace(name + " " + m.sig + "\n" + indent(docText(m.field.Doc, m.field.Comment))), true
		case m.owner != nil:
			if d := q.s.docs.get(m.owner.PkgPath(), -1); d != nil {
				if text, ok := d.methodDoc(m.owner.Name(), name); ok {
					return text, true
				}
			}
			return memberLine(m), true
		}
	}
	return "", false
}

// memberLine describes a member from its reflect signature alone.
func memberLine(m memberInfo) string {
	owner := typeName(m.owner)
	if m.kind == kindMethod {
		return "func (" + owner + ") " + m.name + strings.TrimPrefix(m.sig, "func")
	}
	return m.name + " " + m.sig + "  // field of " + owner
}

// memberDoc documents a package member: its Go doc from source, else its
// reflect signature.
func (s *Services) memberDoc(p *pkgInfo, name string) (string, bool) {
	if d := s.docs.get(p.path, -1); d != nil {
		if text, ok := d.lookup(name); ok {
			return text, true
		}
	}
	m := p.member(name)
	if m == nil {
		return "", false
	}
	switch m.kind {
	case kindFunction:
		return "func " + p.name + "." + name + strings.TrimPrefix(m.sig, "func"), true
	case kindVariable:
		return "var " + p.name + "." + name + " " + m.sig, true
	case kindConstant:
		return "const " + p.name + "." + name + " " + m.sig, true
	}
	return strings.Replace(m.sig, "type ", "type "+p.name+".", 1), true
}

// packageDoc documents a package: its Go doc, else a list of its members.
func (s *Services) packageDoc(p *pkgInfo) string {
	if d := s.docs.get(p.path, -1); d != nil {
		return d.packageDoc()
	}
	var b strings.Builder
	b.WriteString("package " + p.name + " // import \"" + p.path + "\"\n")
	for _, n := range p.memberNames() {
		text, _ := s.memberDoc(p, n)
		b.WriteString("\n" + text)
	}
	return b.String()
}

// builtinDoc documents a predeclared identifier.
func (s *Services) builtinDoc(name string) string {
	if d := s.docs.get("builtin", -1); d != nil {
		if text, ok := d.lookup(name); ok {
			return text
		}
	}
	if sig, ok := builtinFuncs[name]; ok {
		return "func " + name + strings.TrimPrefix(sig, "func")
	}
	if t, ok := builtinConsts[name]; ok {
		return name + " (" + t + ")"
	}
	return "type " + name
}

// userDoc documents a declaration from a cell: for variables their type
// and declaring line, for functions their signature, for types their
// definition and methods; then the doc comment.
func (q *query) userDoc(sym *symbol) string {
	var b strings.Builder
	switch sym.kind {
	case kindVariable, kindConstant:
		keyword := map[string]string{kindVariable: "var ", kindConstant: "const "}[sym.kind]
		if t := q.symType(sym).String(); t != "" {
			b.WriteString(keyword + sym.name + " " + t + "\n")
		}
		b.WriteString(indentIf(b.Len() > 0, sym.decl))
	case kindType:
		b.WriteString(sym.decl)
		b.WriteString(q.methodList(sym.name))
	default:
		b.WriteString(sym.decl)
	}
	if sym.doc != "" {
		b.WriteString("\n" + indent(sym.doc))
	}
	return b.String()
}

// methodList lists the methods learned for a type, one header per line.
func (q *query) methodList(typeName string) string {
	ms := q.sc.methodsOf(typeName)
	if len(ms) == 0 {
		return ""
	}
	var lines []string
	for _, m := range ms {
		lines = append(lines, m.decl)
	}
	sort.Strings(lines)
	return "\n\n" + strings.Join(lines, "\n")
}

// indent prefixes every line of s with four spaces, as go doc does.
func indent(s string) string {
	if s == "" {
		return ""
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// indentIf indents s when cond holds.
func indentIf(cond bool, s string) string {
	if cond {
		return indent(s)
	}
	return s
}
