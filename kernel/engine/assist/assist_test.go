package assist

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/stdlib"
)

// stdPkgs is yaegi's standard library, cleaned once.
var stdPkgs = sync.OnceValue(func() map[string]map[string]reflect.Value { return FromYaegi(stdlib.Symbols) })

// newServices returns services over the standard library that learned cells.
func newServices(t testing.TB, cells ...string) *Services {
	t.Helper()
	s := New(stdPkgs())
	for _, c := range cells {
		s.Learn(c)
	}
	return s
}

// warm loads the documentation of packages, waiting for it, so tests do
// not depend on completion's time budget.
func warm(s *Services, paths ...string) {
	for _, p := range paths {
		s.docs.get(p, -1)
	}
}

// cursorAt removes the "|" cursor marker from code and returns its offset.
func cursorAt(t testing.TB, code string) (string, int) {
	t.Helper()
	i := strings.Index(code, "|")
	if i < 0 {
		t.Fatalf("no cursor marker in %q", code)
	}
	return code[:i] + code[i+1:], i
}

// learned is the notebook state most tests complete against.
var learned = []string{
	"import (\n\t\"strings\"\n\tstr \"strings\"\n)\n\n// Point is a point.\ntype Point struct{ X, Y int }",
	"// Norm returns the norm.\nfunc (p Point) Norm() float64 { return 0 }\n\n// add adds.\nfunc add(a, b int) int { return a + b }",
	"p := Point{1, 2}\nvar sb strings.Builder\nfunc newPoint() *Point { return &Point{} }\nconst answer = 42",
	"var w io.Writer = os.Stdout\nxs := []Point{p}\nm := map[string]*Point{}",
}

func TestFromYaegi(t *testing.T) {
	in := map[string]map[string]reflect.Value{
		".":                 {"MapTypes": reflect.ValueOf(1)},
		"math/rand/v2/rand": {"IntN": reflect.ValueOf(strings.ToUpper), "_Source": reflect.ValueOf(1), "private": reflect.ValueOf(2)},
		"io/io":             {"Reader": reflect.ValueOf((*interface{ Read([]byte) (int, error) })(nil))},
	}
	got := FromYaegi(in)
	paths := slices.Sorted(maps.Keys(got))
	if want := []string{"io", "math/rand/v2"}; !slices.Equal(paths, want) {
		t.Fatalf("FromYaegi paths = %q, want %q", paths, want)
	}
	s := New(got)
	keys := []string{}
	for _, path := range paths {
		for _, n := range s.pkgs[path].memberNames() {
			keys = append(keys, path+" "+n)
		}
	}
	if want := []string{"io Reader", "math/rand/v2 IntN"}; !slices.Equal(keys, want) {
		t.Fatalf("described members = %q, want %q", keys, want)
	}
}

