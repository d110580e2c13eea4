package cell

import "testing"

// Each case is Go ≥ 1.21 code that yaegi v0.16.1 gets wrong on its own;
// out is what `go run` prints for the same code.
func TestYaegiModernGo(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"range over int literal", []step{{src: "for i := range 3 { print(i) }", out: "012"}}},
		{"range over int variable and expression", []step{
			{src: "n := 4"},
			{src: "for i := range n - 1 { print(i) }\nfor range n { print(\"x\") }", out: "012xxxx"},
			{src: "func count(k int) int { c := 0; for i := range k { c += i }; return c }\ncount(5)", shown: "10"},
		}},
		{"range over int typed", []step{{src: "var m int64 = 2\nfor i := range m { fmt.Printf(\"%T \", i) }", out: "int64 int64 "}}},
		{"range over int body change", []step{{src: "for i := range 3 { i += 10; fmt.Print(i, \" \") }", out: "10 11 12 "}}},
		{"range over int labeled", []step{{src: "outer:\nfor i := range 3 {\n\tfor j := range 3 {\n\t\tif j > i { continue outer }\n\t\tfmt.Print(i, j, \" \")\n\t}\n}", out: "0 0 1 0 1 1 2 0 2 1 2 2 "}}},
		{"range over slice untouched", []step{{src: "s := 0\nfor _, v := range []int{1, 2, 3} { s += v }\ns", shown: "6"}}},
		{"per-iteration 3-clause", []step{{src: "var fs []func()\nfor i := 0; i < 3; i++ { fs = append(fs, func() { print(i) }) }\nfor _, f := range fs { f() }", out: "012"}}},
		{"per-iteration in func", []step{{src: "func mk() []func() int { var fs []func() int; for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }; return fs }\nfs := mk()\nfs[0]() + fs[1]()*10 + fs[2]()*100", shown: "210"}}},
		{"per-iteration with continue and body change", []step{{src: "var fs []func()\nfor i := 0; i < 5; i++ {\n\tif i == 1 { i = 2; continue }\n\tfs = append(fs, func() { print(i) })\n}\nfor _, f := range fs { f() }", out: "034"}}},
		{"per-iteration range", []step{{src: "var fs []func()\nfor _, v := range []string{\"a\", \"b\"} { fs = append(fs, func() { print(v) }) }\nfor _, f := range fs { f() }", out: "ab"}}},
		{"per-iteration goroutines", []step{{src: "var wg sync.WaitGroup\nres := make([]int, 3)\nfor i := 0; i < 3; i++ { wg.Add(1); go func() { defer wg.Done(); res[i] = i * i }() }\nwg.Wait()\nres", shown: "[0 1 4]"}}},
		{"user already copies", []step{{src: "var fs []func()\nfor i := 0; i < 2; i++ { i := i; fs = append(fs, func() { print(i) }) }\nfor _, f := range fs { f() }", out: "01"}}},
		{"min max", []step{
			{src: "min(3, 1, 2)", shown: "1"},
			{src: "x := 2.5\nmax(1, x)", shown: "2.5"},
			{src: "min(1, x) + max(x, 4)", shown: "5"},
			{src: "min(\"b\", \"a\")", shown: "a"},
			{src: "func lo(a, b int) int { return min(a, b) }\nlo(7, 4)", shown: "4"},
			{src: "math.IsNaN(max(math.NaN(), 1))", shown: "true"},
		}},
		{"clear", []step{{src: "m := map[string]int{\"a\": 1}\ns := []int{1, 2}\nclear(m)\nclear(s)\nfmt.Println(len(m), s)", out: "0 [0 0]\n"}}},
		{"user min shadows builtin", []step{{src: "func min(a, b int) int { return 42 }\nmin(1, 2)", shown: "42"}}},
		{"select comma-ok case at top level", []step{{src: "ch := make(chan int, 1)\nch <- 4\nselect {\ncase v, ok := <-ch:\n\tfmt.Println(v, ok)\n}", out: "4 true\n"}}},
		{"comma blank in if/else at top level", []step{
			{src: "func g() (int, error) { return 1, nil }"},
			{src: "if true {\n\tx, _ := g()\n\tfmt.Println(x)\n} else {\n\ty, _ := g()\n\tfmt.Println(y)\n}", out: "1\n"},
		}},
		{"k := k in top-level loop", []step{{src: "var fs []func()\nfor _, k := range []int{7, 8} {\n\tk := k\n\tfs = append(fs, func() { print(k) })\n}\nfor _, f := range fs { f() }", out: "78"}}},
		{"return receive in method", []step{{src: "type Q struct{ c chan string }\nfunc (q Q) Get() string { return <-q.c }\nq := Q{make(chan string, 1)}\nq.c <- \"v\"\nq.Get()", shown: "v"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runSteps(t, tt.steps) })
	}
}

