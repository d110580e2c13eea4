package cell

import (
	"strings"
	"testing"
)

// %T names a cell's types as Go does when the syntax tells the static
// type; outputs are what `go run` prints.
func TestTypeVerbNamesCellTypes(t *testing.T) {
	runSteps(t, []step{
		{src: "type Point struct{ X, Y int }\np := Point{1, 2}\nfmt.Printf(\"%T %v\\n\", p, p)", out: "main.Point {1 2}\n"},
		{src: "fmt.Printf(\"%T|%T|%T|%12T|\\n\", &p, []Point{p}, map[string]*Point{}, p)", out: "*main.Point|[]main.Point|map[string]*main.Point|  main.Point|\n"},
		{src: "type Celsius float64\nfmt.Println(fmt.Sprintf(\"%T %T %.1f %d%%\", Celsius(3), 2.5, Celsius(4), 5))", out: "main.Celsius float64 4.0 5%\n"},
		{src: "func describe(c Celsius) string { return fmt.Sprintf(\"%T=%v\", c, c) }\ndescribe(21)", shown: "main.Celsius=21"},
	})
}

// Where the dynamic type may differ from what the syntax tells, or the
// argument has effects, %T is left to the interpreter.
func TestTypeVerbLeftAlone(t *testing.T) {
	s := NewSession(stdResolver)
	commit := func(src string) {
		p, err := s.Compile("cell0", src)
		if err != nil {
			t.Fatal(err)
		}
		s.Commit(p)
	}
	commit("type Point struct{ X int }\ntype Shape interface{ Area() float64 }\ntype A = int")
	for _, src := range []string{
		"var sh Shape\nfmt.Printf(\"%T\", sh)",
		"func show[T any](v T) { fmt.Printf(\"%T\", v) }",
		"func mk() Point { return Point{} }\nfmt.Printf(\"%T\", mk())",
		"var a A\nfmt.Printf(\"%T\", a)",
		"p := Point{}\nfmt.Printf(\"%[1]T\", p)",
	} {
		p, err := s.Compile("cell1", src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if !strings.Contains(p.Decls+p.Stmts, "%T") && !strings.Contains(p.Decls+p.Stmts, "%[1]T") {
			t.Errorf("%q: %%T was rewritten:\n%s%s", src, p.Decls, p.Stmts)
		}
	}
}
