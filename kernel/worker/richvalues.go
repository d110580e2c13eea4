package worker

import (
	"fmt"
	"image"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// Interpreted types have no methods in reflect, so a cell's value that has
// a String or HTML method would lose it on its way to the worker. yaegi
// wraps a value passed to a native function in an interface wrapper when
// told which interfaces that function cares about (its "map types", as for
// fmt.Println). These are the interfaces a cell result may implement, most
// specific first; yaegi picks the first one the value implements.

// HTMLer is a value that renders itself as HTML.
type HTMLer interface{ HTML() string }

// Markdowner is a value that renders itself as Markdown.
type Markdowner interface{ Markdown() string }

// SVGer is a value that renders itself as SVG.
type SVGer interface{ SVG() string }

// PNGer is a value that renders itself as a PNG image.
type PNGer interface{ PNG() []byte }

// yaegi's wrappers: a struct whose first field holds the value and whose
// other fields, named after the methods with a prefix letter, implement
// them (the layout yaegi extract generates).
type (
	_HTMLer struct {
		IValue any
		WHTML  func() string
	}
	_Markdowner struct {
		IValue    any
		WMarkdown func() string
	}
	_SVGer struct {
		IValue any
		WSVG   func() string
	}
	_PNGer struct {
		IValue any
		WPNG   func() []byte
	}
)

func (w _HTMLer) HTML() string         { return w.WHTML() }
func (w _Markdowner) Markdown() string { return w.WMarkdown() }
func (w _SVGer) SVG() string           { return w.WSVG() }
func (w _PNGer) PNG() []byte           { return w.WPNG() }

// resultInterfaces lists, in order of preference, what a shown value may
// implement.
var resultInterfaces = []reflect.Type{
	reflect.TypeFor[HTMLer](),
	reflect.TypeFor[SVGer](),
	reflect.TypeFor[PNGer](),
	reflect.TypeFor[Markdowner](),
	reflect.TypeFor[image.Image](),
	reflect.TypeFor[fmt.Stringer](),
	reflect.TypeFor[error](),
}

// richValueExports registers the wrappers above and tells yaegi to wrap the
// arguments of show in them.
func richValueExports(show reflect.Value) interp.Exports {
	return interp.Exports{
		"github.com/gokernel/gokernel/kernel/worker/worker": {
			"HTMLer":      reflect.ValueOf((*HTMLer)(nil)),
			"Markdowner":  reflect.ValueOf((*Markdowner)(nil)),
			"SVGer":       reflect.ValueOf((*SVGer)(nil)),
			"PNGer":       reflect.ValueOf((*PNGer)(nil)),
			"_HTMLer":     reflect.ValueOf((*_HTMLer)(nil)),
			"_Markdowner": reflect.ValueOf((*_Markdowner)(nil)),
			"_SVGer":      reflect.ValueOf((*_SVGer)(nil)),
			"_PNGer":      reflect.ValueOf((*_PNGer)(nil)),
		},
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{show: resultInterfaces})},
	}
}
