package assist

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
)

// tref is a type known either as a reflect type (from a package's symbol
// table) or as a source type expression (from a cell).
type tref struct {
	rt   reflect.Type
	expr ast.Expr
}

// String renders the type as Go source names it.
func (t *tref) String() string {
	switch {
	case t == nil:
		return ""
	case t.rt != nil:
		return typeName(t.rt)
	}
	return types.ExprString(t.expr)
}

// ident returns the type named by a predeclared identifier.
func ident(name string) *tref { return &tref{expr: ast.NewIdent(name)} }

// query infers types and members over one scope. Inference is shallow and
// forgiving: anything it cannot work out is nil, never an error.
type query struct {
	s     *Services
	sc    *scope
	depth int
}

// maxDepth bounds inference recursion (self-referential declarations).
const maxDepth = 24

// enter guards recursion; every true result must be paired with leave.
func (q *query) enter() bool {
	q.depth++
	if q.depth > maxDepth {
		q.depth--
		return false
	}
	return true
}

// leave ends a guarded step.
func (q *query) leave() { q.depth-- }

// pkgNamed returns the package an identifier denotes: an import (alias) in
// scope, else a known package of that name unless a declaration shadows it.
func (q *query) pkgNamed(name string) *pkgInfo {
	if sym := q.sc.lookup(name); sym != nil {
		if sym.kind == kindPackage {
			return q.s.pkgs[sym.path]
		}
		return nil
	}
	if ps := q.s.byName[name]; len(ps) > 0 {
		return ps[0]
	}
	return nil
}

// typeExpr returns the type a type expression denotes.
func (q *query) typeExpr(e ast.Expr) *tref {
	if e == nil {
		return nil
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if rt := q.pkgType(sel); rt != nil {
			return &tref{rt: rt}
		}
	}
	return &tref{expr: e}
}

// pkgType resolves pkg.T to the reflect type of a package's type.
func (q *query) pkgType(sel *ast.SelectorExpr) reflect.Type {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	if p := q.pkgNamed(id.Name); p != nil {
		if m := p.member(sel.Sel.Name); m != nil && m.kind == kindType {
			return m.rt
		}
	}
	return nil
}

// symType returns the type of a variable or constant.
func (q *query) symType(sym *symbol) *tref {
	if sym.typ != nil {
		return q.typeExpr(sym.typ)
	}
	if sym.val == nil || !q.enter() {
		return nil
	}
	defer q.leave()
	switch sym.from {
	case fromTuple:
		return q.tupleType(sym.val, sym.idx)
	case fromRangeKey:
		return q.rangeType(q.valueType(sym.val), true)
	case fromRangeValue:
		return q.rangeType(q.valueType(sym.val), false)
	}
	return q.valueType(sym.val)
}

// valueType infers the type of a value expression.
func (q *query) valueType(e ast.Expr) *tref {
	if e == nil || !q.enter() {
		return nil
	}
	defer q.leave()
	switch x := e.(type) {
	case *ast.ParenExpr:
		return q.valueType(x.X)
	case *ast.Ident:
		return q.identType(x.Name)
	case *ast.BasicLit:
		return literalType(x.Kind)
	case *ast.CompositeLit:
		return q.typeExpr(x.Type)
	case *ast.FuncLit:
		return &tref{expr: x.Type}
	case *ast.UnaryExpr:
		return q.unaryType(x)
	case *ast.StarExpr:
		return q.deref(q.valueType(x.X))
	case *ast.CallExpr:
		if rs := q.callResults(x); len(rs) > 0 {
			return rs[0]
		}
	case *ast.SelectorExpr:
		return q.selectorType(x)
	case *ast.IndexExpr:
		return q.elemType(q.valueType(x.X))
	case *ast.SliceExpr:
		return q.valueType(x.X)
	case *ast.TypeAssertExpr:
		return q.typeExpr(x.Type)
	case *ast.BinaryExpr:
		return q.binaryType(x)
	}
	return nil
}

