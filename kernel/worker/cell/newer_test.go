package cell

import "testing"

// Functions newer than yaegi's standard library run as stand-ins;
// outputs are what `go run` prints.
func TestNewerStandardFunctions(t *testing.T) {
	runSteps(t, []step{
		{src: "for l := range strings.Lines(\"a\\nb\\nc\") { fmt.Printf(\"%q \", l) }", out: `"a\n" "b\n" "c" `},
		{src: "for p := range strings.SplitSeq(\"a,b,c\", \",\") { fmt.Print(p, \" \") }", out: "a b c "},
		{src: "for f := range strings.FieldsSeq(\"  x  y z \") { fmt.Print(f, \"|\") }", out: "x|y|z|"},
		{src: "for l := range strings.Lines(\"\") { fmt.Print(\"never\", l) }\nlen(slices.Collect(strings.Lines(\"x\\ny\\n\")))", shown: "2"},
		{src: "n := 0\ninit1 := sync.OnceFunc(func() { n++ })\ninit1()\ninit1()\nn", shown: "1"},
		{src: "get := sync.OnceValue(func() int { fmt.Println(\"computing\"); return 42 })\nget() + get()", shown: "84", out: "computing\n"},
		{src: "v2 := sync.OnceValues(func() (int, error) { return 7, nil })\nx, err := v2()\nfmt.Println(x, err)", out: "7 <nil>\n"},
		{src: "slices.Repeat([]int{1, 2}, 3)", shown: "[1 2 1 2 1 2]"},
		{src: "for c := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) { fmt.Print(c, \" \") }", out: "[1 2] [3 4] [5] "},
	})
}
