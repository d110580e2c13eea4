package cell

import "testing"

// A value of a cell's error type printed directly prints its Error text,
// as in Go; outputs are what `go run` prints.
func TestPrintingCellErrorValues(t *testing.T) {
	runSteps(t, []step{
		{src: "type NotFound struct{ Name string }\nfunc (e *NotFound) Error() string { return \"not found: \" + e.Name }\nfmt.Println(&NotFound{\"x\"})", out: "not found: x\n"},
		{src: "nf := &NotFound{\"y\"}\nfmt.Printf(\"%v|%s|%q|%d\\n\", nf, nf, nf, 5)\nfmt.Print(\"e: \", nf, \"\\n\")", out: "not found: y|not found: y|\"not found: y\"|5\ne: not found: y\n"},
		{src: "type code int\nfunc (c code) Error() string { return fmt.Sprint(\"code \", int(c)) }\nfmt.Println(code(3))", out: "code 3\n"},
		{src: "type Bad struct{ N int }\nfunc (b Bad) Error() string { return \"bad\" }\nfmt.Println(Bad{5}, &Bad{6})", out: "bad bad\n"},
		// Error on *NotFound is not in NotFound's method set.
		{src: "fmt.Println(NotFound{\"v\"})", out: "{v}\n"},
		// fmt prints <nil> when Error panics on a nil receiver.
		{src: "var np *NotFound\nfmt.Println(np)", out: "<nil>\n"},
		{src: "b := Bad{1}\nfmt.Sprintln(\"got\", b)", shown: "got bad\n"},
	})
}
