package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"logo-svg.svg", "logo-32x32.png", "logo-64x64.png"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := write(filepath.Join(dir, "missing")); err == nil {
		t.Error("write into a missing directory succeeded")
	}
}
