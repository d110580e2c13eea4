package cell

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgramBuildsWithGo checks that Program's output is a real Go program
// that runs, and that compile errors point into the cell.
func TestProgramBuildsWithGo(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the Go toolchain is needed: %v", err)
	}
	for _, c := range []struct{ name, src, out, errHas string }{
		{"statements and funcs", "type P struct{ X int }\nfunc (p P) Double() int { return 2 * p.X }\nconst n = 3\nfor i := range n {\n\tfmt.Print(P{i}.Double(), \" \")\n}\nxs := []int{3, 1, 2}\nslices.Sort(xs)\nfmt.Println(xs, max(4, 9))",
			"0 2 4 [1 2 3] 9\n", ""},
		{"package main as is", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"whole program\") }\n", "whole program\n", ""},
		{"compile error position", "x := 1\ny := x + nope\nfmt.Println(y)", "", "cell7.go:2:10: undefined: nope"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, err := Program("cell7", c.src, stdResolver)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644)
			os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module cell\n\ngo 1.24\n"), 0o644)
			cmd := exec.Command(gobin, "run", ".")
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			if c.errHas != "" {
				if err == nil || !strings.Contains(string(out), c.errHas) {
					t.Errorf("want error %q, got %v:\n%s\n--- program:\n%s", c.errHas, err, out, src)
				}
				return
			}
			if err != nil || string(out) != c.out {
				t.Errorf("go run: %v\n%s\nwant %q\n--- program:\n%s", err, out, c.out, src)
			}
		})
	}
}
