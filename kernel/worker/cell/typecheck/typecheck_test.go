package typecheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/worker/cell"
)

// resolve auto-imports a few packages, as the worker's resolver would.
func resolve(name string) (string, bool) {
	paths := map[string]string{
		"fmt": "fmt", "strings": "strings", "strconv": "strconv", "rand": "math/rand",
		"slices": "slices", "errors": "errors", "http": "net/http", "display": "display",
	}
	p, ok := paths[name]
	return p, ok
}

// session commits cells as if each had run successfully.
func session(t *testing.T, cells ...string) *cell.Session {
	t.Helper()
	s := cell.NewSession(resolve)
	for i, src := range cells {
		p, err := s.Compile(fmt.Sprintf("cell%d", i+1), src)
		if err != nil {
			t.Fatalf("earlier cell %q: %v", src, err)
		}
		s.Commit(p)
	}
	return s
}

// positions renders diagnostics as "L:C msg" lines.
func positions(diags []cell.Diag) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%d:%d %s\n", d.Line, d.Col, d.Msg)
	}
	return b.String()
}

// checker is shared by the tests, as the worker shares one across cells.
// It has time for slow first imports (fmt takes seconds under -race).
var checker = patient(New())

// patient gives c a budget that no first import exceeds.
func patient(c *Checker) *Checker {
	c.budget = time.Minute
	return c
}

func TestEveryTypeErrorIsFound(t *testing.T) {
	for _, c := range []struct {
		name    string
		earlier []string
		src     string
		want    []string // "L:C" and a fragment of the message, in order
	}{
		{"three errors on lines 2, 4, 5", nil,
			"x := 1\ny := x + \"a\"\nfmt.Println(y)\nz := strings.ToUpper(x)\nvar w string = len(z)",
			[]string{"2:6 mismatched types", "4:22 cannot use x", "5:16 cannot use len(z)"}},
		{"declarations and statements in line order", nil,
			"func f() int { return \"s\" }\ntype T struct{ A int }\nT{}.B = 1\nvar q int = \"s\"",
			[]string{"1:23 cannot use \"s\"", "3:5 T{}.B undefined", "4:13 cannot use \"s\""}},
		{"types, methods and vars of earlier cells",
			[]string{"type P struct{ X int }\nfunc (p P) Double() int { return 2 * p.X }", "n := 3"},
			"P{1}.Triple()\nvar s string = P{n}.Double()",
			[]string{"1:6 .Triple undefined", "2:16 cannot use P{…}.Double()"}},
		{"funcs and imports of earlier cells",
			[]string{"import r \"math/rand\"", "func half(x float64) float64 { return x / 2 }"},
			"half(\"one\")\nr.Intn(\"two\")",
			[]string{"1:6 cannot use \"one\"", "2:8 cannot use \"two\""}},
		{"the latest definition counts",
			[]string{"x := 1", "x := \"now a string\"", "func f(int) {}", "func f(string) {}"},
			"y := x + 1\nf(2)",
			[]string{"1:6 mismatched types string and untyped int", "2:3 cannot use 2"}},
		{"line 1 columns are exact", nil,
			"var a int = \"s\"; var b int = \"t\"",
			[]string{"1:13 cannot use \"s\"", "1:30 cannot use \"t\""}},
		{"a package the cell does not use cannot be imported",
			[]string{"h := display.HTML(\"<b>x</b>\")"},
			"fmt.Println(h)\nvar q int = \"s\"",
			[]string{"2:13 cannot use \"s\""}},
		{"details of an error follow it", nil,
			"type Point struct{ X int }\ntype Point struct{ Y int }",
			[]string{"2:6 Point redeclared in this block\n\tline 1:6: other declaration of Point"}},
		{"undefined names", nil,
			"a := 1\nb := a + nope\nfmt.Println(b, alsoNope)",
			[]string{"2:10 undefined: nope", "3:16 undefined: alsoNope"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := checker.Errors(session(t, c.earlier...), c.src)
			if !matches(got, c.want) {
				t.Errorf("cell:\n%s\ngot:\n%swant:\n%s", c.src, positions(got), strings.Join(c.want, "\n"))
			}
		})
	}
}

// matches reports whether diags are, in order, at the positions and with
// the message fragments of want ("L:C fragment").
func matches(diags []cell.Diag, want []string) bool {
	if len(diags) != len(want) {
		return false
	}
	for i, d := range diags {
		pos, frag, _ := strings.Cut(want[i], " ")
		if fmt.Sprintf("%d:%d", d.Line, d.Col) != pos || !strings.Contains(d.Msg, frag) {
			return false
		}
	}
	return true
}

