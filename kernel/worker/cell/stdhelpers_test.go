package cell

import "testing"

// The slices and maps functions yaegi's generic library cannot
// instantiate run as stand-ins; outputs are what `go run` prints.
func TestSlicesAndMapsStandIns(t *testing.T) {
	runSteps(t, []step{
		{src: "s := []int{1, 2, 3, 4}\nzs := slices.Delete(s, 0, 1)\nfmt.Println(zs, s)", out: "[2 3 4] [2 3 4 0]\n"},
		{src: "slices.Compact([]int{1, 1, 2, 2, 3})", shown: "[1 2 3]"},
		{src: "slices.CompactFunc([]string{\"a\", \"A\", \"b\"}, strings.EqualFold)", shown: "[a b]"},
		{src: "slices.DeleteFunc([]int{1, 2, 3, 4}, func(v int) bool { return v%2 == 0 })", shown: "[1 3]"},
		{src: "slices.Concat([]int{1}, []int{2, 3})", shown: "[1 2 3]"},
		{src: "r := []string{\"a\", \"b\", \"c\"}\nslices.Replace(r, 1, 2, \"x\", \"y\")", shown: "[a x y c]"},
		{src: "m := map[string]int{\"a\": 1}\nm2 := maps.Clone(m)\nm2[\"b\"] = 2\nfmt.Println(len(m), len(m2))", out: "1 2\n"},
		{src: "func drop(xs []int) []int { return slices.Delete(xs, 1, 2) }\ndrop([]int{7, 8, 9})", shown: "[7 9]"},
	})
}

// Sorting works for compiled named types (time.Duration) and cell types
// with an ordered underlying type, with cmp.Compare's order.
func TestSortingNamedOrderedTypes(t *testing.T) {
	runSteps(t, []step{
		{src: "ds := []time.Duration{3 * time.Second, time.Millisecond}\nslices.Sort(ds)\nds", shown: "[1ms 3s]"},
		{src: "type Celsius float64\ncs := []Celsius{3, 1, 2}\nslices.Sort(cs)\nfmt.Println(cs, slices.Max(cs), slices.Min(cs), slices.IsSorted(cs))", out: "[1 2 3] 3 1 true\n"},
		{src: "fs := []float64{2, math.NaN(), 1}\nslices.Sort(fs)\nfmt.Println(fs, math.IsNaN(slices.Max(fs)))", out: "[NaN 1 2] true\n"},
		{src: "i, found := slices.BinarySearch([]string{\"a\", \"c\", \"e\"}, \"c\")\nfmt.Println(i, found)", out: "1 true\n"},
		{src: "slices.Sorted(maps.Keys(map[string]int{\"b\": 1, \"a\": 2}))", shown: "[a b]"},
	})
}
