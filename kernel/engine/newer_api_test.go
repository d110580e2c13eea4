package engine

import "testing"

// resultCase is a cell and the text of the result it must show.
type resultCase struct{ code, want string }

// checkResults runs each case in one engine, in order.
func checkResults(t *testing.T, cases []resultCase) {
	t.Helper()
	e := newEngine(t)
	for _, tc := range cases {
		res, s := run(t, e, tc.code)
		mustOK(t, res)
		if got := text(res) + s.out(); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.code, got, tc.want)
		}
	}
}

func TestGo123APIReachesCells(t *testing.T) {
	checkResults(t, []resultCase{
		{"import \"unicode/utf16\"\nutf16.RuneLen('😀')", "2"},
		{"for i := range utf16.RuneLen('😀') {\n\tfmt.Print(i)\n}", "01"},
		{"import \"sync/atomic\"\nvar x int32 = 6\nold := atomic.AndInt32(&x, 3)\nfmt.Println(old, x)", "6 2\n"},
		{"import \"net/http\"\ncookies, err := http.ParseCookie(\"a=1; b=2\")\nfmt.Println(len(cookies), cookies[1].Value, err)", "2 2 <nil>\n"},
		{"import \"structs\"\ntype point struct {\n\t_ structs.HostLayout\n\tX int\n}\npoint{X: 3}.X", "3"},
		{"import \"math/rand/v2\"\nrand.Uint() >= 0", "true"},
	})
}

func TestGo124APIReachesCells(t *testing.T) {
	checkResults(t, []resultCase{
		{"import \"strings\"\nfor l := range strings.Lines(\"a\\nb\\n\") {\n\tfmt.Printf(\"%q \", l)\n}", `"a\n" "b\n" `},
		{"for f := range strings.FieldsSeq(\" x  y \") {\n\tfmt.Print(f, \";\")\n}", "x;y;"},
		{"import \"crypto/sha3\"\nfmt.Printf(\"%x\", sha3.Sum256([]byte(\"abc\")))", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
		{"import \"crypto/rand\"\nlen(rand.Text())", "26"},
		{"import \"os\"\nroot, err := os.OpenRoot(os.TempDir())\nfmt.Println(err, root.Name() == os.TempDir())", "<nil> true\n"},
	})
}
