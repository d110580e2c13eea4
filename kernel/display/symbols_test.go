package display_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// hostOnly are the exported names meant for the kernel, not for cells.
var hostOnly = map[string]bool{
	"SetPublisher": true, "Bundle": true, "Symbols": true, "ImportPath": true, "Source": true,
	"Message": true, "Kind": true, "Show": true, "Update": true, "Clear": true,
}

// exportedNames parses the package's non-test sources and returns its
// exported top-level identifiers (methods excluded).
func exportedNames(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			addDeclNames(decl, names)
		}
	}
	return names
}

// addDeclNames adds the exported names a top-level declaration declares.
func addDeclNames(decl ast.Decl, names map[string]bool) {
	var ids []*ast.Ident
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			ids = append(ids, d.Name)
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				ids = append(ids, s.Name)
			case *ast.ValueSpec:
				ids = append(ids, s.Names...)
			}
		}
	}
	for _, id := range ids {
		if id.IsExported() {
			names[id.Name] = true
		}
	}
}

func TestSymbolsCoverExportedAPI(t *testing.T) {
	syms := display.Symbols()["display/display"]
	if syms == nil {
		t.Fatalf("no \"display/display\" key in %v", display.Symbols())
	}
	names := exportedNames(t)
	for name := range names {
		if _, ok := syms[name]; ok == hostOnly[name] {
			t.Errorf("%s: in Symbols = %v, host-only = %v; every exported name must be exactly one", name, ok, hostOnly[name])
		}
	}
	for name := range syms {
		if !names[name] {
			t.Errorf("Symbols has %s, which the package does not declare", name)
		}
	}
}

// TestDisplayMirrorsFunctions checks that *Display has a method with the
// same signature as every showing function.
func TestDisplayMirrorsFunctions(t *testing.T) {
	dt := reflect.TypeOf(&display.Display{})
	for name, v := range display.Symbols()["display/display"] {
		if v.Kind() != reflect.Func || name == "New" || name == "NewProgress" || name == "ClearOutput" {
			continue
		}
		m, ok := dt.MethodByName(name)
		if !ok {
			t.Errorf("*Display has no method %s", name)
			continue
		}
		ft := m.Type
		for i := 0; i < v.Type().NumIn(); i++ {
			if ft.In(i+1) != v.Type().In(i) {
				t.Errorf("(*Display).%s argument %d is %v, want %v", name, i, ft.In(i+1), v.Type().In(i))
			}
		}
	}
}

func TestSymbolsInYaegi(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(display.Symbols()); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(`import "display"`); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(`import "image"`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src   string
		kinds []display.Kind
		key   string
	}{
		{`display.HTML("<b>x</b>")`, []display.Kind{display.Show}, "text/html"},
		{`d := display.New(); d.HTML("a"); d.HTML("b")`, []display.Kind{display.Show, display.Update}, "text/html"},
		{`display.Markdown("# t")`, []display.Kind{display.Show}, "text/markdown"},
		{`display.Image(image.NewRGBA(image.Rect(0, 0, 2, 2)))`, []display.Kind{display.Show}, "image/png"},
		{`display.Data(display.MIMEBundle{"text/csv": "a,b"})`, []display.Kind{display.Show}, "text/csv"},
		{`display.JSON(map[string]int{"a": 1})`, []display.Kind{display.Show}, "application/json"},
		{`display.ClearOutput(true)`, []display.Kind{display.Clear}, ""},
		{`func() { var z display.Display; z.Text("a"); z.Text("b") }()`, []display.Kind{display.Show, display.Update}, "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			msgs := capture(t, func() {
				if _, err := i.Eval(tt.src); err != nil {
					t.Fatal(err)
				}
			})
			if len(msgs) != len(tt.kinds) {
				t.Fatalf("got %d messages %+v, want kinds %v", len(msgs), msgs, tt.kinds)
			}
			for j, m := range msgs {
				checkWellFormed(t, m)
				if _, ok := m.Data[tt.key]; m.Kind != tt.kinds[j] || (tt.key != "" && !ok) {
					t.Errorf("message %d: %v %v, want %v with %s", j, m.Kind, m.Data, tt.kinds[j], tt.key)
				}
			}
			if len(msgs) == 2 && (msgs[0].DisplayID == "" || msgs[0].DisplayID != msgs[1].DisplayID) {
				t.Errorf("ids %q, %q: want the same non-empty id", msgs[0].DisplayID, msgs[1].DisplayID)
			}
		})
	}
}
