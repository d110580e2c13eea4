package cell

import (
	"go/ast"
	"go/parser"
	"testing"
)

// yaegi loses the values before a call in a tuple assignment; the
// compiler evaluates them first. Outputs are what `go run` prints.
func TestTupleAssignKeepsEveryValue(t *testing.T) {
	runSteps(t, []step{
		{src: "func P(x int) int { return x }\nvar e, f int\ne, f = 1, P(2)\ne*10 + f", shown: "12"},
		{src: "x := 3\ne, f = x, P(2)\ne*10 + f", shown: "32"},
		{src: "func g() (int, int) { var a float64; var b int; a, b = 1, P(2); return int(a), b }\ng()", shown: "1 2"},
		{src: "s := []int{0, 0}\ns[0], s[1] = 1, P(2)\ns", shown: "[1 2]"},
		{src: "p, q := 5, 1\np, q = q, p\nfmt.Println(p, q)", out: "1 5\n"},
		{src: "ch := make(chan int, 1)\nch <- 9\nv, w := 0, 0\nv, w = 4, <-ch\nfmt.Println(v, w)", out: "4 9\n"},
		{src: "for i := 0; i < 1; i++ {\n\tswitch {\n\tcase true:\n\t\te, f = i+7, P(8)\n\t}\n}\ne*10 + f", shown: "78"},
		// Values are evaluated before any assignment, in order.
		{src: "n := 1\nbump := func() int { n++; return n }\na, b := 0, 0\na, b = n, bump()\nfmt.Println(a, b)", out: "1 2\n"},
	})
}

func TestHasEffect(t *testing.T) {
	conversionToT := func(call *ast.CallExpr) bool {
		id, ok := call.Fun.(*ast.Ident)
		return ok && id.Name == "T"
	}
	for src, want := range map[string]bool{
		"f(1) + -x":      true, // an expression after the call does not hide it
		"<-ch + g()":     true,
		"-x + 1":         false,
		"func() { f() }": false,
		"T(y) + 1":       false,
		"T(f()) + 1":     true,
	} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := hasEffect(e, conversionToT); got != want {
			t.Errorf("hasEffect(%s) = %v, want %v", src, got, want)
		}
	}
}
