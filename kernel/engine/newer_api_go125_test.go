//go:build go1.25

package engine

import "testing"

func TestGo125APIReachesCells(t *testing.T) {
	checkResults(t, []resultCase{
		{"import \"unicode\"\nunicode.Is(unicode.LC, 'a')", "true"},
		{"import (\n\t\"io/fs\"\n\t\"testing/fstest\"\n)\ninfo, err := fs.Lstat(fstest.MapFS{\"f\": &fstest.MapFile{Data: []byte(\"hi\")}}, \"f\")\nfmt.Println(info.Size(), err)", "2 <nil>\n"},
		{"import \"net/http\"\nhttp.NewCrossOriginProtection() != nil", "true"},
		{"import \"go/types\"\ntypes.LocalVar.String()", `"LocalVar"`},
	})
}
