package cell

import "testing"

// FuzzCompile checks that the cell compiler never panics, whatever the
// source: a panic here would be a worker crash on every keystroke of a
// malformed cell. Plain `go test` runs the seeds below and the corpus in
// testdata/fuzz/FuzzCompile; `go test -fuzz FuzzCompile ./kernel/worker/cell`
// explores further.
func FuzzCompile(f *testing.F) {
	for _, src := range []string{
		"", "1+1", "x := 1\nx", "import \"fmt\"\nfmt.Println(1)", "func f() int { return 1 }\nf()",
		"type T struct{ A int }\nT{1}", "for i := range 10 { fmt.Println(i) }", "defer fmt.Println(1)",
		"x, y := 1, 2\nx + y", "var e error\ne", "package main\nfunc main() {}", "go func() { panic(1) }()",
		"select {}", "switch x := 1; x { case 1: }", "L: for { break L }", "func (T) M() {}",
		"min(1, 2)", "clear(m)", "x := := 1", "func f() int {", "}}}", "//line x.go:1:1\n1",
		"fmt.Println(\"世界\")", "\xff\xfe", "import . \"fmt\"", "import _ \"fmt\"", "import m \"math\"\nm.Pi",
		"type G[T any] struct{ v T }\nG[int]{1}", "func F[T ~int](x T) T { return x }\nF(1)",
		"const c = iota", "return", "return 1", "x := 1; { x := 2; _ = x }; x",
		"for k := range maps.Keys(m) {}", "var _ = 1", "type (A int; B = A)", "func init() {}",
		"if x := f(); x > 0 {} else if y := 2; y > 0 {}", "ch := make(chan int)\ncase v, ok := <-ch:",
	} {
		f.Add(src, "")
	}
	f.Add("x := 1", "x + 1")
	f.Add("func f() int { return 1 }", "func f() int { return 2 }\nf()")
	f.Add("type T int", "T(1)")
	f.Fuzz(func(t *testing.T, first, second string) {
		s := NewSession(nil)
		if p, err := s.Compile("cell1", first); err == nil {
			s.Commit(p)
		}
		s.Compile("cell2", second)
		s.Names()
	})
}
