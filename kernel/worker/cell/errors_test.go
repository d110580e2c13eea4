package cell

import (
	"strings"
	"testing"
)

func TestErrorSelfMethod(t *testing.T) {
	tests := []struct {
		name, src, want string // want "" means no _gkSelf method
	}{
		{"value receiver", "type Bad struct{ Code int }\nfunc (e Bad) Error() string { return \"bad\" }",
			"func (_gkr Bad) _gkSelf() interface{} { return _gkr }"},
		{"unnamed receiver", "type Bad struct{}\nfunc (Bad) Error() string { return \"bad\" }",
			"func (_gkr Bad) _gkSelf() interface{} { return _gkr }"},
		{"generic receiver", "type Bad[T any] struct{ V T }\nfunc (e Bad[T]) Error() string { return \"bad\" }",
			"func (_gkr Bad[T]) _gkSelf() interface{} { return _gkr }"},
		{"pointer receiver", "type Bad struct{}\nfunc (e *Bad) Error() string { return \"bad\" }", ""},
		{"other method", "type Bad struct{}\nfunc (e Bad) String() string { return \"bad\" }", ""},
		{"function named Error", "func Error() string { return \"bad\" }", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewSession(stdResolver).Compile("cell1", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := selfMethodLine(p.Decls); got != tt.want {
				t.Errorf("_gkSelf method %q, want %q\nDecls:%s", got, tt.want, p.Decls)
			}
		})
	}
}

// selfMethodLine returns the line of decls declaring _gkSelf, or "".
func selfMethodLine(decls string) string {
	for _, line := range strings.Split(decls, "\n") {
		if strings.Contains(line, "_gkSelf") {
			return line
		}
	}
	return ""
}

// The added method must not change what the cell does, also when the cell
// runs again.
func TestErrorSelfMethodRuns(t *testing.T) {
	const decl = "type Bad struct{ Code int }\nfunc (e Bad) Error() string { return fmt.Sprint(\"bad \", e.Code) }"
	runSteps(t, []step{
		{src: decl},
		{src: decl},
		{src: "func mk() error { return Bad{2} }\nmk().Error()", shown: "bad 2"},
		{src: "Bad{3}._gkSelf()", shown: "{3}"},
	})
}
