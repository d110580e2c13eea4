package cell

import "testing"

// A variable initialized from a generic call, which yaegi cannot declare
// at package level (it even leaves `var m int = max(3, 2)` at 0).
func TestVarFromGenericCall(t *testing.T) {
	runSteps(t, []step{
		{src: "var m2 = min(3, 2)\nm2", shown: "2"},
		{src: "var m3 int = max(3, 2)\nm3", shown: "3"},
		{src: "func Ptr[T any](v T) *T { return &v }\nvar pz = Ptr(7)\n*pz", shown: "7"},
		{src: "var ys = slices.Clone([]int{1, 2})\nys", shown: "[1 2]"},
		{src: "m2 + m3 + *pz", shown: "12"},
		{src: "func useIt() int { return q }\nvar q = max(1, 5)\nuseIt()", shown: "5"},
		{src: "var a, b = 1, min(2, 3)\na + b", shown: "3"},
		{src: "var lo = min(m2, m3)\nvar hi = lo + 10\nhi", shown: "12"},
	})
}