func TestYaegiRedefinition(t *testing.T) {
	k := runSteps(t, []step{
		{src: "func greet() string { return \"hi\" }\nconst c = 1\nvar v = 1"},
		{src: "func greet() string { return \"hello\" }\nconst c = 2\nvar v = 2"},
		{src: "greet() + fmt.Sprint(c*10+v)", shown: "hello22"},
	})
	_ = k
	p, err := NewSession(stdResolver).Compile("c", "x := 1")
	if err != nil || len(p.Redefined) != 0 {
		t.Errorf("fresh session: Redefined %v err %v", p.Redefined, err)
	}
}

func TestSlicesFunctionsYaegiLacks(t *testing.T) {
	runSteps(t, []step{
		{src: "xs := []int{3, 1, 2}\nslices.Sort(xs)\nxs", shown: "[1 2 3]"},
		{src: "words := []string{\"pear\", \"fig\", \"apple\"}\nslices.SortFunc(words, func(a, b string) int { return len(a) - len(b) })\nwords", shown: "[fig pear apple]"},
		{src: "[]any{slices.Max(xs), slices.Min(xs), slices.IsSorted(xs)}", shown: "[3 1 true]"},
		{src: "slices.Reverse(xs)\nxs", shown: "[3 2 1]"},
		{src: "import \"sort\"\nsort.Ints(xs)\nslices.BinarySearch(xs, 2)", shown: "1 true"},
		{src: "slices.Contains(xs, 3)", shown: "true"},
		{src: "[]bool{slices.Equal(xs, []int{1, 2, 3}), slices.Equal(xs, []int{1})}", shown: "[true false]"},
		{src: "maps.Equal(map[string]int{\"a\": 1}, map[string]int{\"a\": 1})", shown: "true"},
	})
}

func TestTopLevelDeferRunsOnceAtCellEnd(t *testing.T) {
	runSteps(t, []step{
		{src: "msg := \"first\"\ndefer fmt.Println(\"deferred\", msg)\nmsg = \"second\"\nfmt.Println(\"body\", msg)", out: "body second\ndeferred first\n"},
		{src: "fmt.Println(\"next cell\")", out: "next cell\n"},
		{src: "for i := 0; i < 2; i++ {\n\tdefer fmt.Println(\"loop\", i)\n}\nfunc later() { defer fmt.Println(\"in func\") }\nlater()", out: "in func\nloop 1\nloop 0\n"},
	})
}

func TestRangeOverFunc(t *testing.T) {
	runSteps(t, []step{
		{src: "func Count(n int) func(yield func(int) bool) {\n\treturn func(yield func(int) bool) {\n\t\tfor i := 0; i < n; i++ {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}"},
		{src: "for x := range Count(6) {\n\tif x == 1 {\n\t\tcontinue\n\t}\n\tif x == 4 {\n\t\tbreak\n\t}\n\tswitch x {\n\tcase 2:\n\t\tfmt.Print(\"two \")\n\t\tbreak\n\t}\n\tfmt.Print(x, \" \")\n}\nfmt.Println()", out: "0 two 2 3 \n"},
		{src: "func Pairs() func(yield func(string, int) bool) {\n\treturn func(yield func(string, int) bool) {\n\t\t_ = yield(\"a\", 1) && yield(\"b\", 2)\n\t}\n}\nfor k, v := range Pairs() {\n\tfmt.Print(k, v, \" \")\n}\nfor range Pairs() {\n\tfmt.Print(\".\")\n}", out: "a1 b2 .."},
		{src: "seq := Count(3)\nfor x := range seq {\n\tfmt.Print(x)\n}", out: "012"},
		{src: "for x := range seq {\n\tfmt.Print(x + 10, \" \")\n}", out: "10 11 12 "},
		{src: "var fs []func()\nfor i := range Count(3) {\n\tfs = append(fs, func() { fmt.Print(i) })\n}\nfor _, f := range fs {\n\tf()\n}", out: "012"},
	})
}
