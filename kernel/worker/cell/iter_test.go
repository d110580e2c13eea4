package cell

import (
	"strings"
	"testing"
)

// iterDecls declares the iterators the range-over-func tests use.
const iterDecls = `import "iter"
func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}
func Pairs() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) { _ = yield("a", 1) && yield("b", 2) && yield("c", 3) }
}
func Ticks(n int) func(func() bool) {
	return func(yield func() bool) {
		for i := 0; i < n && yield(); i++ {
		}
	}
}`

// Each case's output is what `go run` prints for the same code.
func TestRangeOverFuncControlFlow(t *testing.T) {
	tests := []struct {
		name, src, shown, out string
	}{
		{"return values from nested blocks",
			"func find(target int) (int, bool) {\n\tfor x := range Count(10) {\n\t\tif x > 1 {\n\t\t\tif x == target {\n\t\t\t\treturn x * 10, true\n\t\t\t}\n\t\t}\n\t}\n\treturn -1, false\n}\nfmt.Println(find(3))\nfmt.Println(find(30))",
			"", "30 true\n-1 false\n"},
		{"bare return with named results",
			"func firstEven() (n int, err error) {\n\tfor x := range Count(10) {\n\t\tif x > 0 && x%2 == 0 {\n\t\t\tn = x\n\t\t\treturn\n\t\t}\n\t}\n\treturn 0, fmt.Errorf(\"none\")\n}\nfirstEven()",
			"2 <nil>", ""},
		{"return from a void function",
			"func show() {\n\tfor k, v := range Pairs() {\n\t\tif v == 2 {\n\t\t\treturn\n\t\t}\n\t\tfmt.Print(k)\n\t}\n\tfmt.Print(\"unreached\")\n}\nshow()",
			"", "a"},
		{"return from the inner of nested loops",
			"func product(want int) string {\n\tfor x := range Count(10) {\n\t\tfor y := range Count(10) {\n\t\t\tif x*y == want {\n\t\t\t\treturn fmt.Sprint(x, \"*\", y)\n\t\t\t}\n\t\t}\n\t}\n\treturn \"none\"\n}\nproduct(12) + \" \" + product(97)",
			"2*6 none", ""},
		{"return inside a function literal",
			"f := func() int {\n\tfor x := range Count(10) {\n\t\tif x == 4 {\n\t\t\treturn x\n\t\t}\n\t}\n\treturn -1\n}\nf() + 1",
			"5", ""},
		{"labeled break and continue of the loop",
			"outer:\nfor i := range Count(3) {\n\tfor j := range Count(3) {\n\t\tif j == 2 {\n\t\t\tcontinue outer\n\t\t}\n\t\tif i == 2 {\n\t\t\tbreak outer\n\t\t}\n\t\tfmt.Print(i, j, \" \")\n\t}\n}\nfmt.Println(\"end\")",
			"", "0 0 0 1 1 0 1 1 end\n"},
		{"labeled continue from a nested for loop",
			"rows:\nfor x := range Count(3) {\n\tfor j := 0; j < 3; j++ {\n\t\tif j > x {\n\t\t\tcontinue rows\n\t\t}\n\t\tfmt.Print(x, j, \";\")\n\t}\n}",
			"", "0 0;1 0;1 1;2 0;2 1;2 2;"},
		{"break and continue of an enclosing for loop",
			"func walk() string {\n\ts := \"\"\nouter:\n\tfor i := 0; i < 4; i++ {\n\t\tfor x := range Count(3) {\n\t\t\tfor y := range Count(3) {\n\t\t\t\tif i == 3 {\n\t\t\t\t\tbreak outer\n\t\t\t\t}\n\t\t\t\tif y > x || x > i {\n\t\t\t\t\tcontinue outer\n\t\t\t\t}\n\t\t\t\ts += fmt.Sprint(i, x, y, \" \")\n\t\t\t}\n\t\t}\n\t}\n\treturn s\n}\nwalk()",
			"0 0 0 1 0 0 2 0 0 ", ""},
		{"continue of a for loop with per-iteration variables",
			"func steps() []int {\n\tvar fs []func() int\nouter:\n\tfor i := 0; i < 20; i++ {\n\t\tfs = append(fs, func() int { return i })\n\t\tfor x := range Count(5) {\n\t\t\tif x == 2 {\n\t\t\t\ti += 5\n\t\t\t\tcontinue outer\n\t\t\t}\n\t\t}\n\t}\n\tvar out []int\n\tfor _, f := range fs {\n\t\tout = append(out, f())\n\t}\n\treturn out\n}\nsteps()",
			"[5 11 17 23]", ""},
		{"break of a switch and continue of the loop",
			"for x := range Count(5) {\n\tswitch {\n\tcase x == 1:\n\t\tcontinue\n\tcase x == 3:\n\t\tbreak\n\tdefault:\n\t\tfmt.Print(x)\n\t}\n\tif x == 3 {\n\t\tbreak\n\t}\n}",
			"", "02"},
		{"assigning the iteration variables",
			"var k string\nvar v int\nfor k, v = range Pairs() {\n\tif v == 2 {\n\t\tbreak\n\t}\n}\nfmt.Println(k, v)",
			"", "b 2\n"},
		{"fewer variables than values, and none",
			"for k := range Pairs() {\n\tfmt.Print(k)\n}\nfor range Pairs() {\n\tfmt.Print(\".\")\n}\nn := 0\nfor range Ticks(4) {\n\tn++\n}\nn",
			"4", "abc..."},
		{"fresh variables per iteration",
			"var fs []func() int\nfor x := range Count(3) {\n\tfs = append(fs, func() int { return x })\n}\nfs[0]() + fs[1]()*10 + fs[2]()*100",
			"210", ""},
		{"a local iterator variable",
			"func local() []int {\n\tseq := func(yield func(int) bool) { _ = yield(10) && yield(20) }\n\tvar got []int\n\tfor x := range seq {\n\t\tgot = append(got, x)\n\t}\n\treturn got\n}\nlocal()",
			"[10 20]", ""},
		{"an iterator parameter of a generic function",
			"func SumSeq[T int | float64](s iter.Seq[T]) T {\n\tvar t T\n\tfor x := range s {\n\t\tt += x\n\t}\n\treturn t\n}\nSumSeq(Count(5))",
			"10", ""},
		{"a method returning an iterator",
			"type Tree struct {\n\tL, R *Tree\n\tV    int\n}\nfunc (t *Tree) walk(yield func(int) bool) bool {\n\treturn t == nil || t.L.walk(yield) && yield(t.V) && t.R.walk(yield)\n}\nfunc (t *Tree) All() iter.Seq[int] { return func(yield func(int) bool) { t.walk(yield) } }\ntr := &Tree{L: &Tree{V: 1}, V: 2, R: &Tree{V: 3}}\nfor v := range tr.All() {\n\tif v == 3 {\n\t\tbreak\n\t}\n\tfmt.Print(v)\n}",
			"", "12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runSteps(t, []step{{src: iterDecls}, {src: tt.src, shown: tt.shown, out: tt.out}})
		})
	}
}

