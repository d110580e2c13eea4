package notebooks

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// notebookTimeout bounds the execution of one notebook.
const notebookTimeout = 3 * time.Minute

// TestReexecution executes every notebook through the installed kernelspec
// with nbclient (testdata/execute.py) and fails when a cell raises or when
// the stdout or the execute_result text/plain of a cell differs from the
// stored one after normalization. The notebooks run in their own directory,
// as .ci/notebooks and Jupyter run them (they may use ../snippets); the
// executed copies go to a temporary directory, and the test fails if the
// notebooks' directory changed.
func TestReexecution(t *testing.T) {
	needKernel(t)
	needPython(t, "jupyter_client", "nbformat", "nbclient")
	nbs := readNotebooks(t)
	defer checkUnchanged(t, setup.nbDir)()
	out := t.TempDir()
	for _, nb := range nbs {
		t.Run(nb.name(), func(t *testing.T) {
			fresh := execute(t, nb.path, out)
			for _, p := range compareExecuted(nb, fresh) {
				t.Error(p)
			}
		})
	}
}

// execute runs testdata/execute.py on the notebook at path, with its
// directory as working directory, and returns the executed copy it wrote
// into out. The script's output is logged; its exit status is not checked,
// since the copy shows the errors cell by cell.
func execute(t *testing.T, path, out string) *notebook {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("testdata", "execute.py"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), notebookTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, script, "--out-dir", out, path)
	cmd.Dir = filepath.Dir(path)
	cmd.Env = testEnv(t)
	cmd.WaitDelay = 5 * time.Second
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	err = cmd.Run()
	checkLeftovers(t, 3*time.Second)
	if ctx.Err() != nil {
		t.Fatalf("executing %s took longer than %v; output:\n%s", filepath.Base(path), notebookTimeout, log.String())
	}
	t.Logf("execute.py (%v):\n%s", err, log.String())
	fresh, rerr := readNotebook(filepath.Join(out, filepath.Base(path)))
	if rerr != nil {
		t.Fatalf("execute.py wrote no executed copy of %s (%v); output:\n%s", filepath.Base(path), rerr, log.String())
	}
	return fresh
}

// compareExecuted describes every difference between the stored notebook and
// its fresh execution that the conventions forbid: errors, cells stored
// unexecuted, and stdout or results that changed beyond normalization.
func compareExecuted(stored, fresh *notebook) []string {
	if len(stored.Cells) != len(fresh.Cells) {
		return []string{fmt.Sprintf("%s: %d cells stored, %d executed", stored.name(), len(stored.Cells), len(fresh.Cells))}
	}
	var problems []string
	for i := range stored.Cells {
		s, f := &stored.Cells[i], &fresh.Cells[i]
		if s.Type != "code" {
			continue
		}
		where := stored.name() + " " + s.describe(i)
		for _, e := range f.errors() {
			problems = append(problems, fmt.Sprintf("%s raised:\n%s", where, e))
		}
		if s.Count == nil {
			problems = append(problems, where+": stored without being executed (execution_count null)")
		}
		problems = appendDiff(problems, where, "stdout", s.stdout(), f.stdout())
		problems = appendDiff(problems, where, "execute_result text/plain", s.result(), f.result())
	}
	return problems
}

// appendDiff appends a readable diff of what to problems when the stored and
// fresh texts differ after normalization.
func appendDiff(problems []string, where, what, stored, fresh string) []string {
	d := lineDiff("stored", normalize(stored), "fresh", normalize(fresh))
	if d == "" {
		return problems
	}
	return append(problems, fmt.Sprintf("%s: %s changed (normalized):\n%s", where, what, strings.TrimRight(d, "\n")))
}