func TestComplete(t *testing.T) {
	s := newServices(t, learned...)
	warm(s, "slices")
	tests := []struct {
		name       string
		code       string
		start, end int      // -1: don't check
		exact      []string // the whole list, in order
		has, not   []string
	}{
		{name: "jkt sample", code: "fmt.Printl|", start: 0, end: 10, exact: []string{"fmt.Println"}},
		{name: "order", code: "fmt.Print|", start: 0, end: 9, exact: []string{"fmt.Print", "fmt.Printf", "fmt.Println"}},
		{name: "case-insensitive after exact", code: "fmt.println|", start: 0, end: 11, exact: []string{"fmt.Println"}},
		{name: "mid identifier", code: "fmt.Pri|ntln", start: 0, end: 11, has: []string{"fmt.Println", "fmt.Printf"}},
		{name: "empty member", code: "errors.|", start: 0, end: 7, has: []string{"errors.New", "errors.Is", "errors.As"}},
		{name: "package names", code: "str|", start: 0, end: 3, has: []string{"strings", "strconv", "string", "struct", "str"}},
		{name: "later line", code: "x := 1\nfmt.Sprin|", start: 7, end: 16, exact: []string{"fmt.Sprint", "fmt.Sprintf", "fmt.Sprintln"}},
		{name: "mid line", code: "fmt.Println(strings.ToUpp|, 1)", start: 12, end: 25, exact: []string{"strings.ToUpper", "strings.ToUpperSpecial"}},
		{name: "learned alias", code: "str.HasP|", start: 0, end: 8, exact: []string{"str.HasPrefix"}},
		{name: "alias in current code", code: "import r \"math/rand\"\nx := r.Int|", start: 26, end: 31, has: []string{"r.Intn", "r.Int63"}},
		{name: "learned func", code: "ad|", start: 0, end: 2, has: []string{"add", "adler32"}},
		{name: "current code before cursor", code: "total := 3\nto|", start: 11, end: 13, has: []string{"total"}},
		{name: "not after cursor", code: "to|\ntotal := 3", start: 0, end: 2, not: []string{"total"}},
		{name: "struct literal", code: "p.|", start: 0, end: 2, exact: []string{"p.Norm", "p.X", "p.Y"}},
		{name: "declared var type", code: "sb.WriteS|", start: 0, end: 9, exact: []string{"sb.WriteString"}},
		{name: "func result", code: "q := newPoint()\nq.|", start: 16, end: 18, exact: []string{"q.Norm", "q.X", "q.Y"}},
		{name: "package func result", code: "r := strings.NewReader(\"x\")\nr.Le|", start: 28, end: 32, exact: []string{"r.Len"}},
		{name: "call chain", code: "strings.NewReader(\"x\").Le|", start: 0, end: 25, exact: []string{"strings.NewReader(\"x\").Len"}},
		{name: "interface var", code: "w.|", start: 0, end: 2, exact: []string{"w.Write"}},
		{name: "index", code: "xs[0].|", start: 0, end: 6, exact: []string{"xs[0].Norm", "xs[0].X", "xs[0].Y"}},
		{name: "map index pointer", code: "m[\"a\"].N|", start: 0, end: 8, exact: []string{"m[\"a\"].Norm"}},
		{name: "range value", code: "for _, pt := range xs {\n\tpt.|", start: 25, end: 28, exact: []string{"pt.Norm", "pt.X", "pt.Y"}},
		{name: "param in unfinished func", code: "func f(b *strings.Builder) {\n\tif b.Len() > 0 {\n\t\tb.Gr|", start: 49, end: 53, exact: []string{"b.Grow"}},
		{name: "closure param", code: "http.HandleFunc(\"/\", func(rw http.ResponseWriter, r *http.Request) {\n\tr.Meth|", start: 70, end: 76, exact: []string{"r.Method"}},
		{name: "embedded promotion", code: "type T struct {\n\tPoint\n\tName string\n}\nv := T{}\nv.|", start: 47, end: 49, exact: []string{"v.Name", "v.Norm", "v.Point", "v.X", "v.Y"}},
		{name: "generic package from source", code: "slices.Contai|", start: 0, end: 13, exact: []string{"slices.Contains", "slices.ContainsFunc"}},
		{name: "keyword", code: "fu|", start: 0, end: 2, has: []string{"func"}},
		{name: "builtin", code: "app|", start: 0, end: 3, has: []string{"append"}},
		{name: "constant", code: "ans|", start: 0, end: 3, exact: []string{"answer"}},
		{name: "unicode identifier", code: "héllo := 1\nhé|", start: 12, end: 15, exact: []string{"héllo"}},
		{name: "in string", code: "fmt.Println(\"fmt.Pr|", start: -1, end: -1, exact: []string{}},
		{name: "in comment", code: "// fmt.Pr|", start: -1, end: -1, exact: []string{}},
		{name: "in number", code: "x := 12|", start: -1, end: -1, exact: []string{}},
		{name: "unknown receiver", code: "nothing.|", start: -1, end: -1, exact: []string{}},
		{name: "shadowed package", code: "strings := p\nstrings.|", start: 13, end: 21, exact: []string{"strings.Norm", "strings.X", "strings.Y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, cur := cursorAt(t, tt.code)
			got := s.Complete(code, cur)
			texts := matchTexts(got.Matches)
			if tt.start >= 0 && (got.Start != tt.start || got.End != tt.end) {
				t.Errorf("range = %d..%d, want %d..%d", got.Start, got.End, tt.start, tt.end)
			}
			if tt.exact != nil && !slices.Equal(texts, tt.exact) {
				t.Errorf("matches = %q, want %q", texts, tt.exact)
			}
			for _, h := range tt.has {
				if !slices.Contains(texts, h) {
					t.Errorf("matches %q lack %q", texts, h)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(texts, n) {
					t.Errorf("matches %q contain %q", texts, n)
				}
			}
			checkRanked(t, code[got.Start:cur], got.Matches)
		})
	}
}

// matchTexts lists the texts of matches; never nil.
func matchTexts(ms []Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

// checkRanked checks matches are unique, all match the typed text, and are
// sorted: case-sensitive prefix matches first, then alphabetical.
func checkRanked(t *testing.T, typed string, ms []Match) {
	t.Helper()
	if ms == nil {
		t.Fatal("Matches is nil")
	}
	seen := map[string]bool{}
	for i, m := range ms {
		if seen[m.Text] {
			t.Errorf("duplicate match %q", m.Text)
		}
		seen[m.Text] = true
		if !strings.HasPrefix(strings.ToLower(m.Text), strings.ToLower(typed)) {
			t.Errorf("match %q does not start with %q", m.Text, typed)
		}
		if i > 0 {
			prev := ms[i-1]
			pe, ce := strings.HasPrefix(prev.Text, typed), strings.HasPrefix(m.Text, typed)
			if (pe == ce && prev.Text > m.Text) || (!pe && ce) {
				t.Errorf("%q sorted before %q", prev.Text, m.Text)
			}
		}
	}
}

func TestCompleteKindsAndSignatures(t *testing.T) {
	s := newServices(t, learned...)
	warm(s, "fmt", "strings", "io", "math", "slices")
	tests := []struct {
		code string
		want Match
	}{
		{"fmt.Printl|", Match{"fmt.Println", "function", "func(a ...any) (n int, err error)"}},
		{"sb.WriteS|", Match{"sb.WriteString", "method", "func(s string) (int, error)"}},
		{"p.X|", Match{"p.X", "field", "int"}},
		{"ad|", Match{"add", "function", "func(a, b int) int"}},
		{"sb|", Match{"sb", "variable", "strings.Builder"}},
		{"Poi|", Match{"Point", "type", "type Point struct{X, Y int}"}},
		{"answ|", Match{"answer", "constant", "int"}},
		{"strin|", Match{"strings", "package", "strings"}},
		{"io.EO|", Match{"io.EOF", "variable", "error"}},
		{"math.P|", Match{"math.Pi", "constant", "untyped float64 = 3.14159"}},
		{"strings.Build|", Match{"strings.Builder", "type", "type Builder struct{...}"}},
		{"slices.Inde|", Match{"slices.Index", "function", "func[S ~[]E, E comparable](s S, v E) int"}},
		{"fo|", Match{"for", "keyword", ""}},
		{"le|", Match{"len", "function", "func(v Type) int"}},
	}
	for _, tt := range tests {
		code, cur := cursorAt(t, tt.code)
		got := s.Complete(code, cur).Matches
		if !slices.Contains(got, tt.want) {
			t.Errorf("Complete(%q) = %v, lacks %v", code, got, tt.want)
		}
	}
}

func TestCompleteWithoutSources(t *testing.T) {
	s := newServices(t)
	s.docs.goroot = func() string { return "" }
	got := s.Complete("fmt.Printl", 10).Matches
	want := []Match{{"fmt.Println", "function", "func(...any) (int, error)"}}
	if !slices.Equal(got, want) {
		t.Fatalf("without GOROOT: %v, want %v", got, want)
	}
}

func TestLearnTolerant(t *testing.T) {
	s := newServices(t,
		"x := 1",
		"x := := 1\ny := strings.NewReader(\"\")", // first segment cannot parse
		"x := \"now a string\"",                   // redefinition wins
		"}}} garbage ))) :=",
		"package main\n\nfunc main() { z := 3 }",
	)
	if text, ok := s.Doc("x"); !ok || !strings.Contains(text, "var x string") {
		t.Errorf("Doc(x) = %q, %v; want the redefinition", text, ok)
	}
	if got := matchTexts(s.Complete("y.Le", 4).Matches); !slices.Equal(got, []string{"y.Len"}) {
		t.Errorf("y.Le after partly broken cell = %q", got)
	}
	if got := matchTexts(s.Complete("mai", 3).Matches); !slices.Contains(got, "main") {
		t.Errorf("main not learned: %q", got)
	}
	if got := matchTexts(s.Complete("z", 1).Matches); slices.Contains(got, "z") {
		t.Errorf("local of a learned function leaked: %q", got)
	}
}

func TestInspect(t *testing.T) {
	s := newServices(t, learned...)
	tests := []struct {
		code string
		want []string // substrings; nil means not found
	}{
		{"fmt.Println|", []string{"func Println(a ...any) (n int, err error)\n    Println formats"}},
		{"fmt.Pri|ntln", []string{"func Println(a ...any)"}},
		{"|fmt.Println", []string{"package fmt // import \"fmt\""}},
		{"fmt.Println(|", []string{"func Println(a ...any)"}},
		{"fmt.Println(x, strings.Repeat(\"a\", 2), |", []string{"func Println(a ...any)"}},
		{"strings.Builder|", []string{"type Builder struct", "func (b *Builder) WriteString(s string) (int, error)"}},
		{"strings.NewReader|", []string{"func NewReader(s string) *Reader"}},
		{"io.EOF|", []string{"var EOF = errors.New(\"EOF\")", "EOF is the error"}},
		{"sb.WriteString|", []string{"func (b *Builder) WriteString(s string) (int, error)", "appends the contents"}},
		{"w.Write|", []string{"Write(p []byte) (n int, err error)"}},
		{"add|", []string{"func add(a, b int) int", "    add adds."}},
		{"add(1, |", []string{"func add(a, b int) int"}},
		{"p|", []string{"var p Point", "p := Point{1, 2}"}},
		{"Point|", []string{"type Point struct{ X, Y int }", "func (p Point) Norm() float64", "Point is a point."}},
		{"p.Norm|", []string{"func (p Point) Norm() float64", "Norm returns the norm."}},
		{"p.X|", []string{"X int"}},
		{"str|", []string{"package strings"}},
		{"append|", []string{"func append(slice []Type, elems ...Type) []Type"}},
		{"v := 3\nv|", []string{"var v int", "v := 3"}},
		{"   |", nil},
		{"1 + 2|", nil},
		{"undefinedThing|", nil},
	}
	for _, tt := range tests {
		code, cur := cursorAt(t, tt.code)
		text, found := s.Inspect(code, cur)
		if found != (tt.want != nil) {
			t.Errorf("Inspect(%q, %d) found = %v (%q)", code, cur, found, text)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("Inspect(%q, %d) = %q, lacks %q", code, cur, text, w)
			}
		}
	}
}

func TestDoc(t *testing.T) {
	s := newServices(t, learned...)
	tests := []struct {
		name string
		want []string
	}{
		{"strings.ToUpper", []string{"func ToUpper(s string) string\n    ToUpper returns s"}},
		{"strings.ToUpper?", []string{"func ToUpper(s string) string"}},
		{"fmt", []string{"package fmt // import \"fmt\"", "Package fmt implements", "func Println(a ...any)"}},
		{"strings.Builder.WriteString", []string{"func (b *Builder) WriteString(s string) (int, error)"}},
		{"time.Duration.String", []string{"func (d Duration) String() string"}},
		{"time.Duration", []string{"type Duration int64", "Nanosecond"}},
		{"http.Request.Method", []string{"Method string"}},
		{"math.Pi", []string{"Pi  = 3.14159"}},
		{"slices.Sort", []string{"func Sort[S ~[]E, E cmp.Ordered](x S)"}},
		{"rand.Intn", []string{"func Intn(n int) int"}},
		{"add", []string{"func add(a, b int) int"}},
		{"Point.Norm", []string{"func (p Point) Norm() float64"}},
		{"str.Repeat", []string{"func Repeat(s string, count int) string"}},
		{"len", []string{"func len(v Type) int"}},
		{"nope", nil},
		{"fmt.Nope", nil},
		{"1 +", nil},
	}
	for _, tt := range tests {
		text, found := s.Doc(tt.name)
		if found != (tt.want != nil) {
			t.Errorf("Doc(%q) found = %v (%q)", tt.name, found, text)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("Doc(%q) = %q, lacks %q", tt.name, text, w)
			}
		}
	}
}

