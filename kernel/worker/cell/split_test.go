package cell

import (
	"fmt"
	"testing"
)

// splitCells are cells of every item kind.
var splitCells = []string{
	"x := 1; y := 2",
	"for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}",
	"if x := 1; x > 0 {\n}",
	"switch x := 2; x {\ncase 1:\n}",
	"for i := 0; i < 3; i++ {",
	"import \"fmt\"\n// F doubles.\nfunc F(x int) int { return 2 * x }\nfmt.Println(F(2)) // four",
	"type T struct{ A int }\nfunc (t T) M() {}\nvar v = func() int { return 1 }()",
	"package main\nfunc main() {}",
}

// TestSplitItems pins what splitItems makes of splitCells: gosyntax's
// items, with var, const and type declarations as statements.
func TestSplitItems(t *testing.T) {
	want := [][]string{
		{"stmt:x := 1", "sep:;", "stmt:y := 2"},
		{"stmt:for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}"},
		{"stmt:if x := 1; x > 0 {\n}"},
		{"stmt:switch x := 2; x {\ncase 1:\n}"},
		{"stmt:for i := 0; i < 3; i++ {"},
		{"import:import \"fmt\"", "func:func F(x int) int { return 2 * x }", "stmt:fmt.Println(F(2)) // four"},
		{"stmt:type T struct{ A int }", "func:func (t T) M() {}", "stmt:var v = func() int { return 1 }()"},
		{"package:package main", "func:func main() {}"},
	}
	names := map[itemKind]string{itemStmt: "stmt", itemPackage: "package", itemImport: "import", itemFunc: "func", itemSep: "sep"}
	for i, src := range splitCells {
		var got []string
		for _, it := range splitItems(src) {
			got = append(got, names[it.kind]+":"+src[it.start:it.end])
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want[i]) {
			t.Errorf("splitItems(%q) =\n%q\nwant\n%q", src, got, want[i])
		}
	}
}
