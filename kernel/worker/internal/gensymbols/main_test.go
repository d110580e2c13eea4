package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedTablesAreCurrent regenerates the tables and compares them
// with the worker's files: run go generate in kernel/worker when it fails.
func TestCommittedTablesAreCurrent(t *testing.T) {
	worker, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	main()
	generated, err := filepath.Glob("symbols_go1*.go")
	if err != nil || len(generated) == 0 {
		t.Fatalf("nothing generated (%v)", err)
	}
	for _, name := range generated {
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(worker, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not what gensymbols writes now (%v): run go generate in kernel/worker", name, err)
		}
	}
}