func TestRangeOverFuncIteratorMustStop(t *testing.T) {
	runSteps(t, []step{
		{src: "bad := iter.Seq[int](func(yield func(int) bool) { yield(1); yield(2) })\nfor x := range bad {\n\tfmt.Println(x)\n\tbreak\n}",
			errHas: "range function continued iteration after function for loop body returned false"},
	})
}

func TestRangeOverFuncUnsupported(t *testing.T) {
	tests := []struct{ name, src, err string }{
		{"defer", "for x := range Count(3) {\n\tdefer fmt.Println(x)\n}",
			"cell2.go:2:2: defer in the body of a range-over-func loop is not supported"},
		{"goto out", "func g() {\n\tfor x := range Count(3) {\n\t\tif x == 1 {\n\t\t\tgoto done\n\t\t}\n\t}\ndone:\n\tfmt.Println(\"done\")\n}",
			"cell2.go:4:4: goto out of the body of a range-over-func loop is not supported"},
		{"too many variables", "for a, b := range Count(2) {\n\tfmt.Println(a, b)\n}",
			"cell2.go:1:19: range over Count(2) permits only 1 iteration variables, not 2"},
		{"return value at top level", "for x := range Count(2) {\n\treturn x\n}",
			"cell2.go:2:2: too many return values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := newKernel(t)
			k.run(iterDecls)
			o := k.run(tt.src)
			if !strings.Contains(o.err, tt.err) {
				t.Errorf("error %q, want it to contain %q", o.err, tt.err)
			}
		})
	}
}

