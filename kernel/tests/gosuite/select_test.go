package gosuite

import (
	"os/exec"
	"strings"
	"testing"
)

func TestRecipe(t *testing.T) {
	tests := []struct{ src, want string }{
		{"// run\n\npackage main\n", "run"},
		{"//go:build linux\n\n// run -gcflags=-l\n\npackage main\n", "run -gcflags=-l"},
		{"// +build !windows\n// runoutput\npackage main\n", "runoutput"},
		{"package main\n", "package main"},
	}
	for _, tt := range tests {
		if got := Recipe(tt.src); got != tt.want {
			t.Errorf("Recipe(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestWhyNot(t *testing.T) {
	tests := []struct{ src, want string }{
		{"// run\n\npackage main\n", ""},
		{"// run -gcflags=-l\n\npackage main\n", "run with arguments or flags"},
		{"// rundir\n\npackage ignored\n", "recipe rundir"},
		{"//go:build windows\n\n// run\n\npackage main\n", "build constraints exclude this machine"},
		{"//go:build cgo\n\n// run\n\npackage main\n", "build constraints exclude this machine"},
		{"//go:build !windows\n\n// run\n\npackage main\n", ""},
		{"// run\n\npackage main\n\nimport \"C\"\n", "needs cgo"},
	}
	for _, tt := range tests {
		if got := whyNot(tt.src); got != tt.want {
			t.Errorf("whyNot(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestSelect checks the selection on the machine's GOROOT: about a
// thousand programs, among them one known plain `// run` program, and
// none with flags.
func TestSelect(t *testing.T) {
	sel, err := Select(goroot(t) + "/test")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d programs qualify; left out: %v", len(sel.Programs), sel.Skipped)
	if n := len(sel.Programs); n < 800 || n > 1300 {
		t.Errorf("%d programs qualify, want about 1,000", n)
	}
	found := false
	for _, p := range sel.Programs {
		found = found || p.Name == "helloworld.go"
		if Recipe(p.Src) != "run" {
			t.Errorf("%s has recipe %q", p.Name, Recipe(p.Src))
		}
	}
	if !found {
		t.Error("helloworld.go does not qualify")
	}
}

// goroot is the GOROOT of the go command on PATH.
func goroot(t testing.TB) string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}