func TestContextGivesNoFalseErrors(t *testing.T) {
	for _, c := range []struct {
		name    string
		earlier []string
		src     string
	}{
		{"types, methods, generics",
			[]string{"type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }",
				"type Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprint(float64(c)) }", "type ID = int"},
			"var s Stack[string]\ns.Push(\"a\")\nvar c fmt.Stringer = Celsius(2)\nvar id ID = 3\nfmt.Println(s, c, id+1)"},
		{"variables from := in every form",
			[]string{"n, err := strconv.Atoi(\"1\")", "m := map[string]int{\"a\": 1}\nv, ok := m[\"a\"]",
				"var a, b = 1, \"b\"\nvar f float64", "sq := func(x int) int { return x * x }"},
			"var e error = err\nvar i int = n + v + a + sq(2)\nvar s string = b\nf += 0.5\n_, _ = e, ok\ni"},
		{"constants keep iota",
			[]string{"const (\n\tA = iota * 10\n\tB\n\tC\n)", "const typed, untyped int = 1, 2"},
			"var arr [20]int = [C]int{}\nvar x int = typed + untyped + B\nx"},
		{"imports, explicit and automatic",
			[]string{"import r \"math/rand\"\nimport \"strings\"", "up := strings.ToUpper(\"a\")", "errors.New(\"e\")"},
			"r.Intn(2) + len(up)\nslices.Contains([]int{1}, 1)\nerrors.New(\"x\")"},
		{"redefinitions replace the earlier ones",
			[]string{"x := 1\nfunc f() int { return x }", "x := \"s\"\nfunc f() string { return x }"},
			"var s string = x + f()\nfunc g() string { return f() }\ng()"},
		{"a cell declares again what an earlier cell did",
			[]string{"type T struct{ A int }\nfunc (t T) Get() int { return t.A }\nfunc h() {}\nk := 1"},
			"type T struct{ A int }\nfunc h() {}\nk := 2\nfunc useK() int { return k }\nT{k}.Get()"},
		{"a := uses the earlier variable it shadows",
			[]string{"total := 10"},
			"total := total + 1\ntotal"},
		{"what cells may do and Go may not", nil,
			"import \"os\"\nunused := 1\nfunc noReturn() int {}\nL:\nfor range 3 {}\nmin(1, 2.5)\nfor i := range 10 { _ = max(i, 3) }\nfunc main() {}\nfunc init() {}\nif true { return }\n42"},
		{"range over a func",
			[]string{"func count(n int) func(func(int) bool) {\n\treturn func(yield func(int) bool) {\n\t\tfor i := range n {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}"},
			"for i := range count(3) { fmt.Println(i + 1) }"},
		{"a package clause and func main", nil,
			"package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }"},
		{"earlier declarations using a package that cannot be imported",
			[]string{"h := display.HTML(\"<b>x</b>\")"},
			"fmt.Println(h)\nh.Render()"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := checker.Errors(session(t, c.earlier...), c.src); len(got) > 0 {
				t.Errorf("cell:\n%s\nfalse errors:\n%s", c.src, positions(got))
			}
		})
	}
}

func TestGivesUpWhenItCannotTell(t *testing.T) {
	for _, c := range []struct{ name, src string }{
		{"the cell uses a package that cannot be imported", "display.HTML(1)\nvar q int = \"s\""},
		{"syntax error", "var q int = \"s\"\nx := (1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := checker.Errors(session(t), c.src); got != nil {
				t.Errorf("got %v, want nil", got)
			}
		})
	}
}

func TestGivesUpAfterBudget(t *testing.T) {
	c := New()
	c.budget = time.Nanosecond
	s := session(t)
	src := "fmt.Println(1)\nvar q int = \"s\""
	if got := c.Errors(s, src); got != nil {
		t.Errorf("with no time to check: %v, want nil", got)
	}
	patient(c) // the cut-off check still holds the turn: wait for it
	if got := c.Errors(s, src); !matches(got, []string{"2:13 cannot use"}) {
		t.Errorf("with time: %v", got)
	}
}

func TestMergeTrustsGoTypesWhenBothSeeTheFirstLine(t *testing.T) {
	yaegi := []cell.Diag{{Line: 2, Col: 6, Msg: "constant definition loop"}}
	found := []cell.Diag{{Line: 1, Col: 5, Msg: "a"}, {Line: 2, Col: 10, Msg: "undefined: nope"}, {Line: 4, Col: 1, Msg: "b"}}
	for _, c := range []struct {
		name            string
		reported, found []cell.Diag
		want            []cell.Diag
	}{
		{"agree", yaegi, found, found},
		{"go/types sees nothing on yaegi's line", yaegi, []cell.Diag{found[0], found[2]}, yaegi},
		{"go/types found nothing", yaegi, nil, yaegi},
		{"yaegi's error has no position", nil, found, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Merge(c.reported, c.found); positions(got) != positions(c.want) {
				t.Errorf("got\n%swant\n%s", positions(got), positions(c.want))
			}
		})
	}
}

func TestOnlyUsedPackagesAreImported(t *testing.T) {
	src := "package main\n\nimport fmt \"fmt\"\nimport http \"net/http\"\nimport strings \"strings\"\nimport . \"math\"\n\nvar x = strings.ToUpper(\"a\")\nfunc _() { fmt.Println(x) }\n"
	f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pruneImports(f)
	var kept []string
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			for _, sp := range gd.Specs {
				kept = append(kept, sp.(*ast.ImportSpec).Path.Value)
			}
		}
	}
	if got := strings.Join(kept, " "); got != `"fmt" "strings" "math"` {
		t.Errorf("kept %s", got)
	}
}

func TestForgetsPackagesWhenIdle(t *testing.T) {
	c := patient(New())
	c.keep = 50 * time.Millisecond
	s := session(t)
	if got := c.Errors(s, "var q int = fmt.Sprint(1)"); len(got) != 1 {
		t.Fatalf("first check: %s", positions(got))
	}
	// Base grows with every file parsed: sources of imported packages.
	base := func() int {
		c.turn <- struct{}{}
		defer func() { <-c.turn }()
		return c.fset.Base()
	}
	if base() <= 1 {
		t.Fatal("the imported packages should be kept right after a check")
	}
	deadline := time.Now().Add(5 * time.Second)
	for base() > 1 {
		if time.Now().After(deadline) {
			t.Fatal("the imported packages were not dropped after the check went idle")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := c.Errors(s, "var q int = fmt.Sprint(2)"); len(got) != 1 {
		t.Errorf("check after forgetting: %s", positions(got))
	}
}
