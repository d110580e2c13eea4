package cell

import "go/ast"

// funcSource is a committed function or method: its rendered declaration
// and the identifiers it mentions.
type funcSource struct {
	name string // "f" or "T.M", as in declInfo
	src  string
	refs map[string]bool
}

// recordFunc remembers fd's rendered source for Rebind.
func (c *compiler) recordFunc(fd *ast.FuncDecl, text string) {
	refs := map[string]bool{}
	if fd.Body != nil { // a declaration without body (func A()) calls nothing
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				refs[id.Name] = true
			}
			return true
		})
	}
	c.plan.funcs = append(c.plan.funcs, funcSource{name: funcKey(fd), src: text, refs: refs})
}

// Rebind returns the declarations of earlier cells' functions that call,
// directly or through each other, a function or method p redefines, in an
// order where callees come before callers; "" if there are none. yaegi
// binds a call when it compiles the caller, so the worker evaluates this
// source after p to make the callers use the new definition. Call it
// after Commit(p).
func (s *Session) Rebind(p *Plan) string {
	changed := map[string]bool{}
	own := map[string]bool{}
	for _, f := range p.funcs {
		own[f.name] = true
	}
	for _, name := range p.Redefined {
		if d := s.decls[name]; d.kind == kindFunc || d.kind == kindMethod {
			changed[shortName(name)] = true
		}
	}
	var src string
	for len(changed) > 0 {
		next := map[string]bool{}
		for _, name := range s.funcOrder {
			f := s.funcs[name]
			if own[name] || !mentionsAny(f.refs, changed) {
				continue
			}
			own[name] = true
			src += f.src
			next[shortName(name)] = true
		}
		changed = next
	}
	return src
}

// shortName is the identifier a call uses: "M" for the method "T.M".
func shortName(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[i+1:]
		}
	}
	return name
}

func mentionsAny(refs, names map[string]bool) bool {
	for n := range names {
		if refs[n] {
			return true
		}
	}
	return false
}
