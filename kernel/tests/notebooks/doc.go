// Package notebooks holds the tests of the notebooks shipped under
// notebooks/ and of the snippets under snippets/; it has no code of its own.
//
// The tests check the conventions of docs/notebooks.md: every seed example id
// has a heading and every notebook uses the gokernel kernelspec
// (TestSeedCoverage); the notebooks re-execute without error and their stored
// outputs still match, after normalization (TestReexecution); each snippet
// prints what the notebook cells of its example printed (TestSnippets); the
// classroom handouts build (TestHandouts); and a real browser runs a notebook
// in Jupyter Notebook and sees its outputs and charts (TestBrowser).
//
// TestMain builds gokernel and installs its kernelspec into a temporary
// prefix, as kernel/tests/e2e does. A missing prerequisite fails the test that needs
// it, naming the Debian package to install; nothing is skipped.
//
// GOKERNEL_NOTEBOOKS_DIR and GOKERNEL_SNIPPETS_DIR point the tests at other
// directories than notebooks/ and snippets/ (testdata/fixture holds a small
// pair); GOKERNEL_BROWSER_NOTEBOOK names the notebook TestBrowser opens and
// GOKERNEL_BROWSER_OUT where its screenshot goes;
// GOKERNEL_NOTEBOOKS_KEEP=1 keeps the temporary directory.
package notebooks
