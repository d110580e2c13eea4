package cell

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func compileSeq(t *testing.T, s *Session, srcs ...string) *Plan {
	t.Helper()
	var p *Plan
	for i, src := range srcs {
		var err error
		p, err = s.Compile("cell1", src)
		if err != nil {
			t.Fatalf("cell %d %q: %v", i+1, src, err)
		}
		if i < len(srcs)-1 {
			s.Commit(p)
		}
	}
	return p
}

func TestImports(t *testing.T) {
	tests := []struct {
		name  string
		cells []string // all but the last are committed first
		want  []Import
	}{
		{"explicit", []string{`import "fmt"`}, []Import{{"", "fmt"}}},
		{"grouped with alias", []string{"import (\n\t\"fmt\"\n\tr \"math/rand\"\n)"}, []Import{{"", "fmt"}, {"r", "math/rand"}}},
		{"re-import dropped", []string{`import "fmt"`, `import "fmt"; fmt.Println(1)`}, nil},
		{"other alias kept", []string{`import "fmt"`, `import f "fmt"`}, []Import{{"f", "fmt"}}},
		{"duplicate in cell", []string{"import \"fmt\"\nimport \"fmt\""}, []Import{{"", "fmt"}}},
		{"same-name alias deduped", []string{`import fmt "fmt"`}, []Import{{"", "fmt"}}},
		{"auto", []string{`strings.ToUpper("a")`}, []Import{{"", "strings"}}},
		{"auto nested path", []string{`rand.Intn(3)`}, []Import{{"", "math/rand"}}},
		{"auto inside func", []string{`func f() string { return strings.Repeat("a", 2) }`}, []Import{{"", "strings"}}},
		{"auto once", []string{`strings.ToUpper("a"); strings.ToLower("B")`}, []Import{{"", "strings"}}},
		{"auto after established", []string{`x := strings.ToUpper("a")`, `strings.ToLower("B")`}, nil},
		{"unknown name", []string{`foo.Bar()`}, nil},
		{"local var shadows package", []string{`math := struct{ Pi int }{3}; math.Pi`}, nil},
		{"param shadows package", []string{`func f(strings []string) int { return strings.Len() }`}, nil},
		{"declared type", []string{"type sort struct{ N int }\nvar v sort\nv.N"}, nil},
		{"earlier var named like package", []string{`sort := 1`, `sort.Ints(nil)`}, nil},
		{"explicit import of name declared earlier", []string{`rand := 5`, `import "math/rand"; rand.Intn(3)`}, []Import{{"", "math/rand"}}},
		{"explicit alias suppresses auto", []string{`import strings "bytes"; strings.ToUpper(nil)`}, []Import{{"strings", "bytes"}}},
		{"failed cell not established", []string{`import "fmt"`}, []Import{{"", "fmt"}}},
		{"blank import", []string{`import _ "embed"`}, []Import{{"_", "embed"}}},
		{"clear helper import", []string{`m := map[int]int{}; clear(m)`}, []Import{{"_gkreflect", "reflect"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := compileSeq(t, NewSession(stdResolver), tt.cells...)
			if !reflect.DeepEqual(p.Imports, tt.want) {
				t.Errorf("Imports = %#v, want %#v", p.Imports, tt.want)
			}
		})
	}
}

func TestImportSource(t *testing.T) {
	for _, tt := range []struct {
		im   Import
		want string
	}{
		{Import{"", "fmt"}, `import "fmt"`},
		{Import{"r", "math/rand"}, `import r "math/rand"`},
	} {
		if got := tt.im.Source(); got != tt.want {
			t.Errorf("%v.Source() = %q, want %q", tt.im, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		declsHas  []string // substrings of Decls
		stmtsHas  []string // substrings of Stmts
		noDecls   bool
		noStmts   bool
		result    bool
		stmtsNot  []string // substrings Stmts must not have
		declsNot  []string
		redefined []string
	}{
		{name: "decls only", src: "type T struct{ A int }\nconst C = 1\nvar v T\nfunc f() {}\nfunc (T) M() {}",
			declsHas: []string{"type T", "const C", "var v T", "func f()", "func (T) M()"}, noStmts: true},
		{name: "statements only", src: "x := 1\nx++", noDecls: true, stmtsHas: []string{"x := 1", "x++"}},
		{name: "expression", src: "1 + 2", noDecls: true, result: true, stmtsHas: []string{"_gkrt.Show(/*line cell1/_.go:1:1*/1 + 2)"}},
		{name: "mixed any order", src: "x := 1\nfunc f() int { return 2 }\nimport \"fmt\"\nfmt.Println(x)\ntype T int\nf()",
			declsHas: []string{"func f()", "type T int"}, stmtsHas: []string{"x := 1", "fmt.Println(x)", "_gkrt.Show(/*line cell1/_.go:6:1*/f())"}, result: true,
			declsNot: []string{"import"}},
		{name: "func literal statement is not a decl", src: "func() { fmt.Println(1) }()", noDecls: true, stmtsHas: []string{"func() { fmt.Println(1) }()"}},
		{name: "func literal with result type", src: "v := func(x int) int { return x }(3)\nv", noDecls: true, result: true},
		{name: "var uses statement variable", src: "x := 2\nvar y = x + 1\ny", noDecls: true, stmtsHas: []string{"var y = x + 1"}, result: true},
		{name: "typed var uses statement variable", src: "x := 2\nvar y int = x", noDecls: true, stmtsHas: []string{"var y int = x"}},
		{name: "var independent goes to decls", src: "fmt.Println(1)\nvar y = 3", declsHas: []string{"var y = 3"}, stmtsNot: []string{"var y"}},
		{name: "local type and const hoisted", src: "x := 1\ntype P struct{ X int }\nconst K = 2\nP{x}",
			declsHas: []string{"type P struct", "const K = 2"}, result: true},
		{name: ":= used by func is hoisted", src: "data := []int{1, 2}\nfunc sum() int { return len(data) }\nsum()",
			declsHas: []string{"var /*line cell1/_.go:1:1*/data = /*line cell1/_.go:1:9*/[]int{1, 2}"}, stmtsNot: []string{"data :="}, result: true},
		{name: ":= not used by func stays", src: "data := []int{1, 2}\nfunc sum() int { return 3 }", stmtsHas: []string{"data := []int{1, 2}"}},
		{name: "stmts never start with var", src: "x := 1\nvar y = x", stmtsHas: []string{";\n//line cell1/_.go:1:1\nx := 1"}},
		{name: "package clause ignored", src: "package foo\n\nfunc f() {}", declsHas: []string{"func f() {}"}, noStmts: true, declsNot: []string{"package"}},
		{name: "comment only", src: "// nothing here\n", noDecls: true, noStmts: true},
		{name: "empty", src: "", noDecls: true, noStmts: true},
		{name: "explicit semicolons", src: "a := 1; b := 2; a + b", result: true, stmtsHas: []string{"a := 1", "b := 2", "Show("}},
		{name: "for header semicolons", src: "s := 0\nfor i := 0; i < 3; i++ { s += i }\ns", result: true},
		{name: "if header", src: "if x := 3; x > 2 { println(x) }", noDecls: true, stmtsHas: []string{"func() {"}},
		{name: "top-level return not wrapped", src: "if true { return }", stmtsNot: []string{"func() {"}},
		{name: "expression followed by decl", src: "1 + 2\nfunc f() {}", result: false},
		{name: "CRLF", src: "x := 1\r\nx", result: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewSession(stdResolver).Compile("cell1", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what, text string, has, not []string, none bool) {
				if none && text != "" {
					t.Errorf("%s = %q, want empty", what, text)
				}
				for _, h := range has {
					if !strings.Contains(text, h) {
						t.Errorf("%s = %q, want it to contain %q", what, text, h)
					}
				}
				for _, h := range not {
					if strings.Contains(text, h) {
						t.Errorf("%s = %q, must not contain %q", what, text, h)
					}
				}
			}
			check("Decls", p.Decls, tt.declsHas, tt.declsNot, tt.noDecls)
			check("Stmts", p.Stmts, tt.stmtsHas, tt.stmtsNot, tt.noStmts)
			if p.Stmts != "" && !strings.HasPrefix(p.Stmts, ";") {
				t.Errorf("Stmts %q must start with ';'", p.Stmts)
			}
			if p.Result != tt.result {
				t.Errorf("Result = %v, want %v", p.Result, tt.result)
			}
			if !p.Result && p.Stmts != p.PlainStmts {
				t.Errorf("Stmts %q != PlainStmts %q without result", p.Stmts, p.PlainStmts)
			}
		})
	}
}

func TestResult(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"1 + 2", true},
		{"x := 3\nx", true},
		{"[]int{1, 4, 9}", true},
		{`"hi"`, true},
		{"strings.ToUpper(`a`)", true},
		{"fmt.Println(1)", false},
		{"fmt.Printf(`%d`, 1)", false},
		{"fmt.Print(1)", false},
		{"fmt.Fprintln(os.Stdout, 1)", false},
		{"fmt.Sprint(1)", true},
		{"print(1)", false},
		{"println(1)", false},
		{"log.Println(1)", false},
		{"log.Printf(`x`)", false},
		{"display.HTML(`<b>x</b>`)", false},
		{"os.Stdout.Write(nil)", false},
		{"var b strings.Builder\nb.WriteString(`x`)", false},
		{"io.WriteString(os.Stdout, `x`)", false},
		{"func f() {}\nf()", false},
		{"func f() int { return 1 }\nf()", true},
		{"func two() (int, string) { return 1, `a` }\ntwo()", true},
		{"type T struct{}\nfunc (T) Say() {}\nT{}.Say()", false},
		{"x := 1", false},
		{"var x = 1", false},
		{"func f() {}", false},
		{"for i := 0; i < 2; i++ {}", false},
		{"m := map[int]int{}\ndelete(m, 1)", false},
		{"(1 + 2)", true},
		{"len(`abc`)", true},
		{"x := 2\nx++", false},
	}
	for _, tt := range tests {
		p, err := NewSession(func(name string) (string, bool) {
			if name == "display" {
				return "gokernel/display", true
			}
			return stdResolver(name)
		}).Compile("cell1", tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if p.Result != tt.want {
			t.Errorf("%q: Result = %v, want %v", tt.src, p.Result, tt.want)
		}
	}
}

func TestResultUsesSession(t *testing.T) {
	s := NewSession(stdResolver)
	if p := compileSeq(t, s, "func hello() { println(`hi`) }", "hello()"); p.Result {
		t.Error("call of a void function declared in an earlier cell: Result = true")
	}
	if p := compileSeq(t, s, "func n() int { return 1 }", "n()"); !p.Result {
		t.Error("call of a function with result declared in an earlier cell: Result = false")
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"one", "x := 1 +", []string{"cell1.go:1:9: expected operand"}},
		{"all of them", "x := )\ny := 2\nz := (\nfunc f( {}", []string{"cell1.go:1:6:", "cell1.go:4:"}},
		{"in func decl", "func f() {\n\treturn 1 +\n}", []string{"cell1.go:3:1:"}},
		{"in statement after decl", "func f() {}\nif {", []string{"cell1.go:2:"}},
		{"import after code still parses", "x := 1\nimport \"fmt\"\nimport (", []string{"cell1.go:3:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSession(stdResolver).Compile("cell1", tt.src)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if ce.Name != "cell1" || ce.Src != tt.src {
				t.Errorf("Error name/src = %q/%q", ce.Name, ce.Src)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error\n%s\nwant it to contain %q", msg, w)
				}
			}
			if len(tt.want) > 1 && len(ce.Diags) < len(tt.want) {
				t.Errorf("%d diagnostics, want at least %d: %s", len(ce.Diags), len(tt.want), msg)
			}
		})
	}
}

func TestRedefined(t *testing.T) {
	s := NewSession(stdResolver)
	p := compileSeq(t, s, "func f() int { return 1 }\ntype T int\nvar v = 1\nconst c = 1\nfunc (T) M() {}\nx := 1",
		"func f() int { return 2 }\ntype T int\nvar v = 2\nconst c = 2\nfunc (T) M() {}\nx := 2\nfunc g() {}")
	want := []string{"f", "T.M", "T", "v", "c"}
	if !reflect.DeepEqual(p.Redefined, want) {
		t.Errorf("Redefined = %q, want %q", p.Redefined, want)
	}
	if !reflect.DeepEqual(p.Vars, []string{"v", "x"}) {
		t.Errorf("Vars = %q", p.Vars)
	}
}