func TestDocWithoutSources(t *testing.T) {
	s := newServices(t)
	s.docs.goroot = func() string { return "" }
	tests := map[string]string{
		"fmt.Println":                     "func fmt.Println(...any) (int, error)",
		"strings.Builder":                 "type strings.Builder struct{...}",
		"io.EOF":                          "var io.EOF error",
		"fmt":                             "package fmt // import \"fmt\"\n",
		"append":                          "func append(slice []Type, elems ...Type) []Type",
		"sb := strings.Builder{}\nsb.Len": "",
	}
	for name, want := range tests {
		if want == "" {
			continue
		}
		if text, ok := s.Doc(name); !ok || !strings.Contains(text, want) {
			t.Errorf("Doc(%q) = %q, %v; want %q", name, text, ok, want)
		}
	}
	code := "sb := strings.Builder{}\nsb.Len"
	if text, ok := s.Inspect(code, len(code)); !ok || text != "func (strings.Builder) Len() int" {
		t.Errorf("Inspect method without sources = %q, %v", text, ok)
	}
}

func TestIsComplete(t *testing.T) {
	s := newServices(t)
	tests := []struct {
		code, status, indent string
	}{
		{"", "complete", ""},
		{"  \n\t", "complete", ""},
		{"x := 1", "complete", ""},
		{"1+2+3", "complete", ""},
		{"[]int{1, 4, 9}", "complete", ""},
		{"func f() int { return 1 }", "complete", ""},
		{"import \"fmt\"\nx := 1\nfmt.Println(x)", "complete", ""},
		{"package main\n\nfunc main() {}", "complete", ""},
		{"type T struct{ A int }\nfunc (t T) M() {}\nt := T{}", "complete", ""},
		{"x := 1 // comment", "complete", ""},
		{"s := `multi\nline`", "complete", ""},
		{"func f() int {", "incomplete", "    "},
		{"if true {", "incomplete", "    "},
		{"for i := range 3 {\n\tif i > 1 {", "incomplete", "        "},
		{"fmt.Println(1,", "incomplete", "    "},
		{"x := []int{\n1,\n2,", "incomplete", "    "},
		{"x := 1 +", "incomplete", "    "},
		{"x := 1 &&", "incomplete", "    "},
		{"x :=", "incomplete", "    "},
		{"x = ", "incomplete", "    "},
		{"a, ", "incomplete", "    "},
		{"strings.", "incomplete", "    "},
		{"if x {\n} else", "incomplete", ""},
		{"s := `abc", "incomplete", ""},
		{"/* a comment", "incomplete", ""},
		{"switch x {\ncase 1:", "incomplete", "    "},
		// for, if and switch headers hold semicolons of their own.
		{"for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}", "complete", ""},
		{"if x := 1; x > 0 {\n}", "complete", ""},
		{"switch x := 2; x {\ncase 1:\n}", "complete", ""},
		{"for ;; {\n\tbreak\n}", "complete", ""},
		{"x := 1; y := 2", "complete", ""},
		{"if x {\n} else if y := 1; y > 0 {\n}", "complete", ""},
		{"for i := 0; i < 3; i++ {\n\tfmt.Println(i)", "incomplete", "    "},
		{"for i := 0; i < 3; i++ {", "incomplete", "    "},
		{"if x := 1; x > 0 {", "incomplete", "    "},
		{"switch x := 2; x {\ncase 1:", "incomplete", "    "},
		{"switch x := f(); x {", "incomplete", "    "},
		{"for ;; {\n\tbreak", "incomplete", "    "},
		{"x := 1; y :=", "incomplete", "    "},
		{"s := []int{1,", "incomplete", "    "},
		{"fmt.Println(\"a\",", "incomplete", "    "},
		{"x := := 1", "invalid", ""},
		{"x := := 1\nif true {", "invalid", ""},
		{"for i := := 0; i < 3; i++ {", "invalid", ""},
		{"}", "invalid", ""},
		{"f(]", "invalid", ""},
		{"x := \"abc\ny := 1", "invalid", ""},
		{"x := 1 +\ny := := 2", "invalid", ""},
		{"func ( {}", "invalid", ""},
	}
	for _, tt := range tests {
		status, indent := s.IsComplete(tt.code)
		if status != tt.status || indent != tt.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tt.code, status, indent, tt.status, tt.indent)
		}
	}
}

