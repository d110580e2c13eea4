package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
)

// describe records a declInfo for every name the cell declares, and the
// names it redefines and the variables it creates.
func (c *compiler) describe() {
	c.cur = c.fu
	for _, d := range c.funcs.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			c.describeFunc(fd)
		}
	}
	c.cur = c.bu
	for _, st := range c.body.List {
		switch st := st.(type) {
		case *ast.DeclStmt:
			c.describeGenDecl(st.Decl.(*ast.GenDecl))
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				c.describeDefine(st)
			}
		}
	}
}

func (c *compiler) declare(d declInfo, redef bool) {
	if _, ok := c.s.decls[d.name]; ok && redef {
		c.plan.Redefined = append(c.plan.Redefined, d.name)
	}
	if d.kind == kindVar {
		c.plan.Vars = append(c.plan.Vars, d.name)
	}
	c.plan.declared = append(c.plan.declared, d)
}

func (c *compiler) describeFunc(fd *ast.FuncDecl) {
	name := fd.Name.Name
	if fd.Recv == nil && (name == "main" || name == "init") && fd.Type.Params.NumFields() == 0 && fd.Type.Results == nil {
		if name == "main" {
			c.mainDecl = fd
			c.plan.usesMain = true
		} else {
			c.initDecls = append(c.initDecls, fd)
		}
		return
	}
	// src is the signature alone: bodies do not matter to other cells'
	// type checks (see CheckSource).
	d := declInfo{name: funcKey(fd), kind: kindFunc, void: fd.Type.Results == nil, sig: c.nodeText(fd.Type),
		src: c.src[c.off(fd.Pos()):c.off(fd.Type.End())]}
	if fd.Recv != nil {
		d.kind = kindMethod
		_, d.ptrRecv = fd.Recv.List[0].Type.(*ast.StarExpr)
	}
	if fd.Type.Results != nil {
		for _, f := range fd.Type.Results.List {
			n := max(1, len(f.Names))
			for range n {
				d.results = append(d.results, c.nodeText(f.Type))
			}
		}
	}
	c.declare(d, true)
}

func (c *compiler) describeGenDecl(gd *ast.GenDecl) {
	var prev *ast.ValueSpec // const specs repeat the previous type and values
	for i, sp := range gd.Specs {
		switch sp := sp.(type) {
		case *ast.TypeSpec:
			d := declInfo{name: sp.Name.Name, kind: kindType, intLike: c.isIntType(sp.Type), typ: c.nodeText(sp.Type),
				alias: sp.Assign.IsValid(), src: "type " + c.nodeText(sp)}
			c.checkTypeRedefinition(sp, d)
			c.declare(d, true)
		case *ast.ValueSpec:
			if gd.Tok == token.CONST && sp.Type == nil && len(sp.Values) == 0 && prev != nil {
				sp = &ast.ValueSpec{Names: sp.Names, Type: prev.Type, Values: prev.Values}
			} else {
				prev = sp
			}
			c.describeValueSpec(gd.Tok, sp, i)
		}
	}
}

// checkTypeRedefinition refuses a type an earlier cell declared
// differently: yaegi keeps the first definition of a type and would
// silently ignore the new one. Declaring it again the same way (running a
// cell twice) is fine.
func (c *compiler) checkTypeRedefinition(sp *ast.TypeSpec, d declInfo) {
	old, ok := c.s.decls[d.name]
	if !ok {
		old, ok = c.s.failed[d.name] // yaegi keeps a failed cell's types too
	}
	if !ok || old.kind != kindType || old.typ == d.typ {
		return
	}
	line, col := c.r.lt.pos(c.off(sp.Pos()))
	c.diags = append(c.diags, Diag{Line: line, Col: col, Msg: fmt.Sprintf(
		"type %s is already declared by an earlier cell as %s; the interpreter cannot change a type once declared: choose a new name, or restart the kernel to redefine it",
		d.name, old.typ)})
}

// describeValueSpec describes the names of sp, the spec at index spec of
// its group.
func (c *compiler) describeValueSpec(tok token.Token, sp *ast.ValueSpec, spec int) {
	kind := kindVar
	if tok == token.CONST {
		kind = kindConst
	}
	for i, n := range sp.Names {
		if n.Name == "_" {
			continue
		}
		d := declInfo{name: n.Name, kind: kind, src: c.varSource(sp.Names, i, sp.Type, sp.Values)}
		if kind == kindConst {
			d.src = c.constSource(sp, i, spec)
		}
		switch {
		case sp.Type != nil:
			d.intLike = c.isIntType(sp.Type)
			d.typ = c.nodeText(sp.Type)
		case i < len(sp.Values) && len(sp.Values) == len(sp.Names):
			d.intLike = c.isIntExpr(sp.Values[i], 0)
			if kind == kindVar {
				d.typ = c.exprType(sp.Values[i])
			}
		}
		c.declare(d, true)
	}
}

func (c *compiler) describeDefine(as *ast.AssignStmt) {
	names := make([]*ast.Ident, len(as.Lhs))
	for i, l := range as.Lhs {
		names[i], _ = l.(*ast.Ident)
	}
	for i, id := range names {
		if id == nil || id.Name == "_" || id.Obj == nil || id.Obj.Decl != as {
			continue
		}
		d := declInfo{name: id.Name, kind: kindVar, src: c.varSource(names, i, nil, as.Rhs)}
		if len(as.Rhs) == len(as.Lhs) {
			d.intLike = c.isIntExpr(as.Rhs[i], 0)
			d.typ = c.exprType(as.Rhs[i])
		}
		c.declare(d, false)
	}
}