// identType returns the type of a named value.
func (q *query) identType(name string) *tref {
	sym := q.sc.lookup(name)
	if sym == nil {
		switch name {
		case "true", "false":
			return ident("bool")
		}
		return nil
	}
	switch sym.kind {
	case kindVariable, kindConstant:
		return q.symType(sym)
	case kindFunction:
		return &tref{expr: sym.typ}
	}
	return nil
}

// literalType returns the default type of a literal.
func literalType(k token.Token) *tref {
	switch k {
	case token.INT:
		return ident("int")
	case token.FLOAT:
		return ident("float64")
	case token.IMAG:
		return ident("complex128")
	case token.CHAR:
		return ident("rune")
	case token.STRING:
		return ident("string")
	}
	return nil
}

// unaryType types &x, <-ch and arithmetic.
func (q *query) unaryType(x *ast.UnaryExpr) *tref {
	t := q.valueType(x.X)
	switch x.Op {
	case token.AND:
		return ptrTo(t)
	case token.ARROW:
		return q.elemType(t)
	case token.NOT:
		return ident("bool")
	}
	return t
}

// binaryType types comparisons as bool and other operations as their left
// (or right) operand.
func (q *query) binaryType(x *ast.BinaryExpr) *tref {
	switch x.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
		return ident("bool")
	}
	if t := q.valueType(x.X); t != nil {
		return t
	}
	return q.valueType(x.Y)
}

// ptrTo returns the pointer type to t.
func ptrTo(t *tref) *tref {
	switch {
	case t == nil:
		return nil
	case t.rt != nil:
		return &tref{rt: reflect.PointerTo(t.rt)}
	}
	return &tref{expr: &ast.StarExpr{X: t.expr}}
}

// deref strips parentheses and one pointer.
func (q *query) deref(t *tref) *tref {
	if t == nil {
		return nil
	}
	if t.rt != nil {
		if t.rt.Kind() == reflect.Pointer {
			return &tref{rt: t.rt.Elem()}
		}
		return t
	}
	e := ast.Unparen(t.expr)
	if s, ok := e.(*ast.StarExpr); ok {
		return q.typeExpr(ast.Unparen(s.X))
	}
	return q.typeExpr(e)
}

// tupleType returns the idx-th value of a multi-value expression.
func (q *query) tupleType(e ast.Expr, idx int) *tref {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if rs := q.callResults(x); idx < len(rs) {
			return rs[idx]
		}
		return nil
	case *ast.IndexExpr, *ast.TypeAssertExpr, *ast.UnaryExpr: // v, ok forms
		if idx == 1 {
			return ident("bool")
		}
	}
	return q.valueType(e)
}

// callResults returns the result types of a call (or the type of a
// conversion).
func (q *query) callResults(call *ast.CallExpr) []*tref {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		sym := q.sc.lookup(f.Name)
		if sym == nil {
			return q.builtinCall(f.Name, call.Args)
		}
		if sym.kind == kindType {
			return []*tref{{expr: f}}
		}
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			if p := q.pkgNamed(id.Name); p != nil {
				return pkgCall(p, f.Sel.Name)
			}
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StarExpr, *ast.InterfaceType, *ast.StructType:
		return []*tref{q.typeExpr(f)}
	case *ast.IndexExpr: // explicit instantiation f[T](x)
		return q.results(q.valueType(f.X))
	}
	return q.results(q.valueType(call.Fun))
}

// pkgCall types a call of (or conversion to) a package member.
func pkgCall(p *pkgInfo, name string) []*tref {
	m := p.member(name)
	if m == nil {
		return nil
	}
	switch m.kind {
	case kindType:
		return []*tref{{rt: m.rt}}
	case kindFunction:
		return outs(m.rt)
	}
	return nil
}

// outs returns the result types of a reflect function type.
func outs(ft reflect.Type) []*tref {
	if ft == nil || ft.Kind() != reflect.Func {
		return nil
	}
	var out []*tref
	for i := range ft.NumOut() {
		out = append(out, &tref{rt: ft.Out(i)})
	}
	return out
}

