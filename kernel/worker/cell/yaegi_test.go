package cell

import (
	"strings"
	"testing"
	"time"
)

// These tests run the generated source in a real yaegi interpreter, the
// way the worker does (see harness_test.go), and compare with what
// `go run` prints.

func TestYaegiCells(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"mixed cell and persistence", []step{
			{src: "import \"fmt\"\nx := 41\nfunc inc(v int) int { return v + 1 }\nfmt.Println(inc(x))\ntype P struct{ X, Y int }\nP{1, 2}", shown: "{1 2}", out: "42\n"},
			{src: "import \"fmt\"\nfmt.Println(x)", out: "41\n"},
			{src: "inc(x) * 2", shown: "84"},
		}},
		{"auto import", []step{
			{src: `strings.ToUpper("go")`, shown: "GO"},
			{src: `strings.Repeat("a", 3)`, shown: "aaa"},
			{src: "func up(s string) string { return strings.ToUpper(s) }\nup(\"x\")", shown: "X"},
		}},
		{"alias of established path", []step{
			{src: `import "strings"`},
			{src: "import s \"strings\"\ns.ToLower(\"AB\") + strings.ToLower(\"C\")", shown: "abc"},
		}},
		{"var after statements", []step{
			{src: "x := 2\nvar y = x + 1\ny", shown: "3"},
			{src: "y * 10", shown: "30"},
		}},
		{"var declaration first then statements", []step{
			{src: "var e error\ne == nil", shown: "true"},
		}},
		{"function uses := of same cell", []step{
			{src: "data := []int{1, 2, 3}\nfunc total() int { s := 0; for _, v := range data { s += v }; return s }\ntotal()", shown: "6"},
			{src: "data = append(data, 4)\ntotal()", shown: "10"},
		}},
		{"multi-value result", []step{
			{src: "func two() (int, string) { return 1, \"a\" }\ntwo()", shown: "1 a"},
			{src: "strconv.Atoi(\"12\")", shown: "12 <nil>"},
		}},
		{"void call falls back", []step{
			{src: "var wg sync.WaitGroup\nwg.Wait()", shown: ""},
			{src: "func hi() { print(\"hi\") }", shown: ""},
			{src: "hi()", out: "hi"},
		}},
		{"print calls show nothing", []step{
			{src: "fmt.Println(\"a\")", out: "a\n"},
			{src: "fmt.Fprintln(os.Stdout, \"b\")", noCheck: true},
		}},
		{"package main runs main once", []step{
			{src: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"main ran\")\n}", out: "main ran\n"},
			{src: "1 + 1", shown: "2"},
			{src: "fmt.Println(\"later\")", out: "later\n"},
			{src: "main()", out: "main ran\n"},
		}},
		{"package main redefined", []step{
			{src: "package main\nfunc main() { println(\"one\") }", out: "one\n"},
			{src: "package main\nfunc main() { println(\"two\") }", out: "two\n"},
			{src: "2", shown: "2"},
		}},
		{"init runs before main", []step{
			{src: "package main\nvar order []string\nfunc init() { order = append(order, \"init\") }\nfunc main() { order = append(order, \"main\") }"},
			{src: "order", shown: "[init main]"},
		}},
		{"other package clause ignored", []step{
			{src: "package foo\nfunc F() int { return 7 }"},
			{src: "F()", shown: "7"},
		}},
		{"struct and string results", []step{
			{src: "[]int{1, 4, 9}", shown: "[1 4 9]"},
			{src: `"hi"`, shown: "hi"},
		}},
		{"return receive", []step{
			{src: "func rc() int { ch := make(chan int, 1); ch <- 3; return <-ch }\nrc()", shown: "3"},
			{src: "func rc2() (int, error) { ch := make(chan int, 1); ch <- 4; return <-ch, nil }\nrc2()", shown: "4 <nil>"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runSteps(t, tt.steps) })
	}
}

func TestYaegiPositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"type error line 2 col 5", "x := 1\ny := x + \"a\"", "cell1.go:2:6:"},
		{"type error in statement col 5", "x := 1\n_ = x\nif x + \"a\" == 2 {}", "cell1.go:3:4:"},
		{"type error in func", "func f() {\n\tvar s string = 1\n\t_ = s\n}", "cell1.go:2:17:"},
		{"undefined after decl", "type T int\nfunc g() T { return nope }", "cell1.go:2:21: undefined: nope"},
		{"undefined in final expression", "1 + nope", "cell1.go:1:5: undefined: nope"},
		{"inside rewritten loop", "for i := range 3 {\n\t_ = i + \"a\"\n}", "cell1.go:2:6:"},
		{"after go rewrite", "go println(1)\nvar z int = \"s\"", "cell1.go:2:13:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newKernel(t).run(tt.src)
			if !strings.Contains(o.err, tt.want) {
				t.Errorf("error %q, want it to contain %q\n--- decls:%s\n--- stmts:%s", o.err, tt.want, planDecls(o), planStmts(o))
			}
		})
	}
}

func planDecls(o outcome) string {
	if o.plan == nil {
		return ""
	}
	return o.plan.Decls
}

func planStmts(o outcome) string {
	if o.plan == nil {
		return ""
	}
	return o.plan.Stmts
}

func TestYaegiPanicPosition(t *testing.T) {
	k := newKernel(t)
	o := k.run("x := 1\n\tpanic(\"boom\")")
	// yaegi reports the position of the enclosing function's first
	// statement, not of the panic call.
	if o.err != "boom" || !strings.Contains(o.frames, "cell1.go:1:1: panic") {
		t.Errorf("err %q frames %q, want panic boom in cell1.go", o.err, o.frames)
	}
}

func TestYaegiGoroutinePanic(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		where string
	}{
		{"func literal", "done := make(chan bool)\ngo func() {\n\tdefer close(done)\n\tpanic(\"lit\")\n}()\n<-done", "lit at cell1.go:2:1"},
		{"named function with args", "done := make(chan bool)\nfunc boom(s string, d chan bool) { defer close(d); panic(s) }\n  go boom(\"named\", done)\n<-done", "named at cell1.go:3:3"},
		{"method value", "type W struct{ d chan bool }\nfunc (w W) run(n int) { defer close(w.d); panic(n) }\nw := W{make(chan bool)}\ngo w.run(7)\n<-w.d", "7 at cell1.go:4:1"},
		{"inside function", "func start(d chan bool) { go func() { defer close(d); var m map[string]int; m[\"a\"] = 1 }() }\nd := make(chan bool)\nstart(d)\n<-d", "assignment to entry in nil map at cell1.go:1:27"},
		{"nested call", "func deep() { panic(\"deep\") }\nd := make(chan bool)\ngo func() { defer close(d); deep() }()\n<-d", "deep at cell1.go:3:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := newKernel(t)
			o := k.run(tt.src)
			if o.err != "" {
				t.Fatalf("error %s\n%s", o.err, planStmts(o))
			}
			// The goroutine closes its channel in a deferred call that runs
			// before the recovering one, so GoPanic may come just after.
			var panics []string
			for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
				k.mu.Lock()
				panics = append([]string(nil), k.panics...)
				k.mu.Unlock()
				if len(panics) > 0 {
					break
				}
			}
			if len(panics) != 1 || panics[0] != tt.where {
				t.Errorf("GoPanic calls %q, want [%q]\n%s", panics, tt.where, planStmts(o))
			}
		})
	}
}

