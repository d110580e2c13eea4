//go:build go1.26

package engine

import "testing"

func TestGo126APIReachesCells(t *testing.T) {
	checkResults(t, []resultCase{
		{"import \"log/slog\"\nh := slog.NewMultiHandler(slog.DiscardHandler)\nh.Enabled(nil, slog.LevelInfo)", "false"},
		{"import \"crypto/fips140\"\nfips140.Enforced()", "false"},
		{"import \"go/ast\"\nd, ok := ast.ParseDirective(0, \"//go:build linux\")\nfmt.Println(d.Tool, d.Name, ok)", "go build true\n"},
		{"import \"crypto/x509\"\noid, err := x509.OIDFromASN1OID([]int{1, 2, 3})\nfmt.Println(oid, err)", "1.2.3 <nil>\n"},
	})
}