// builtinCall types calls of predeclared functions and conversions.
func (q *query) builtinCall(name string, args []ast.Expr) []*tref {
	arg := func(i int) ast.Expr {
		if i < len(args) {
			return args[i]
		}
		return nil
	}
	switch name {
	case "new":
		return []*tref{ptrTo(q.typeExpr(arg(0)))}
	case "make":
		return []*tref{q.typeExpr(arg(0))}
	case "append", "min", "max":
		return []*tref{q.valueType(arg(0))}
	case "len", "cap", "copy":
		return []*tref{ident("int")}
	case "real", "imag":
		return []*tref{ident("float64")}
	case "complex":
		return []*tref{ident("complex128")}
	case "recover":
		return []*tref{ident("any")}
	}
	if _, ok := builtinTypes[name]; ok {
		return []*tref{ident(name)}
	}
	return nil
}

// results returns the result types of a function type.
func (q *query) results(ft *tref) []*tref {
	switch {
	case ft == nil:
		return nil
	case ft.rt != nil:
		return outs(ft.rt)
	}
	fn, ok := ast.Unparen(ft.expr).(*ast.FuncType)
	if !ok || fn.Results == nil {
		return nil
	}
	var out []*tref
	for _, f := range fn.Results.List {
		for range max(1, len(f.Names)) {
			out = append(out, q.typeExpr(f.Type))
		}
	}
	return out
}

// selectorType types pkg.Name and x.field / x.method.
func (q *query) selectorType(x *ast.SelectorExpr) *tref {
	if id, ok := x.X.(*ast.Ident); ok {
		if p := q.pkgNamed(id.Name); p != nil {
			if m := p.member(x.Sel.Name); m != nil && m.kind != kindType {
				return &tref{rt: m.rt}
			}
			return nil
		}
	}
	for _, m := range q.members(q.valueType(x.X)) {
		if m.name == x.Sel.Name {
			return m.typ
		}
	}
	return nil
}

// underlying follows user-declared type names to their definition.
func (q *query) underlying(t *tref) *tref {
	for i := 0; t != nil && t.rt == nil && i < maxDepth; i++ {
		id, ok := ast.Unparen(t.expr).(*ast.Ident)
		if !ok {
			return t
		}
		sym := q.sc.lookup(id.Name)
		if sym == nil || sym.kind != kindType {
			return t
		}
		t = q.typeExpr(sym.spec.Type)
	}
	return t
}

// elemType returns the element type of a slice, array, map, channel,
// pointer to array or string.
func (q *query) elemType(t *tref) *tref {
	t = q.underlying(t)
	if t == nil {
		return nil
	}
	if t.rt != nil {
		switch t.rt.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan, reflect.Pointer:
			return &tref{rt: t.rt.Elem()}
		case reflect.String:
			return ident("byte")
		}
		return nil
	}
	switch x := ast.Unparen(t.expr).(type) {
	case *ast.ArrayType:
		return q.typeExpr(x.Elt)
	case *ast.MapType:
		return q.typeExpr(x.Value)
	case *ast.ChanType:
		return q.typeExpr(x.Value)
	case *ast.StarExpr:
		return q.elemType(q.typeExpr(x.X))
	case *ast.Ident:
		if x.Name == "string" {
			return ident("byte")
		}
	}
	return nil
}

// rangeType returns the type of the key or value a range loop over t yields.
func (q *query) rangeType(t *tref, key bool) *tref {
	u := q.underlying(t)
	if u == nil {
		return nil
	}
	isMap, isString, isChan := false, false, false
	if u.rt != nil {
		isMap, isString, isChan = u.rt.Kind() == reflect.Map, u.rt.Kind() == reflect.String, u.rt.Kind() == reflect.Chan
	} else {
		_, isMap = ast.Unparen(u.expr).(*ast.MapType)
		_, isChan = ast.Unparen(u.expr).(*ast.ChanType)
		id, ok := ast.Unparen(u.expr).(*ast.Ident)
		isString = ok && id.Name == "string"
	}
	switch {
	case isChan || (!key && !isString):
		return q.elemType(u)
	case isMap:
		if u.rt != nil {
			return &tref{rt: u.rt.Key()}
		}
		return q.typeExpr(ast.Unparen(u.expr).(*ast.MapType).Key)
	case !key && isString:
		return ident("rune")
	}
	return ident("int")
}

