package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
)

// Type-argument inference from the syntax (see gap_generics.go), shared by
// the gaps that need a call's signature or result types.

// splitTypeArgs splits F[A, B] into F and the source of A and B.
func (c *compiler) splitTypeArgs(fun ast.Expr) (ast.Expr, []string) {
	x, args := indexParts(fun)
	if x == nil {
		return fun, nil
	}
	targs := make([]string, len(args))
	for i, a := range args {
		targs[i] = c.nodeText(a)
	}
	return x, targs
}

// isTopLevel reports whether st is one of the cell's top-level statements.
func (c *compiler) isTopLevel(st ast.Stmt) bool {
	for _, s := range c.body.List {
		if s == st {
			return true
		}
	}
	return false
}

// isGenericCall reports whether call calls a generic function: min, max,
// or one whose signature the compiler knows.
func (c *compiler) isGenericCall(call *ast.CallExpr) bool {
	if id, ok := call.Fun.(*ast.Ident); ok && c.isUniverse(id) {
		return builtinHelpers[id.Name] != "" && id.Name != "clear"
	}
	ft, _ := c.callee(call, 0)
	return ft != nil && ft.TypeParams != nil
}

// callee returns the signature of the function call calls, if the source
// tells, and the source of the explicit type arguments.
func (c *compiler) callee(call *ast.CallExpr, depth int) (*ast.FuncType, []string) {
	fun, targs := c.splitTypeArgs(ast.Unparen(call.Fun))
	switch f := fun.(type) {
	case *ast.Ident:
		if sig := c.declSig(f.Name); sig != "" && (f.Obj == nil || f.Obj.Kind == ast.Fun) {
			return c.signature(sig), targs
		}
		ft, _ := parseType(c.typeOf(f, depth)).(*ast.FuncType) // a func variable
		return ft, nil
	case *ast.SelectorExpr:
		return c.selectorCallee(f, depth), targs
	}
	return nil, nil
}

// selectorCallee is the signature of pkg.F (a generic function of the
// standard library or package iter, or a function with a stand-in; see
// stdSignature) or of x.M (a method of a cell type,
// with its results only).
func (c *compiler) selectorCallee(se *ast.SelectorExpr, depth int) *ast.FuncType {
	if path := c.pkgOf(se.X); path != "" {
		return stdSignature(path, se.Sel.Name)
	}
	recv := c.receiverName(se.X, depth)
	d, ok := c.lookup(recv + "." + se.Sel.Name)
	if recv == "" || !ok || d.kind != kindMethod {
		return nil
	}
	ft, _ := parseType("func() (" + strings.Join(d.results, ", ") + ")").(*ast.FuncType)
	return ft
}

// callResults returns the types of call's results, nil if one is not
// known.
func (c *compiler) callResults(call *ast.CallExpr, depth int) []string {
	if c.isTypeExpr(call.Fun) {
		return []string{c.nodeText(call.Fun)}
	}
	if id, ok := call.Fun.(*ast.Ident); ok && c.isUniverse(id) {
		return c.builtinResults(id.Name, call, depth)
	}
	ft, targs := c.callee(call, depth)
	if ft == nil || (ft.TypeParams == nil && c.genericReceiver(call, depth)) {
		return nil
	}
	var bound map[string]string
	if ft.TypeParams != nil {
		names, ok := c.inferTypeArgs(ft, targs, call, depth)
		if !ok {
			return nil
		}
		bound = map[string]string{}
		for i, n := range typeParamNames(ft) {
			bound[n] = names[i]
		}
	}
	var res []string
	for _, r := range fieldTypes(ft.Results) {
		res = append(res, substitute(r, bound))
	}
	return res
}

