package gosuite

import (
	"strings"
	"testing"
)

func TestNotebookCells(t *testing.T) {
	src := "// run\n\npackage main\n\nimport \"fmt\"\n\nvar x = 1\n\n// main prints.\nfunc main() {\n\tdefer fmt.Println(\"bye\")\n\tif x == 1 {\n\t\treturn\n\t}\n}\n\nfunc init() { x = 2 }\n"
	cells, err := NotebookCells(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != 2 {
		t.Fatalf("got %d cells, want 2", len(cells))
	}
	wantDecls := "// run\n\npackage main\n\nimport \"fmt\"\n\nvar x = 1\n\n\n\nfunc init() { x = 2 }\n"
	if cells[0] != wantDecls {
		t.Errorf("declarations cell = %q, want %q", cells[0], wantDecls)
	}
	wantBody := "defer fmt.Println(\"bye\")\nif x == 1 {\n\treturn\n}\n"
	if cells[1] != wantBody {
		t.Errorf("body cell = %q, want %q", cells[1], wantBody)
	}
	if _, err := NotebookCells("package main\nfunc f() {}\n"); err == nil || !strings.Contains(err.Error(), "main") {
		t.Errorf("a file without main: err = %v, want one naming main", err)
	}
}