func TestYaegiGoEvaluationOrder(t *testing.T) {
	runSteps(t, []step{
		{src: "var wg sync.WaitGroup\nvar mu sync.Mutex\nvar got []int\nfunc rec(v int) { defer wg.Done(); mu.Lock(); got = append(got, v); mu.Unlock() }"},
		{src: "x := 1\nwg.Add(1)\ngo rec(x)\nx = 2\nwg.Wait()\ngot", shown: "[1]"},
		{src: "f := rec\nwg.Add(1)\ngo f(5)\nf = func(int) { panic(\"late\") }\nwg.Wait()\ngot", shown: "[1 5]"},
		{src: "func addf(a, b float64) { defer wg.Done(); mu.Lock(); got = append(got, int(a+b)); mu.Unlock() }\nwg.Add(1)\ngo addf(1, 2.5)\nwg.Wait()\ngot", shown: "[1 5 3]"},
		{src: "func vsum(xs ...int) { defer wg.Done(); s := 0; for _, x := range xs { s += x }; mu.Lock(); got = append(got, s); mu.Unlock() }\nwg.Add(2)\ngo vsum(1, 2)\nys := []int{4, 5}\ngo vsum(ys...)\nwg.Wait()\nlen(got)", shown: "5"},
		{src: "ch := make(chan int)\ngo close(ch)\n<-ch\n1", shown: "1"},
	})
}

func TestYaegiReplay(t *testing.T) {
	k := newKernel(t)
	var replays []string
	for _, src := range []string{
		"import \"strings\"\ntype P struct{ N int }\nfunc (p P) Twice() int { return p.N * 2 }",
		"func shout(s string) string { return strings.ToUpper(s) + \"!\" }\nx := 5",
		"var limit = 3",
	} {
		o := k.run(src)
		if o.err != "" {
			t.Fatalf("%q: %s", src, o.err)
		}
		replays = append(replays, o.plan.Replay)
	}
	fresh := newKernel(t)
	for _, r := range replays {
		if _, err := fresh.eval(r); err != nil {
			t.Fatalf("replay %q: %v", r, err)
		}
	}
	v, err := fresh.eval(`shout("a") + string(rune('0' + P{2}.Twice() + limit))`)
	if err != nil || v.Interface() != "A!7" {
		t.Errorf("after replay: %v, %v; want A!7", v, err)
	}
}

func TestFixPositions(t *testing.T) {
	in := "cell3/_.go:2:5: undefined: x\n(cell12/_.go:1:1) panic"
	want := "cell3.go:2:5: undefined: x\n(cell12.go:1:1) panic"
	if got := FixPositions(in); got != want {
		t.Errorf("FixPositions = %q, want %q", got, want)
	}
}

// A package-level var initialized from a variable of an earlier cell makes
// yaegi report "variable definition loop"; such declarations stay
// statements.
func TestVarFromEarlierCellVariable(t *testing.T) {
	runSteps(t, []step{
		{src: "c := 3"},
		{src: "var s = c + 1\ns", shown: "4"},
		{src: "var d = 2"},
		{src: "var e = d * 10\ne", shown: "20"},
		{src: "var t = struct{ A int }{A: c}\nt.A", shown: "3"},
	})
}

func TestRebindMakesCallersUseNewDefinition(t *testing.T) {
	s := NewSession(stdResolver)
	s.Commit(compileSeq(t, s, `func greet() string { return "hello" }`,
		`func shout() string { return greet() + "!" }`,
		`func twice() string { return shout() + shout() }`,
		`func other() int { return 1 }`))
	p, err := s.Compile("cell5", `func greet() string { return "bonjour" }`)
	if err != nil {
		t.Fatal(err)
	}
	s.Commit(p)
	src := s.Rebind(p)
	shout, twice := strings.Index(src, "func shout"), strings.Index(src, "func twice")
	if shout < 0 || twice < shout || strings.Contains(src, "func other") || strings.Contains(src, "func greet") {
		t.Errorf("Rebind source:\n%s", src)
	}
}

func TestTypeRedefinition(t *testing.T) {
	runSteps(t, []step{
		{src: "type T struct{ A int }"},
		{src: "type T struct{ A int }"}, // running the same cell again is fine
		{src: "type T struct{ B string }", errHas: "type T is already declared"},
	})
}