// genericReceiver reports whether call calls a method of a generic type,
// whose results may mention the type's parameters.
func (c *compiler) genericReceiver(call *ast.CallExpr, depth int) bool {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	t := parseType(c.typeOf(se.X, depth))
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// rawResults returns the result types of call's function as declared,
// without substituting type arguments: enough to tell an iterator.
func (c *compiler) rawResults(call *ast.CallExpr) []string {
	if c.isTypeExpr(call.Fun) {
		return []string{c.nodeText(call.Fun)}
	}
	ft, _ := c.callee(call, 0)
	if ft == nil {
		return nil
	}
	var res []string
	for _, r := range fieldTypes(ft.Results) {
		res = append(res, typeString(r))
	}
	return res
}

// builtinResults is the type of a call of a builtin function.
func (c *compiler) builtinResults(name string, call *ast.CallExpr, depth int) []string {
	var t string
	switch {
	case name == "len" || name == "cap" || name == "copy":
		t = "int"
	case (name == "make" || name == "append") && len(call.Args) > 0:
		t = c.typeOf(call.Args[0], depth)
		if name == "make" {
			t = c.nodeText(call.Args[0])
		}
	case name == "new" && len(call.Args) == 1:
		t = "*" + c.nodeText(call.Args[0])
	case name == "min" || name == "max":
		t = c.minMaxType(call.Args, depth)
	}
	if t == "" {
		return nil
	}
	return []string{t}
}

// minMaxType is the type of min or max of args: that of a typed argument,
// else the default type of the constants.
func (c *compiler) minMaxType(args []ast.Expr, depth int) string {
	kind := ""
	for _, a := range args {
		k := c.untypedKind(a)
		if k == "" {
			return c.typeOf(a, depth)
		}
		if kind == "" {
			kind = k
		}
		kind = maxKind(kind, k)
	}
	return kind
}

// signature parses the source of a function's signature, as declInfo.sig
// holds it ("func F[T any](x T) T"); nil if it is not one.
func (c *compiler) signature(src string) *ast.FuncType {
	if src == "" {
		return nil
	}
	if ft, ok := c.gen.sigs[src]; ok {
		return ft
	}
	ft := parseSignature(src)
	if c.gen.sigs == nil {
		c.gen.sigs = map[string]*ast.FuncType{}
	}
	c.gen.sigs[src] = ft
	return ft
}

// parseSignature parses "func F[T any](x T) T", or a whole function
// declaration, and returns its type.
func parseSignature(src string) *ast.FuncType {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, 0)
	if err != nil || len(f.Decls) != 1 {
		return nil
	}
	if fd, ok := f.Decls[0].(*ast.FuncDecl); ok && fd.Recv == nil {
		return fd.Type
	}
	return nil
}

// typeParamNames lists ft's type parameters in order.
func typeParamNames(ft *ast.FuncType) []string {
	var names []string
	for _, f := range ft.TypeParams.List {
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
	}
	return names
}

// fieldTypes lists the type of each parameter or result of fl.
func fieldTypes(fl *ast.FieldList) []ast.Expr {
	if fl == nil {
		return nil
	}
	var ts []ast.Expr
	for _, f := range fl.List {
		for range max(1, len(f.Names)) {
			ts = append(ts, f.Type)
		}
	}
	return ts
}

// substitute renders type t with the type parameters in bound replaced by
// their type arguments.
func substitute(t ast.Expr, bound map[string]string) string {
	e := parseType(typeString(t)) // a copy to rename in
	if e == nil {
		return typeString(t)
	}
	names := map[*ast.Ident]bool{} // field names and selected names, not types
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			for _, id := range n.Names {
				names[id] = true
			}
		case *ast.SelectorExpr:
			names[n.Sel] = true
		case *ast.Ident:
			if to, ok := bound[n.Name]; ok && !names[n] {
				n.Name = to
			}
		}
		return true
	})
	return typeString(e)
}

