package assist

import (
	"fmt"
	"go/constant"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
)

// pkgInfo is a package the interpreter can import, described by its
// exported symbols. The description is built on first use: most packages
// are never completed into, and describing them all costs memory.
type pkgInfo struct {
	path, name string
	syms       map[string]reflect.Value

	once    sync.Once
	members map[string]*member
	names   []string // sorted member names
}

// member is an exported symbol of a package.
type member struct {
	name, kind, sig string
	rt              reflect.Type // the type itself for kindType, else the value's type
}

// constantValue is the type of untyped constants in yaegi's symbol tables.
var constantValue = reflect.TypeOf((*constant.Value)(nil)).Elem()

// newPkgInfo returns the package at path with its symbol table, to be
// described on first use.
func newPkgInfo(path string, syms map[string]reflect.Value) *pkgInfo {
	return &pkgInfo{path: path, name: gosyntax.PackageName(path), syms: syms}
}

// describeAll describes the exported symbols, once.
func (p *pkgInfo) describeAll() {
	p.once.Do(func() {
		p.members = map[string]*member{}
		for name, v := range p.syms {
			if !token.IsExported(name) || !v.IsValid() {
				continue
			}
			p.members[name] = describe(name, v)
			p.names = append(p.names, name)
		}
		sort.Strings(p.names)
	})
}

// member returns the exported member name, or nil.
func (p *pkgInfo) member(name string) *member {
	p.describeAll()
	return p.members[name]
}

// memberNames returns the sorted names of the exported members.
func (p *pkgInfo) memberNames() []string {
	p.describeAll()
	return p.names
}

// describe classifies a symbol-table value the way yaegi's extract tool
// writes them: a nil *T for a type T, a function value, &v.Elem() for a
// variable, and a plain or go/constant value for a constant.
func describe(name string, v reflect.Value) *member {
	m := &member{name: name, rt: v.Type()}
	switch {
	case v.Kind() == reflect.Pointer && v.IsNil():
		m.kind, m.rt = kindType, v.Type().Elem()
		m.sig = "type " + name + " " + kindDesc(m.rt)
	case v.Kind() == reflect.Func:
		m.kind, m.sig = kindFunction, funcSig(v.Type(), 0)
	case v.CanAddr():
		m.kind, m.sig = kindVariable, typeName(v.Type())
	case v.Type().Implements(constantValue):
		c := v.Interface().(constant.Value)
		m.kind, m.rt = kindConstant, untypedDefault(c)
		m.sig = "untyped " + m.rt.String() + " = " + c.String()
	default:
		m.kind, m.sig = kindConstant, fmt.Sprintf("%s = %v", typeName(v.Type()), v)
	}
	return m
}

// untypedDefault returns the default type of an untyped constant.
func untypedDefault(c constant.Value) reflect.Type {
	switch c.Kind() {
	case constant.Bool:
		return reflect.TypeOf(false)
	case constant.String:
		return reflect.TypeOf("")
	case constant.Float:
		return reflect.TypeOf(0.0)
	case constant.Complex:
		return reflect.TypeOf(0i)
	}
	return reflect.TypeOf(0)
}

// kindDesc describes a type's underlying kind: "struct{...}", "interface{...}",
// or the kind name ("int64", "func", ...).
func kindDesc(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "struct{...}"
	case reflect.Interface:
		return "interface{...}"
	case reflect.Func:
		return funcSig(t, 0)
	}
	return t.Kind().String()
}

// typeName renders a reflect type as Go source would name it.
func typeName(t reflect.Type) string {
	return strings.ReplaceAll(t.String(), "interface {}", "any")
}

// funcSig renders a function type, skipping the first skip parameters
// (1 for a method's receiver): func(...any) (int, error).
func funcSig(t reflect.Type, skip int) string {
	var b strings.Builder
	b.WriteString("func(")
	for i := skip; i < t.NumIn(); i++ {
		if i > skip {
			b.WriteString(", ")
		}
		if t.IsVariadic() && i == t.NumIn()-1 {
			b.WriteString("..." + typeName(t.In(i).Elem()))
			continue
		}
		b.WriteString(typeName(t.In(i)))
	}
	b.WriteString(")")
	var outs []string
	for i := range t.NumOut() {
		outs = append(outs, typeName(t.Out(i)))
	}
	switch len(outs) {
	case 0:
	case 1:
		b.WriteString(" " + outs[0])
	default:
		b.WriteString(" (" + strings.Join(outs, ", ") + ")")
	}
	return b.String()
}

// byPreference orders packages sharing a name as gosyntax.PreferPath does,
// the preferred one first: the package a bare name means, the same for
// completion, docs and the cell compiler's automatic imports.
func byPreference(ps []*pkgInfo) {
	sort.Slice(ps, func(i, j int) bool { return gosyntax.PreferPath(ps[i].path, ps[j].path) })
}
