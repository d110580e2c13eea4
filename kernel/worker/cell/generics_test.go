package cell

import (
	"regexp"
	"strings"
	"testing"
)

// genericDecls declares the generic functions the inference tests call.
const genericDecls = `func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}
func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	for _, x := range xs {
		init = f(init, x)
	}
	return init
}
func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}
func First[S ~[]E, E any](s S) E { return s[0] }
func Sum[T int | float64](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}
func Swap[A, B any](a A, b B) (B, A) { return b, a }
func Ptr[T any](v T) *T { return &v }
type MyInts []int`

// Each case is a call yaegi v0.16.1 gets wrong without explicit type
// arguments; shown and out are what `go run` prints.
func TestGenericTypeInference(t *testing.T) {
	tests := []struct {
		name, src, shown, out string
	}{
		{"result type from a func literal", "Map([]int{1, 2}, func(x int) string { return fmt.Sprint(x, \"!\") })", "[1! 2!]", ""},
		{"from a variable and a func variable", "xs := []int{4, 5}\nhalf := func(x int) float64 { return float64(x) / 2 }\nMap(xs, half)", "[2 2.5]", ""},
		{"from a function of a cell", "func cube(x float64) float64 { return x * x * x }\nMap([]float64{2}, cube)", "[8]", ""},
		{"from the result of another generic call", "Map(Filter([]int{4, 5}, func(x int) bool { return x > 4 }), func(x int) []int { return []int{x, x} })", "[[5 5]]", ""},
		{"from a named type", "type Celsius float64\nMap([]Celsius{1.5}, func(c Celsius) string { return fmt.Sprint(c, \"C\") })", "[1.5C]", ""},
		{"constant argument and func literal", "Reduce([]string{\"a\", \"bb\"}, 0, func(n int, s string) int { return n + len(s) })", "3", ""},
		{"through a map constraint's core type", "Keys(map[string]bool{\"k\": true})", "[k]", ""},
		{"through a slice constraint and a named slice", "First(MyInts{7, 8})", "7", ""},
		{"variadic", "[]any{Sum(1, 2, 3), Sum(1.5, 2), Sum([]int{4, 5}...)}", "[6 3.5 9]", ""},
		{"partial type arguments", "Map[int]([]int{3}, func(x int) bool { return x > 2 })", "[true]", ""},
		{"inside a function", "func lens(words []string) []int { return Map(words, func(w string) int { return len(w) }) }\nlens([]string{\"abc\", \"d\"})", "[3 1]", ""},
		{"top-level variable from a generic call", "strs := Map([]int{4, 5}, func(x int) string { return strconv.Itoa(x * x) })\nstrs", "[16 25]", ""},
		{"top-level variables from a multi-value call", "a, b := Swap(1, \"s\")\nfmt.Println(a, b)", "", "s 1\n"},
		{"top-level pointer from a generic call", "p := Ptr(3)\n*p", "3", ""},
		{"top-level min and max", "xs := []int{4, 5}\nlo := min(xs[1], 2)\nhi := max(2.5, 1)\n[]any{lo, hi}", "[2 2.5]", ""},
		{"top-level result of a standard generic function", "ys := slices.Clone([]string{\"q\"})\nzs := slices.Max([]int{1, 9})\nfmt.Println(ys, zs)", "", "[q] 9\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runSteps(t, []step{{src: genericDecls}, {src: tt.src, shown: tt.shown, out: tt.out}})
		})
	}
}

func TestGenericInferenceAcrossCells(t *testing.T) {
	runSteps(t, []step{
		{src: genericDecls},
		{src: "words := strings.Fields(\"go is fun\")\nnums := []int{3, 1, 2}\nm := map[int]string{1: \"one\"}"},
		{src: "lengths := Map(nums, func(n int) string { return strings.Repeat(\"*\", n) })"},
		{src: "Map(lengths, func(s string) int { return len(s) })", shown: "[3 1 2]"},
		{src: "First(Keys(m))", shown: "1"},
	})
}

// lineComments are the position directives of generated code.
var lineComments = regexp.MustCompile(`/\*line [^*]*\*/`)

// The inferred type arguments are written into the call; calls whose
// types the syntax does not tell are left to yaegi.
func TestInferredTypeArguments(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Map([]int{1}, func(x int) string { return \"\" })", "Map[int, string]("},
		{"Map([]int{1}, strconv.Itoa)", "Map("},
		{"Reduce([]int{1}, 0.5, func(a float64, x int) float64 { return a })", "Reduce[int, float64]("},
		{"Reduce(nil, 1, nil)", "Reduce("},
		{"Ptr('x')", "Ptr[rune]("},
		{"Sum(1, 2.5)", "Sum[float64]("},
		{"Sum(1, \"s\")", "Sum("},
		{"First(MyInts{1})", "First[MyInts, int]("},
		{"Keys(map[string][]int{})", "Keys[map[string][]int, string, []int]("},
		{"var f func(int) bool\nFilter([]int{}, f)", "Filter[int]("},
		{"Map(Filter([]bool{}, nil), func(b bool) *bool { return &b })", "Map[bool, *bool]("},
		{"ch := make(chan []byte)\nMap(<-ch, func(b byte) rune { return rune(b) })", "Map[byte, rune]("},
	}
	for _, tt := range tests {
		s := NewSession(stdResolver)
		p, err := s.Compile("c1", genericDecls)
		if err != nil {
			t.Fatal(err)
		}
		s.Commit(p)
		if p, err = s.Compile("c2", tt.src); err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if stmts := lineComments.ReplaceAllString(p.Stmts, ""); !strings.Contains(stmts, tt.want) {
			t.Errorf("%q compiles to\n%s\nwant it to contain %q", tt.src, stmts, tt.want)
		}
	}
}