// inferTypeArgs infers the type arguments of a call of the generic
// function of type ft, given the explicit ones (targs), and returns them
// all in order.
func (c *compiler) inferTypeArgs(ft *ast.FuncType, targs []string, call *ast.CallExpr, depth int) ([]string, bool) {
	names := typeParamNames(ft)
	if len(targs) > len(names) {
		return nil, false
	}
	u := &unifier{c: c, params: map[string]bool{}, bound: map[string]string{}}
	for _, n := range names {
		u.params[n] = true
	}
	for i, t := range targs {
		e := parseType(t)
		if e == nil {
			return nil, false
		}
		u.bound[names[i]] = typeString(e)
	}
	if len(targs) < len(names) && !(u.args(ft, call, depth) && u.cores(ft)) {
		return nil, false
	}
	out := make([]string, len(names))
	for i, n := range names {
		if out[i] = u.bound[n]; out[i] == "" {
			return nil, false
		}
	}
	return out, true
}

// unifier binds type parameters by matching parameter types with argument
// types.
type unifier struct {
	c      *compiler
	params map[string]bool
	bound  map[string]string
}

// args unifies the parameter types of ft with the types of call's
// arguments; untyped constants then give their default type to the type
// parameters still unbound, unless an argument of unknown type might
// bind them.
func (u *unifier) args(ft *ast.FuncType, call *ast.CallExpr, depth int) bool {
	params := fieldTypes(ft.Params)
	var variadic ast.Expr
	if n := len(params); n > 0 {
		if e, ok := params[n-1].(*ast.Ellipsis); ok {
			variadic, params = e.Elt, params[:n-1]
		}
	}
	if len(call.Args) < len(params) || variadic == nil && len(call.Args) > len(params) {
		return false
	}
	untyped := map[string]string{}
	unknown := false
	for i, arg := range call.Args {
		p := variadic
		switch {
		case i < len(params):
			p = params[i]
		case call.Ellipsis.IsValid():
			p = &ast.ArrayType{Elt: variadic}
		}
		if k := u.c.untypedKind(arg); k != "" {
			if id, ok := p.(*ast.Ident); ok && u.params[id.Name] {
				if prev, ok := untyped[id.Name]; ok {
					k = maxKind(prev, k)
				}
				if untyped[id.Name] = k; k == "" {
					return false
				}
			}
			continue
		}
		at := parseType(u.c.typeOf(arg, depth))
		if at == nil {
			unknown = unknown || !isNil(arg)
			continue
		}
		if !u.unify(p, at) {
			return false
		}
	}
	for n, k := range untyped {
		if _, ok := u.bound[n]; !ok && !unknown {
			u.bound[n] = k
		}
	}
	return true
}

// isNil reports whether e is the identifier nil.
func isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// cores infers type parameters through the core types of constraints:
// with [S ~[]E, E any], S bound to []int binds E to int, and E bound to
// int binds an unbound S to []int.
func (u *unifier) cores(ft *ast.FuncType) bool {
	for range len(u.params) {
		for _, f := range ft.TypeParams.List {
			core := coreType(f.Type)
			if core == nil {
				continue
			}
			for _, n := range f.Names {
				if !u.core(n.Name, core) {
					return false
				}
			}
		}
	}
	return true
}

// core relates type parameter name to the core type of its constraint.
func (u *unifier) core(name string, core ast.Expr) bool {
	if b, ok := u.bound[name]; ok {
		return u.unify(core, parseType(b))
	}
	if !u.mentionsUnbound(core) {
		u.bound[name] = substitute(core, u.bound)
	}
	return true
}

// coreType returns T for a constraint ~T or T where T is a type literal.
func coreType(con ast.Expr) ast.Expr {
	if un, ok := con.(*ast.UnaryExpr); ok && un.Op == token.TILDE {
		con = un.X
	}
	switch con.(type) {
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StarExpr:
		return con
	}
	return nil
}

