package cell

import "testing"

func TestPanicSite(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int // what yaegi reports
		kind      PanicKind
		value     string // the panic's text
		want      Site
		ok        bool
	}{
		{"top-level index", "s := []int{1,2,3}\ni := 5\nfmt.Println(s[i])", 1, 6, PanicIndex, "",
			Site{Line: 3, Col: 13, TopLevel: true, X: "s", Index: "i"}, true},
		{"index in a function", "func at(s []int, i int) int {\n\tx := 1\n\treturn s[i] + x\n}\nat([]int{1}, 3)", 2, 2, PanicIndex, "",
			Site{Line: 3, Col: 9}, true},
		{"two candidates", "a, b := []int{1}, []int{}\nfmt.Println(a[0], b[0])", 1, 1, PanicIndex, "", Site{}, false},
		{"function frame ignores the cell's statements", "func f(s []int) int { return s[3] }\nx := []int{}\nx[0] = f(x)", 1, 23, PanicIndex, "",
			Site{Line: 1, Col: 30}, true},
		{"loop variable is not evaluated", "s := []int{1}\nfor i := 0; i < 3; i++ {\n\tfmt.Println(s[i])\n}", 1, 1, PanicIndex, "",
			Site{Line: 3, Col: 14, X: "s", Index: "i"}, true},
		{"slice bounds", "sl := []int{1, 2}\nhi := 5\nfmt.Println(sl[1:hi])", 1, 7, PanicSlice, "",
			Site{Line: 3, Col: 13, TopLevel: true, X: "sl", Low: "1", High: "hi"}, true},
		{"division", "z := 0\nq := 10 / 2\nfmt.Println(q / z)", 1, 1, PanicDivide, "", Site{Line: 3, Col: 13}, true},
		{"panic call", "func check(ok bool) {\n\tif !ok {\n\t\tpanic(\"bad\")\n\t}\n}\ncheck(false)", 2, 2, PanicCall, "bad", Site{Line: 3, Col: 3}, true},
		{"panic in a literal", "f := func() {\n\tpanic(1)\n}\npanic(2)\nf()", 2, 2, PanicCall, "", Site{Line: 2, Col: 2}, true},
		{"nil map", "var m map[string]int\nm[\"a\"] = 1", 2, 1, PanicNilMap, "",
			Site{Line: 2, Col: 1, TopLevel: true, X: "m", Index: `"a"`}, true},
		{"panic value picks among panic calls", "func check(n int) {\n\tif n < 0 {\n\t\tpanic(\"negative\")\n\t}\n\tif n > 9 {\n\t\tpanic(\"too big\")\n\t}\n}\ncheck(12)", 2, 2, PanicCall, "too big", Site{Line: 6, Col: 3}, true},
		{"a computed panic value may be any", "func check(n int) {\n\tif n < 0 {\n\t\tpanic(fmt.Sprint(n))\n\t}\n\tpanic(\"other\")\n}\ncheck(-1)", 2, 2, PanicCall, "-1", Site{Line: 3, Col: 3}, true},
		{"call operand is not evaluated", "s := []int{}\nfmt.Println(s[len(s)])", 1, 1, PanicIndex, "",
			Site{Line: 2, Col: 13, X: "s", Index: "len(s)"}, true},
	}
	for _, tc := range tests {
		got, ok := PanicSite(tc.src, tc.line, tc.col, tc.kind, tc.value)
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: PanicSite = %+v, %v; want %+v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