// nodeText is the cell source of n (which must belong to c.cur).
func (c *compiler) nodeText(n ast.Node) string {
	return c.src[c.cur.off(n.Pos()):c.cur.off(n.End())]
}

var intTypeNames = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"uintptr": true, "byte": true, "rune": true,
}

// isIntType reports whether the type expression t denotes an integer type.
func (c *compiler) isIntType(t ast.Expr) bool { return c.isIntTypeAt(t, 0) }

// isIntTypeAt is isIntType through depth declarations (an invalid
// recursive `type A A` ends there).
func (c *compiler) isIntTypeAt(t ast.Expr, depth int) bool {
	id, ok := ast.Unparen(t).(*ast.Ident)
	if !ok || depth > maxTypeDepth {
		return false
	}
	if intTypeNames[id.Name] && id.Obj == nil {
		if _, shadowed := c.lookup(id.Name); !shadowed {
			return true
		}
	}
	if id.Obj != nil {
		if ts, ok := id.Obj.Decl.(*ast.TypeSpec); ok {
			return c.isIntTypeAt(ts.Type, depth+1)
		}
		return false
	}
	d, ok := c.lookup(id.Name)
	return ok && d.kind == kindType && d.intLike
}

// isIntExpr reports whether e is (as far as syntax and the declarations
// seen tell) an integer-valued expression: what `range e` needs to be
// rewritten as range over an integer.
func (c *compiler) isIntExpr(e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	depth++
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return e.Kind == token.INT || e.Kind == token.CHAR
	case *ast.Ident:
		return c.isIntIdent(e, depth)
	case *ast.UnaryExpr:
		return (e.Op == token.SUB || e.Op == token.ADD || e.Op == token.XOR) && c.isIntExpr(e.X, depth)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.SHL, token.SHR:
			return c.isIntExpr(e.X, depth)
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.AND_NOT:
			return c.isIntExpr(e.X, depth) || c.isIntExpr(e.Y, depth)
		}
	case *ast.CallExpr:
		return c.isIntCall(e)
	}
	return false
}

func (c *compiler) isIntIdent(id *ast.Ident, depth int) bool {
	if id.Obj == nil {
		if id.Name == "iota" && c.isUniverse(id) {
			return true
		}
		d, ok := c.lookup(id.Name)
		return ok && (d.kind == kindVar || d.kind == kindConst) && d.intLike
	}
	switch decl := id.Obj.Decl.(type) {
	case *ast.ValueSpec:
		if decl.Type != nil {
			return c.isIntType(decl.Type)
		}
		for i, n := range decl.Names {
			if n.Name == id.Name && i < len(decl.Values) && len(decl.Values) == len(decl.Names) {
				return c.isIntExpr(decl.Values[i], depth)
			}
		}
		if id.Obj.Kind == ast.Con && len(decl.Values) == 0 {
			return true // implicit repetition of an iota expression, most likely
		}
	case *ast.AssignStmt:
		for i, l := range decl.Lhs {
			if n, ok := l.(*ast.Ident); ok && n.Name == id.Name && len(decl.Rhs) == len(decl.Lhs) {
				return c.isIntExpr(decl.Rhs[i], depth)
			}
		}
	case *ast.Field:
		return c.isIntType(decl.Type)
	}
	return false
}

func (c *compiler) isIntCall(call *ast.CallExpr) bool {
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		pkg, ok := se.X.(*ast.Ident)
		if !ok || pkg.Obj != nil || c.s.intPackageCall == nil {
			return false
		}
		path := c.pkgPath(pkg.Name)
		return path != "" && c.s.intPackageCall(path, se.Sel.Name)
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	if (id.Name == "len" || id.Name == "cap") && c.isUniverse(id) {
		return true
	}
	if c.isIntType(id) {
		return true // conversion
	}
	if ft, ok := c.funcTypes[id.Name]; ok && (id.Obj == nil || id.Obj.Kind == ast.Fun) {
		return ft.Results != nil && ft.Results.NumFields() == 1 && c.isIntType(ft.Results.List[0].Type)
	}
	d, ok := c.lookup(id.Name)
	return ok && d.kind == kindFunc && len(d.results) == 1 && intTypeNames[d.results[0]]
}

// methodType parses a method's signature, "func (T) M(x X) R".
func methodType(sig string) *ast.FuncType {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+sig, 0)
	if err != nil || len(f.Decls) != 1 {
		return nil
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok {
		return nil
	}
	return fd.Type
}

// ownDefers returns the defer statements and loops of body, not those of
// the func literals in it.
func ownDefers(body *ast.BlockStmt) (defers []*ast.DeferStmt, loops []ast.Stmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			defers = append(defers, n)
		case *ast.ForStmt:
			loops = append(loops, n)
		case *ast.RangeStmt:
			loops = append(loops, n)
		}
		return true
	})
	return defers, loops
}

// valueMethod reports whether the cells declare method name of type typ
// on a value receiver.
func (c *compiler) valueMethod(typ, name string) bool {
	if typ == "" {
		return false
	}
	d, ok := c.lookup(typ + "." + name)
	return ok && d.kind == kindMethod && !d.ptrRecv
}
