package cell

import "testing"

// A struct value with a value-receiver Error method, stored in an error
// variable, works as in Go (yaegi alone printed its fields or panicked).
func TestValueErrorsInErrorVariables(t *testing.T) {
	runSteps(t, []step{
		{src: "type Bad struct{ N int; S string }\nfunc (b Bad) Error() string { return fmt.Sprint(\"bad \", b.N) }\nvar e error = Bad{5, \"q\"}\nfmt.Println(e)", out: "bad 5\n"},
		{src: "var e2 error\ne2 = Bad{6, \"r\"}\nfmt.Println(e2.Error())", out: "bad 6\n"},
		{src: "e3 := error(Bad{7, \"s\"})\nfmt.Println(e3)", out: "bad 7\n"},
		{src: "func g() { var e error = Bad{8, \"t\"}; fmt.Println(e) }\ng()", out: "bad 8\n"},
		{src: "var x, y error = Bad{1, \"a\"}, nil\nfmt.Println(x, y)", out: "bad 1 <nil>\n"},
	})
}
