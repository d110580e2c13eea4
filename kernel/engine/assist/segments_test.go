package assist

import (
	"fmt"
	"testing"
)

// TestSplit pins what split makes of the cells the cell compiler's
// splitter is pinned on too (kernel/worker/cell's splitCells).
func TestSplit(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"x := 1; y := 2", []string{"stmt:x := 1", "stmt: y := 2"}},
		{"for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}", []string{"stmt:for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}"}},
		{"if x := 1; x > 0 {\n}", []string{"stmt:if x := 1; x > 0 {\n}"}},
		{"switch x := 2; x {\ncase 1:\n}", []string{"stmt:switch x := 2; x {\ncase 1:\n}"}},
		{"for i := 0; i < 3; i++ {", []string{"stmt:for i := 0; i < 3; i++ {"}},
		{"import \"fmt\"\n// F doubles.\nfunc F(x int) int { return 2 * x }\nfmt.Println(F(2)) // four",
			[]string{"decl:import \"fmt\"", "decl:// F doubles.\nfunc F(x int) int { return 2 * x }", "stmt:fmt.Println(F(2)) // four"}},
		{"type T struct{ A int }\nfunc (t T) M() {}\nvar v = func() int { return 1 }()",
			[]string{"decl:type T struct{ A int }", "decl:func (t T) M() {}", "decl:var v = func() int { return 1 }()"}},
		{"package main\nfunc main() {}", []string{"package:package main", "decl:func main() {}"}},
	}
	names := map[segKind]string{segStmt: "stmt", segDecl: "decl", segPackage: "package"}
	for _, tt := range tests {
		toks, _ := scan(tt.src)
		var got []string
		for _, seg := range split(tt.src, toks) {
			got = append(got, names[seg.kind]+":"+tt.src[seg.start:seg.end])
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("split(%q) =\n%q\nwant\n%q", tt.src, got, tt.want)
		}
	}
}