// memberInfo is a field or method of a type.
type memberInfo struct {
	name, kind string // kindField or kindMethod
	typ        *tref  // the field's type or the method's function type
	sig        string
	sym        *symbol      // a method declared in a cell
	field      *ast.Field   // a field declared in a cell
	owner      reflect.Type // the package type that declares it
}

// members lists the fields and methods of t (or *t), direct ones first.
func (q *query) members(t *tref) []memberInfo {
	if t == nil || !q.enter() {
		return nil
	}
	defer q.leave()
	t = q.deref(t)
	if t.rt != nil {
		return reflectMembers(t.rt)
	}
	switch x := ast.Unparen(t.expr).(type) {
	case *ast.Ident:
		return q.namedMembers(x.Name)
	case *ast.SelectorExpr:
		if rt := q.pkgType(x); rt != nil {
			return reflectMembers(rt)
		}
	case *ast.IndexExpr:
		return q.members(&tref{expr: x.X})
	case *ast.IndexListExpr:
		return q.members(&tref{expr: x.X})
	case *ast.StructType:
		return q.fieldMembers(x.Fields, kindField)
	case *ast.InterfaceType:
		return q.fieldMembers(x.Methods, kindMethod)
	}
	return nil
}

// namedMembers lists the methods of a type declared in a cell, then the
// fields or methods of its definition.
func (q *query) namedMembers(name string) []memberInfo {
	sym := q.sc.lookup(name)
	if sym == nil || sym.kind != kindType {
		return nil
	}
	var out []memberInfo
	for n, m := range q.sc.methodsOf(name) {
		out = append(out, memberInfo{name: n, kind: kindMethod, typ: &tref{expr: m.typ}, sig: types.ExprString(m.typ), sym: m})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return append(out, q.members(q.typeExpr(sym.spec.Type))...)
}

// fieldMembers lists struct fields or interface methods, then what
// embedded fields promote.
func (q *query) fieldMembers(fl *ast.FieldList, kind string) []memberInfo {
	if fl == nil {
		return nil
	}
	var out, promoted []memberInfo
	for _, f := range fl.List {
		ft := q.typeExpr(f.Type)
		for _, n := range f.Names {
			out = append(out, memberInfo{name: n.Name, kind: kind, typ: ft, sig: types.ExprString(f.Type), field: f})
		}
		if len(f.Names) == 0 { // embedded
			if kind == kindField {
				out = append(out, memberInfo{name: embeddedName(f.Type), kind: kindField, typ: ft, sig: types.ExprString(f.Type), field: f})
			}
			promoted = append(promoted, q.members(ft)...)
		}
	}
	return append(out, promoted...)
}

// embeddedName returns the field name of an embedded type.
func embeddedName(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.StarExpr:
		return embeddedName(x.X)
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		return embeddedName(x.X)
	case *ast.Ident:
		return x.Name
	}
	return ""
}

// reflectMembers lists the exported fields (promoted ones included) and the
// method set of *rt (of rt for an interface).
func reflectMembers(rt reflect.Type) []memberInfo {
	if rt.Kind() == reflect.Pointer {
		rt = rt.Elem()
	}
	var out []memberInfo
	if rt.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(rt) {
			if f.IsExported() {
				out = append(out, memberInfo{name: f.Name, kind: kindField, typ: &tref{rt: f.Type}, sig: typeName(f.Type), owner: rt})
			}
		}
	}
	mt, skip := reflect.PointerTo(rt), 1
	if rt.Kind() == reflect.Interface {
		mt, skip = rt, 0
	}
	for i := range mt.NumMethod() {
		m := mt.Method(i)
		if m.IsExported() {
			out = append(out, memberInfo{name: m.Name, kind: kindMethod, typ: &tref{rt: m.Type}, sig: funcSig(m.Type, skip), owner: rt})
		}
	}
	return out
}