// unify matches parameter type p with argument type a, binding type
// parameters; it reports false on a mismatch or a form it cannot match.
func (u *unifier) unify(p, a ast.Expr) bool {
	p, a = ast.Unparen(p), ast.Unparen(a)
	if id, ok := p.(*ast.Ident); ok && u.params[id.Name] {
		s := typeString(a)
		if old, ok := u.bound[id.Name]; ok {
			return old == s
		}
		u.bound[id.Name] = s
		return true
	}
	if !u.mentions(p, false) {
		return true
	}
	if pu := u.c.underlying(p); pu != nil && reflect.TypeOf(p) != reflect.TypeOf(a) {
		return u.unify(pu, a) // iter.Seq[T] takes a func(yield func(int) bool)
	}
	a = u.c.structural(p, a)
	switch p := p.(type) {
	case *ast.ArrayType:
		q, ok := a.(*ast.ArrayType)
		return ok && (p.Len == nil) == (q.Len == nil) && u.unify(p.Elt, q.Elt)
	case *ast.MapType:
		q, ok := a.(*ast.MapType)
		return ok && u.unify(p.Key, q.Key) && u.unify(p.Value, q.Value)
	case *ast.ChanType:
		q, ok := a.(*ast.ChanType)
		return ok && u.unify(p.Value, q.Value)
	case *ast.StarExpr:
		q, ok := a.(*ast.StarExpr)
		return ok && u.unify(p.X, q.X)
	case *ast.Ellipsis:
		q, ok := a.(*ast.Ellipsis)
		return ok && u.unify(p.Elt, q.Elt)
	case *ast.FuncType:
		q, ok := a.(*ast.FuncType)
		return ok && u.unifyAll(fieldTypes(p.Params), fieldTypes(q.Params)) &&
			u.unifyAll(fieldTypes(p.Results), fieldTypes(q.Results))
	case *ast.IndexExpr, *ast.IndexListExpr:
		px, pargs := indexParts(p)
		qx, qargs := indexParts(a)
		return qx != nil && typeString(px) == typeString(qx) && u.unifyAll(pargs, qargs)
	}
	return false
}

// unifyAll unifies two lists of types pairwise.
func (u *unifier) unifyAll(ps, as []ast.Expr) bool {
	if len(ps) != len(as) {
		return false
	}
	for i := range ps {
		if !u.unify(ps[i], as[i]) {
			return false
		}
	}
	return true
}

// indexParts splits an instantiated type G[A, B] into G and its type
// arguments.
func indexParts(e ast.Expr) (ast.Expr, []ast.Expr) {
	switch e := e.(type) {
	case *ast.IndexExpr:
		return e.X, []ast.Expr{e.Index}
	case *ast.IndexListExpr:
		return e.X, e.Indices
	}
	return nil, nil
}

// mentions reports whether type t mentions a type parameter (an unbound
// one if unbound is set).
func (u *unifier) mentions(t ast.Expr, unbound bool) bool {
	found := false
	ast.Inspect(t, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			return false // pkg.T names no type parameter
		case *ast.Ident:
			_, isBound := u.bound[n.Name]
			found = found || u.params[n.Name] && !(unbound && isBound)
		}
		return !found
	})
	return found
}

func (u *unifier) mentionsUnbound(t ast.Expr) bool { return u.mentions(t, true) }

// structural returns a, or its underlying type when a is a named type
// and p is a type literal of another form (a []T parameter takes a
// named slice type).
func (c *compiler) structural(p, a ast.Expr) ast.Expr {
	for range maxTypeDepth {
		if reflect.TypeOf(p) == reflect.TypeOf(a) {
			return a
		}
		u := c.underlying(a)
		if u == nil {
			return a
		}
		a = u
	}
	return a
}

// underlying returns the definition of a named type declared in a cell,
// or the func type of iter.Seq[V] and iter.Seq2[K, V]; nil for others.
func (c *compiler) underlying(t ast.Expr) ast.Expr {
	switch t := t.(type) {
	case *ast.Ident:
		if d, ok := c.lookup(t.Name); ok && d.kind == kindType {
			return parseType(d.typ)
		}
	case *ast.IndexExpr, *ast.IndexListExpr:
		x, args := indexParts(t)
		if se, ok := x.(*ast.SelectorExpr); ok && c.isIterPkg(se.X) {
			return iterFuncType(se.Sel.Name, args)
		}
	}
	return nil
}

// declSig is the signature of the function of a cell named name, or "".
func (c *compiler) declSig(name string) string {
	if d, ok := c.lookup(name); ok && d.kind == kindFunc {
		return d.sig
	}
	return ""
}
