package gosyntax

import (
	"fmt"
	"go/token"
	"testing"
)

// TestSplit shows each item as kind, its text src[Start:End] and, after
// "|", its share src[From:End] where that differs.
func TestSplit(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"x := 1; y := 2", []string{"stmt:x := 1", "sep:;", "stmt:y := 2| y := 2"}},
		{"for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}", []string{"stmt:for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}"}},
		{"if x := 1; x > 0 {\n}", []string{"stmt:if x := 1; x > 0 {\n}"}},
		{"switch x := 2; x {\ncase 1:\n}", []string{"stmt:switch x := 2; x {\ncase 1:\n}"}},
		{"for i := 0; i < 3; i++ {", []string{"stmt:for i := 0; i < 3; i++ {"}},
		{"for ;; {\n\tbreak\n}\nx := 1", []string{"stmt:for ;; {\n\tbreak\n}", "stmt:x := 1"}},
		{"if x {\n} else if y := 1; y > 0 {\n}; z", []string{"stmt:if x {\n} else if y := 1; y > 0 {\n}", "sep:;", "stmt:z| z"}},
		{"f(func() { a; b })\ng()", []string{"stmt:f(func() { a; b })", "stmt:g()"}},
		{"import \"fmt\"\n// F doubles.\nfunc F(x int) int { return 2 * x }\nfmt.Println(F(2)) // four",
			[]string{"import:import \"fmt\"", "func:func F(x int) int { return 2 * x }|// F doubles.\nfunc F(x int) int { return 2 * x }", "stmt:fmt.Println(F(2)) // four"}},
		{"type T struct{ A int }\nfunc (t T) M() {}\nvar v = func() int { return 1 }()\nconst c = 1",
			[]string{"decl:type T struct{ A int }", "func:func (t T) M() {}", "decl:var v = func() int { return 1 }()", "decl:const c = 1"}},
		{"func F[T any](x T) {}\nfunc(x int) {}(1)\nfunc (t T) M", []string{"func:func F[T any](x T) {}", "stmt:func(x int) {}(1)", "func:func (t T) M"}},
		{"package main\nfunc main() {}", []string{"package:package main", "func:func main() {}"}},
		{"// only a comment", nil},
		{"x := 1 // one\n\n// two\ny := 2", []string{"stmt:x := 1 // one", "stmt:y := 2|\n// two\ny := 2"}},
		{"}\nx := 1", []string{"stmt:}", "stmt:x := 1"}},
	}
	kinds := map[Kind]string{Stmt: "stmt", Decl: "decl", Func: "func", Import: "import", Package: "package", Sep: "sep"}
	for _, tt := range tests {
		var got []string
		for _, it := range Split(tt.src) {
			s := kinds[it.Kind] + ":" + tt.src[it.Start:it.End]
			if it.From != it.Start {
				s += "|" + tt.src[it.From:it.End]
			}
			got = append(got, s)
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("Split(%q) =\n%q\nwant\n%q", tt.src, got, tt.want)
		}
	}
}

func TestScan(t *testing.T) {
	src := "x := `a` // c\ny"
	toks, errs := Scan(src)
	var got []string
	for _, tk := range toks {
		got = append(got, fmt.Sprintf("%v%q%v", tk.Tok, src[tk.Off:tk.End], tk.Significant()))
	}
	want := []string{`IDENT"x"true`, `:="` + `:=` + `"true`, "STRING\"`a`\"true", `COMMENT"// c"false`, `;""false`, `IDENT"y"true`, `;""false`}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) || len(errs) != 0 {
		t.Errorf("Scan(%q) = %q, %v\nwant %q", src, got, errs, want)
	}
	toks, errs = Scan("s := `open")
	if len(errs) == 0 || len(toks) != 4 || toks[2].Tok != token.STRING || toks[2].End != 10 {
		t.Errorf("an open raw string: tokens %v, errors %v", toks, errs)
	}
}

func TestPackageName(t *testing.T) {
	for path, want := range map[string]string{
		"fmt": "fmt", "math/rand": "rand", "math/rand/v2": "rand", "github.com/x/y/v2": "y",
		"gopkg.in/yaml.v3": "yaml", "github.com/go-zeromq/zmq4": "zmq4", "github.com/mattn/go-isatty": "isatty",
		"github.com/gokernel/gokernel/kernel/display": "display", "example.com/bar-go": "bar", "example.com/x.y": "x",
		"v2": "v2", "example.com/-x": "-x",
	} {
		if got := PackageName(path); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestMatching(t *testing.T) {
	toks, _ := Scan("f(a[1], {b}) (")
	// f ( a [ 1 ] , { b } ) ( ;
	for i, want := range map[int]int{1: 10, 10: 1, 3: 5, 5: 3, 7: 9, 9: 7, 0: -1, 11: -1} {
		if got := Matching(toks, i); got != want {
			t.Errorf("Matching(toks, %d) = %d, want %d", i, got, want)
		}
	}
}

func TestPreferPath(t *testing.T) {
	for _, ordered := range [][]string{
		{"html/template", "text/template"},
		{"go/scanner", "text/scanner"},
		{"math/rand", "crypto/rand", "math/rand/v2"},
		{"runtime/pprof", "net/http/pprof"},
		{"syscall", "github.com/traefik/yaegi/stdlib/syscall"},
	} {
		for i, a := range ordered {
			for _, b := range ordered[i+1:] {
				if !PreferPath(a, b) || PreferPath(b, a) {
					t.Errorf("PreferPath(%q, %q) = %v, PreferPath(%q, %q) = %v; want %s first",
						a, b, PreferPath(a, b), b, a, PreferPath(b, a), a)
				}
			}
		}
	}
}
