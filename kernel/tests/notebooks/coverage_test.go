package notebooks

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exampleIDs are the ids of the seed chapter's examples
// (shared/notes/seed-examples.md), in the order the notebooks teach them.
var exampleIDs = []string{
	"S1", "S2", "S3", "S4",
	"T1", "T2", "T3",
	"A1", "A2", "A3",
	"P1", "P2", "P3",
	"C1", "C2", "C3",
}

// knownID reports whether id is one of exampleIDs.
func knownID(id string) bool {
	for _, k := range exampleIDs {
		if k == id {
			return true
		}
	}
	return false
}

// notebookFiles are the notebooks docs/notebooks.md lists, index first.
var notebookFiles = []string{
	"00-index.ipynb",
	"01-sockets.ipynb",
	"02-goroutines.ipynb",
	"03-async.ipynb",
	"04-processes.ipynb",
	"05-comparison.ipynb",
}

var headingRE = regexp.MustCompile(`^#{1,6}\s+(\S+)`)

// headingIDs lists the first words of the notebook's markdown headings that
// are example ids.
func headingIDs(nb *notebook) []string {
	var ids []string
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		for _, line := range strings.Split(string(c.Source), "\n") {
			m := headingRE.FindStringSubmatch(strings.TrimSpace(line))
			if m == nil {
				continue
			}
			if w := strings.TrimRight(m[1], ":.,·"); knownID(w) {
				ids = append(ids, w)
			}
		}
	}
	return ids
}

// TestSeedCoverage checks that every seed example id heads a markdown
// section, that every notebook uses the gokernel kernelspec, that every
// tagged code cell names a known example introduced in its own notebook, and
// that the notebooks docs/notebooks.md lists exist, the index linking the
// others in order.
func TestSeedCoverage(t *testing.T) {
	nbs := readNotebooks(t)
	where := map[string][]string{} // example id → notebooks with its heading
	for _, nb := range nbs {
		checkKernelspec(t, nb)
		own := map[string]bool{}
		for _, id := range headingIDs(nb) {
			own[id] = true
			where[id] = append(where[id], nb.name())
		}
		checkTags(t, nb, own)
	}
	for _, id := range exampleIDs {
		switch n := len(where[id]); {
		case n == 0:
			t.Errorf("example %s: no notebook has a markdown heading whose first word is %s (e.g. `### %s · …`)", id, id, id)
		case n > 1:
			t.Logf("example %s has headings in several notebooks: %v", id, where[id])
		}
	}
	checkFiles(t)
}

// checkKernelspec fails t unless nb uses the gokernel kernelspec.
func checkKernelspec(t *testing.T, nb *notebook) {
	t.Helper()
	if k := nb.Meta.Kernelspec.Name; k != "gokernel" {
		t.Errorf("%s: metadata.kernelspec.name = %q, want \"gokernel\"", nb.name(), k)
	}
	if l := nb.Meta.LanguageInfo.Name; l != "go" {
		t.Errorf("%s: metadata.language_info.name = %q, want \"go\"", nb.name(), l)
	}
}

// checkTags fails t for a code cell whose metadata gokernel.example is not
// a known id or not one whose heading is in the same notebook.
func checkTags(t *testing.T, nb *notebook, own map[string]bool) {
	t.Helper()
	for i, c := range nb.Cells {
		id := c.Meta.Gokernel.Example
		switch {
		case id == "":
		case c.Type != "code":
			t.Errorf("%s %s: only code cells carry gokernel.example", nb.name(), c.describe(i))
		case !knownID(id):
			t.Errorf("%s %s: gokernel.example %q is not a seed example id (%s)", nb.name(), c.describe(i), id, strings.Join(exampleIDs, " "))
		case !own[id]:
			t.Errorf("%s %s: tagged %s but the notebook has no heading for %s", nb.name(), c.describe(i), id, id)
		}
	}
}

// checkFiles fails t when a notebook of docs/notebooks.md is missing or the
// index does not link the others in order.
func checkFiles(t *testing.T) {
	t.Helper()
	for _, f := range notebookFiles {
		if _, err := os.Stat(filepath.Join(setup.nbDir, f)); err != nil {
			t.Errorf("notebook %s (listed in docs/notebooks.md) is missing: %v", f, err)
		}
	}
	index, err := readNotebook(filepath.Join(setup.nbDir, notebookFiles[0]))
	if err != nil {
		return
	}
	var md strings.Builder
	for _, c := range index.Cells {
		if c.Type == "markdown" {
			md.WriteString(string(c.Source))
		}
	}
	text, at := md.String(), 0
	for _, f := range notebookFiles[1:] {
		i := linkIndex(text[at:], f)
		if i < 0 {
			t.Errorf("%s: no markdown link to %s after the link to the previous notebook", notebookFiles[0], f)
			continue
		}
		at += i
	}
}

// linkIndex is the index in markdown of the first link target naming file,
// as [..](file), [..](./file) or href="file", or -1.
func linkIndex(markdown, file string) int {
	m := regexp.MustCompile(`(?:\]\(|href=")(?:\./)?` + regexp.QuoteMeta(file) + `[)#"]`).FindStringIndex(markdown)
	if m == nil {
		return -1
	}
	return m[0]
}