func TestIterPackage(t *testing.T) {
	runSteps(t, []step{
		{src: iterDecls},
		{src: "type List[T any] struct{ items []T }\nfunc (l *List[T]) Push(v T) { l.items = append(l.items, v) }\nfunc (l *List[T]) All() iter.Seq2[int, T] {\n\treturn func(yield func(int, T) bool) {\n\t\tfor i, v := range l.items {\n\t\t\tif !yield(i, v) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\nl := &List[string]{}\nl.Push(\"x\")\nl.Push(\"y\")\nfor i, v := range l.All() {\n\tfmt.Print(i, v, \" \")\n}",
			out: "0x 1y "},
		{src: "next, stop := iter.Pull(Count(3))\na, ok1 := next()\nb, ok2 := next()\nstop()\nc, ok3 := next()\nfmt.Println(a, ok1, b, ok2, c, ok3)", out: "0 true 1 true 0 false\n"},
		{src: "next2, stop2 := iter.Pull2(Pairs())\ndefer stop2()\nnext2()", shown: "a 1 true"},
		{src: "var s iter.Seq[int] = Count(2)\nfor v := range s {\n\tfmt.Print(v)\n}", out: "01"},
	})
}

// A panic of the iterator reaches the caller of next; yaegi also prints
// the frames it unwound, which the test does not check.
func TestIterPullPanics(t *testing.T) {
	k := newKernel(t)
	o := k.run("boom := iter.Seq[int](func(yield func(int) bool) { panic(\"in iterator\") })\nn3, _ := iter.Pull(boom)\nfunc() {\n\tdefer func() { fmt.Println(\"recovered:\", recover()) }()\n\tn3()\n}()\nn3()")
	if o.err != "" || o.shown != "0 false" || !strings.HasSuffix(o.out, "recovered: in iterator\n") {
		t.Errorf("shown %q, output %q, error %q; want 0 false after the recovered panic", o.shown, o.out, o.err)
	}
}

func TestIterAutoImported(t *testing.T) {
	runSteps(t, []step{
		{src: "func Ones(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor range n {\n\t\t\tif !yield(1) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\nsum := 0\nfor v := range Ones(3) {\n\tsum += v\n}\nsum", shown: "3"},
	})
}

func TestSlicesAndMapsIterators(t *testing.T) {
	runSteps(t, []step{
		{src: "m := map[string]int{\"b\": 2, \"a\": 1, \"c\": 3}\nkeys := slices.Sorted(maps.Keys(m))\nkeys", shown: "[a b c]"},
		{src: "sum := 0\nfor v := range maps.Values(m) {\n\tsum += v\n}\nfor k, v := range maps.All(m) {\n\tif k == \"c\" {\n\t\tsum += 10 * v\n\t}\n}\nsum", shown: "36"},
		{src: "for k := range maps.Keys(m) {\n\tif k == \"a\" {\n\t\tfmt.Println(\"has a\")\n\t}\n}", out: "has a\n"},
		{src: "for i, v := range slices.All([]string{\"x\", \"y\"}) {\n\tfmt.Print(i, v, \" \")\n}\nfor i, v := range slices.Backward([]string{\"x\", \"y\"}) {\n\tfmt.Print(i, v, \" \")\n}\nfor v := range slices.Values([]int{7, 8}) {\n\tfmt.Print(v, \" \")\n}", out: "0x 1y 1y 0x 7 8 "},
		{src: "vals := slices.Collect(slices.Values([]float64{1.5, 2.5}))\nvals", shown: "[1.5 2.5]"},
		{src: "slices.AppendSeq([]int{0}, slices.Values([]int{2, 4}))", shown: "[0 2 4]"},
		{src: "desc := slices.SortedFunc(maps.Keys(m), func(a, b string) int { return strings.Compare(b, a) })\ndesc", shown: "[c b a]"},
		{src: "m2 := maps.Collect(maps.All(m))\nmaps.Insert(m2, maps.All(map[string]int{\"z\": 26}))\n[]int{len(m2), m2[\"z\"]}", shown: "[4 26]"},
		{src: "func firstKey(m map[string]int) string {\n\tfor _, k := range slices.Sorted(maps.Keys(m)) {\n\t\treturn k\n\t}\n\treturn \"\"\n}\nfirstKey(m)", shown: "a"},
		{src: "func big(m map[string]int) string {\n\tfor k, v := range maps.All(m) {\n\t\tif v > 2 {\n\t\t\treturn k\n\t\t}\n\t}\n\treturn \"\"\n}\nbig(m)", shown: "c"},
		{src: "slices.Collect(maps.Values(map[int]bool{}))", shown: "[]"},
	})
}