func TestCursorClamping(t *testing.T) {
	s := newServices(t)
	code := "héllo"
	for _, cur := range []int{-5, 0, 2, 3, 100} {
		got := s.Complete(code, cur)
		if got.Start < 0 || got.End > len(code) || got.Start > got.End {
			t.Errorf("Complete(%q, %d) range %d..%d", code, cur, got.Start, got.End)
		}
		s.Inspect(code, cur) // must not panic
	}
}

func TestConcurrentLearnAndComplete(t *testing.T) {
	s := newServices(t, learned...)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := range 20 {
				s.Learn("v" + strings.Repeat("x", i) + " := " + strings.Repeat("1", j+1))
			}
		}()
		go func() {
			defer wg.Done()
			for range 20 {
				s.Complete("p.", 2)
				s.Inspect("p", 1)
				s.IsComplete("if true {")
			}
		}()
	}
	wg.Wait()
}

// latencyCases are completion and inspection requests timed after warm-up.
var latencyCases = []string{
	"fmt.Printl", "str", "sb.Wr", "p.", "q := newPoint()\nq.", "http.", "strings.NewReader(\"x\").Le",
	"func f(b *strings.Builder) {\n\tif b.Len() > 0 {\n\t\tb.Gr",
}

func TestLatency(t *testing.T) {
	s := newServices(t, learned...)
	for _, c := range latencyCases { // warm the doc cache
		s.Complete(c, len(c))
		s.Inspect(c, len(c))
	}
	s.Warm("fmt", "strings", "net/http")
	s.docs.get("net/http", -1)
	const limit = 50 * time.Millisecond
	for _, c := range latencyCases {
		for range 3 {
			start := time.Now()
			s.Complete(c, len(c))
			if d := time.Since(start); d > limit {
				t.Errorf("Complete(%q) took %v", c, d)
			}
			start = time.Now()
			s.Inspect(c, len(c))
			if d := time.Since(start); d > limit {
				t.Errorf("Inspect(%q) took %v", c, d)
			}
		}
	}
}

func BenchmarkComplete(b *testing.B) {
	s := newServices(b, learned...)
	for _, c := range latencyCases {
		s.Complete(c, len(c))
	}
	for b.Loop() {
		for _, c := range latencyCases {
			s.Complete(c, len(c))
		}
	}
}

func BenchmarkInspect(b *testing.B) {
	s := newServices(b, learned...)
	for _, c := range latencyCases {
		s.Inspect(c, len(c))
	}
	for b.Loop() {
		for _, c := range latencyCases {
			s.Inspect(c, len(c))
		}
	}
}

func BenchmarkIsComplete(b *testing.B) {
	s := newServices(b)
	code := strings.Repeat("x := []int{1, 2, 3}\nfor i := range x {\n\tfmt.Println(i)\n}\n", 20)
	for b.Loop() {
		s.IsComplete(code)
	}
}

func TestFindGOROOT(t *testing.T) {
	root := findGOROOT()
	if !hasSources(root) {
		t.Fatalf("no Go sources found (GOROOT %q): the Go toolchain is needed", root)
	}
	t.Setenv("GOROOT", "/nonexistent")
	if got := findGOROOT(); got == "/nonexistent" || !hasSources(got) {
		t.Errorf("with a bogus $GOROOT: %q", got)
	}
}
