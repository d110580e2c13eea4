package notebooks

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// minPDFSize is the least size of a PDF handout that has real content: an
// empty page printed by Chromium is a few kilobytes.
const minPDFSize = 20 << 10

// externalScript matches a script loaded from elsewhere, which a standalone
// handout must not need.
var externalScript = regexp.MustCompile(`<script[^>]+src=`)

// notebookLink matches a relative link to a notebook, which the handouts
// turn into a link to its handout.
var notebookLink = regexp.MustCompile(`href="[^":#]*\.ipynb["#]`)

// TestHandouts runs `.ci/handouts OUTDIR NOTEBOOK...` and checks that every
// notebook got a standalone HTML handout and a PDF of real size.
func TestHandouts(t *testing.T) {
	needKernel(t) // for the environment; the notebooks are not executed
	needFile(t, "/usr/bin/jupyter")
	needFile(t, "/usr/bin/chromium")
	needPython(t, "nbconvert")
	paths, err := notebookPaths(setup.nbDir)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks in %s (%v)", setup.nbDir, err)
	}
	out := t.TempDir()
	args := append([]string{out}, paths...)
	log := run(t, setup.root, 4*time.Minute, filepath.Join(setup.root, ".ci", "handouts"), args...)
	t.Logf(".ci/handouts:\n%s", log)
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".ipynb")
		checkHTML(t, filepath.Join(out, name+".html"))
		checkCharts(t, p, filepath.Join(out, name+".html"))
		checkPDF(t, filepath.Join(out, name+".pdf"))
	}
}

// checkHTML fails t unless the handout exists, is standalone and links to
// other handouts rather than notebooks.
func checkHTML(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("no HTML handout: %v", err)
		return
	}
	if loc := externalScript.FindIndex(b); loc != nil {
		t.Errorf("%s loads a script, so it is not standalone: %.120s", path, b[loc[0]:])
	}
	if notebookLink.Match(b) {
		t.Errorf("%s links to a notebook instead of its handout", path)
	}
}

// checkCharts fails t when the notebook has SVG charts whose shapes the
// handout lost (nbconvert's sanitizer strips every element of an SVG).
func checkCharts(t *testing.T, notebook, handout string) {
	t.Helper()
	nb, err := readNotebook(notebook)
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(handout)
	if err != nil {
		return // checkHTML reported it
	}
	inNotebook := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			inNotebook += strings.Count(string(o.Data["image/svg+xml"]), "<rect")
		}
	}
	if inNotebook > 0 && bytes.Count(html, []byte("<rect")) < inNotebook {
		t.Errorf("%s has %d <rect> in its SVG charts, the handout %d: the charts lost their shapes",
			notebook, inNotebook, bytes.Count(html, []byte("<rect")))
	}
}

// checkPDF fails t unless the PDF exists, starts with %PDF and is not tiny.
func checkPDF(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	switch {
	case err != nil:
		t.Errorf("no PDF handout: %v", err)
	case !bytes.HasPrefix(b, []byte("%PDF")):
		t.Errorf("%s does not start with %%PDF: %q", path, b[:min(len(b), 16)])
	case len(b) < minPDFSize:
		t.Errorf("%s has %d bytes, fewer than %d: is it empty?", path, len(b), minPDFSize)
	default:
		t.Logf("%s: %d bytes", path, len(b))
	}
}
