package cell

import "testing"

// A cell that does not compile leaves nothing behind: its new names are
// undefined, the functions it redefined keep their earlier definitions.
func TestFailedCellLeavesNothing(t *testing.T) {
	runSteps(t, []step{
		{src: "func f() int { return 1 }\nfunc g() int { return f() * 10 }"},
		{src: "w := 1\nw2 := w + nope", errHas: "cell2.go:2:"},
		{src: "w", errHas: "cell3.go:1:1: undefined: w (only a cell that failed to compile declared it)"},
		{src: "func f() int { return 2 }\ntype T struct{ A int }\nvar bad int = \"x\"", errHas: "cell4.go:3:"},
		{src: "f() + g()", shown: "11"},
		{src: "func h() T { return T{} }", errHas: "cell6.go:1:10: undefined: T"},
		{src: "type T struct{ B string }", errHas: "type T is already declared"},
		{src: "type T struct{ A int }\nT{3}", shown: "{3}"},
		{src: "w := 4\nw * 2", shown: "8"},
		{src: "type P struct{ w int }\nm := map[string]int{\"w\": 1}\nlen(m) + P{w: 2}.w", shown: "3"},
	})
}
