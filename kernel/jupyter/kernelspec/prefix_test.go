package kernelspec_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/jupyter/kernelspec"
)

// allFiles lists every file and directory under root.
func allFiles(t *testing.T, root string) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			got[p] = true
		}
		return nil
	})
	return got
}

// TestInstallStaysInsideThePrefix: whatever `..` the prefix spells, install
// writes only under the directory the prefix resolves to, and a kernelspec
// directory that is a symlink is replaced, not followed.
func TestInstallStaysInsideThePrefix(t *testing.T) {
	root := t.TempDir()
	spec := fixture(t)
	for _, prefix := range []string{
		filepath.Join(root, "a", "..", "p1"),
		filepath.Join(root, "a", "b", "..", "..", "p2") + "/",
		filepath.Join(root, "p3", "share", "..", "..", "p3"),
		filepath.Join(root, "p4") + "/./.",
	} {
		before := allFiles(t, root)
		dir, err := kernelspec.Install(kernelspec.Target{Prefix: prefix}, spec, "/usr/bin/gokernel")
		if err != nil {
			t.Fatalf("%s: %v", prefix, err)
		}
		clean := filepath.Clean(prefix)
		if want := filepath.Join(clean, "share", "jupyter", "kernels", "gokernel"); dir != want {
			t.Errorf("prefix %s: installed in %s, want %s", prefix, dir, want)
		}
		for p := range allFiles(t, root) {
			if !before[p] && p != clean && !strings.HasPrefix(p, clean+string(filepath.Separator)) &&
				!strings.HasPrefix(clean, p+string(filepath.Separator)) {
				t.Errorf("prefix %s: wrote %s outside %s", prefix, p, clean)
			}
		}
	}

	// A kernelspec directory that is a symlink to elsewhere.
	outside := filepath.Join(root, "outside")
	os.MkdirAll(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "keep"), []byte("x"), 0o644)
	kernels := filepath.Join(root, "p5", "share", "jupyter", "kernels")
	os.MkdirAll(kernels, 0o755)
	if err := os.Symlink(outside, filepath.Join(kernels, "gokernel")); err != nil {
		t.Fatalf("cannot make the symlink the test needs: %v", err)
	}
	if _, err := kernelspec.Install(kernelspec.Target{Prefix: filepath.Join(root, "p5")}, spec, "/usr/bin/gokernel"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 1 || entries[0].Name() != "keep" {
		t.Errorf("install followed the symlink: %s holds %v", outside, entries)
	}
	if fi, err := os.Lstat(filepath.Join(kernels, "gokernel")); err != nil || !fi.IsDir() {
		t.Errorf("the kernelspec is not a real directory: %v %v", fi, err)
	}
	// Uninstall removes the directory only.
	if _, err := kernelspec.Uninstall(kernelspec.Target{Prefix: filepath.Join(root, "p5")}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(outside, "keep")); err != nil {
		t.Errorf("uninstall touched %s: %v", outside, err)
	}
}
