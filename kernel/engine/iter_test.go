package engine

import (
	"strings"
	"testing"
)

// Go 1.23 iterators and generic type inference, through a real worker:
// package iter, range over functions with return and labels, the
// iterator functions of slices and maps, and type arguments inferred
// from function literals. want is what `go run` prints.
func TestIteratorsAndGenericInference(t *testing.T) {
	e := newEngine(t)
	for _, c := range []struct{ code, want string }{
		{"import \"iter\"\nfunc Count(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor i := range n {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\nslices.Collect(Count(3))", "[0 1 2]"},
		{"func find(want int) (int, bool) {\n\tfor x := range Count(10) {\n\t\tif x*x == want {\n\t\t\treturn x, true\n\t\t}\n\t}\n\treturn 0, false\n}\nfmt.Sprint(find(49))", `"7 true"`},
		{"s := \"\"\nouter:\nfor i := range Count(3) {\n\tfor j := range Count(3) {\n\t\tif j > i {\n\t\t\tcontinue outer\n\t\t}\n\t\ts += fmt.Sprint(i, j, \" \")\n\t}\n}\ns", `"0 0 1 0 1 1 2 0 2 1 2 2 "`},
		{"ages := map[string]int{\"bob\": 31, \"al\": 40}\nnames := slices.Sorted(maps.Keys(ages))\nnames", "[al bob]"},
		{"next, stop := iter.Pull(Count(2))\ndefer stop()\nfmt.Sprint(next())", `"0 true"`},
		{"func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}\nlabels := Map(names, func(n string) string { return strings.ToUpper(n) })\nlabels", "[AL BOB]"},
	} {
		res, _ := run(t, e, c.code)
		if res.Error != nil || text(res) != c.want {
			t.Errorf("%q = %q, %+v; want %q", c.code, text(res), res.Error, c.want)
		}
	}
	res, _ := run(t, e, "for k := range maps.Keys(ages) {\n\tdefer fmt.Println(k)\n}")
	if res.Error == nil || res.Error.Name != "CompileError" || !strings.HasPrefix(res.Error.Value, "defer in the body of a range-over-func loop is not supported") {
		t.Errorf("defer in a range-over-func loop: %+v, want a CompileError naming it", res.Error)
	}
}
