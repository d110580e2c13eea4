package notebooks

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// checkUnchanged records the files under dir (but .ipynb_checkpoints) and
// returns a function that fails t for every file added, removed or changed
// since, so that a notebook run that leaves the repository modified shows.
// It only reports: others may be editing the notebooks at the same time. An
// empty .ipynb_checkpoints that appeared (Jupyter's server makes one) is
// removed.
func checkUnchanged(t *testing.T, dir string) func() {
	t.Helper()
	before := snapshot(t, dir)
	checkpoints := filepath.Join(dir, ".ipynb_checkpoints")
	_, err := os.Stat(checkpoints)
	hadCheckpoints := err == nil
	return func() {
		t.Helper()
		after := snapshot(t, dir)
		for _, p := range sortedKeys(before, after) {
			was, had := before[p]
			now, has := after[p]
			switch {
			case !had:
				t.Errorf("%s appeared while the notebooks ran: did a notebook write it?", p)
			case !has:
				t.Errorf("%s disappeared while the notebooks ran", p)
			case !bytes.Equal(was, now):
				t.Errorf("%s changed while the notebooks ran", p)
			}
		}
		if !hadCheckpoints {
			os.Remove(checkpoints) // fails, as it should, unless empty
		}
	}
}

// snapshot reads every regular file under dir but .ipynb_checkpoints.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == ".ipynb_checkpoints":
			return filepath.SkipDir
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			files[p] = b
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}

// sortedKeys lists the keys of both maps once, sorted.
func sortedKeys(a, b map[string][]byte) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string][]byte{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}
