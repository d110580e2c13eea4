package notebooks

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestNormalize checks each rule of docs/notebooks.md's normalization.
func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"listening on 127.0.0.1:8888\n", "listening on 127.0.0.1:PORT\n"},
		{"dial [::1]:40123 ok", "dial 127.0.0.1:PORT ok"},
		{"total ≈ 2.0 s\n", "total ≈ N\n"},
		{"speed-up ≈ 3.4x on 4 CPUs", "speed-up ≈ N on 4 CPUs"},
		{"≈120 ms, not 3.5 s", "≈ N, not 3.5 s"},
		{"took ≈ 1.5s (≈ 1,200 µs per call)", "took ≈ N (≈ N per call)"},
		{"≈ 2.3 MiB/s", "≈ N"},
		{"≈ 1m2.5s", "≈ N"},
		{"child pid 12345 exited", "child pid N exited"},
		{"a  \nb\t\nc", "a\nb\nc"},
		{"line\r\n", "line\n"},
		{"10.0.0.1:80 and 127.0.0.2:80 stay", "10.0.0.1:80 and 127.0.0.2:80 stay"},
	}
	for _, c := range cases {
		if got := normalize(c.in); got != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestLineDiff checks that equal texts have no diff and that a changed line
// shows as removed and added, with the lines far from it elided.
func TestLineDiff(t *testing.T) {
	if d := lineDiff("a", "x\ny\n", "b", "x\ny\n"); d != "" {
		t.Errorf("diff of equal texts = %q", d)
	}
	want := strings.Join([]string{"1", "2", "3", "4", "5", "6", "7", ""}, "\n")
	got := strings.Replace(want, "6", "six", 1)
	d := lineDiff("stored", want, "fresh", got)
	for _, line := range []string{"--- stored", "+++ fresh", "- 6", "+ six", "  5", "  7", "  …"} {
		if !strings.Contains(d, line+"\n") {
			t.Errorf("diff lacks %q:\n%s", line, d)
		}
	}
	if strings.Contains(d, "  2\n") {
		t.Errorf("diff shows a line far from the change:\n%s", d)
	}
	if d := lineDiff("a", "x\n", "b", "x"); !strings.Contains(d, "- ⏎") {
		t.Errorf("a lost final newline does not show:\n%s", d)
	}
}

// parseNotebook parses nb from JSON or fails t.
func parseNotebook(t *testing.T, name, src string) *notebook {
	t.Helper()
	nb := &notebook{path: name}
	if err := json.Unmarshal([]byte(src), nb); err != nil {
		t.Fatal(err)
	}
	return nb
}

// codeCell is the JSON of a code cell tagged id with outputs; count 0 is
// an execution_count of null.
func codeCell(id string, count int, outputs ...string) string {
	meta := "{}"
	if id != "" {
		meta = `{"gokernel": {"example": "` + id + `"}}`
	}
	n := "null"
	if count > 0 {
		n = strconv.Itoa(count)
	}
	return `{"cell_type": "code", "execution_count": ` + n + `, "metadata": ` + meta +
		`, "source": ["x"], "outputs": [` + strings.Join(outputs, ",") + `]}`
}

const (
	stdoutA    = `{"output_type": "stream", "name": "stdout", "text": ["listening on 127.0.0.1:4000\n", "total ≈ 2.0 s\n"]}`
	stdoutB    = `{"output_type": "stream", "name": "stdout", "text": "listening on 127.0.0.1:5000\ntotal ≈ 2.1 s\n"}`
	stdoutC    = `{"output_type": "stream", "name": "stdout", "text": "listening on 127.0.0.1:5000\ntotal ≈ 2.1 s\nextra\n"}`
	stderrX    = `{"output_type": "stream", "name": "stderr", "text": "noise\n"}`
	result42   = `{"output_type": "execute_result", "execution_count": 2, "data": {"text/plain": "42"}, "metadata": {}}`
	result43   = `{"output_type": "execute_result", "execution_count": 2, "data": {"text/plain": ["4", "3"]}, "metadata": {}}`
	svgDisplay = `{"output_type": "display_data", "data": {"image/svg+xml": "<svg/>", "application/json": {"a": 1}}, "metadata": {}}`
	panicErr   = `{"output_type": "error", "ename": "panic", "evalue": "boom", "traceback": ["\u001b[31mpanic: boom\u001b[0m"]}`
)

// notebookJSON is a notebook with the given cells.
func notebookJSON(cells ...string) string {
	return `{"cells": [` + strings.Join(cells, ",") + `], "metadata": {"kernelspec": {"name": "gokernel"}, "language_info": {"name": "go"}}, "nbformat": 4, "nbformat_minor": 5}`
}

// TestCompareExecuted checks that normalized-equal outputs pass and that
// changed stdout, changed results, errors and unexecuted cells are reported.
func TestCompareExecuted(t *testing.T) {
	stored := parseNotebook(t, "x.ipynb", notebookJSON(codeCell("S1", 1, stdoutA, svgDisplay), codeCell("", 2, result42)))
	same := parseNotebook(t, "x.ipynb", notebookJSON(codeCell("S1", 1, stdoutB, stderrX), codeCell("", 2, result42)))
	if p := compareExecuted(stored, same); len(p) != 0 {
		t.Errorf("outputs equal after normalization reported:\n%s", strings.Join(p, "\n"))
	}
	drift := parseNotebook(t, "x.ipynb", notebookJSON(codeCell("S1", 1, stdoutC), codeCell("", 2, result43, panicErr)))
	p := strings.Join(compareExecuted(stored, drift), "\n")
	for _, want := range []string{"cell 0 [S1]", "stdout changed", "+ extra", "execute_result text/plain changed", "- 42", "+ 43", "raised:\npanic: boom\npanic: boom"} {
		if !strings.Contains(p, want) {
			t.Errorf("report lacks %q:\n%s", want, p)
		}
	}
	unrun := parseNotebook(t, "x.ipynb", notebookJSON(codeCell("S1", 0, stdoutA, svgDisplay), codeCell("", 2, result42)))
	if p := strings.Join(compareExecuted(unrun, same), "\n"); !strings.Contains(p, "stored without being executed") {
		t.Errorf("a cell stored unexecuted is not reported:\n%s", p)
	}
}

// TestExampleStdout checks that the stdout of cells tagged with one id is
// concatenated in order, across cells, without stderr or results.
func TestExampleStdout(t *testing.T) {
	nb := parseNotebook(t, "x.ipynb", notebookJSON(
		codeCell("S1", 1, stdoutA, stderrX), codeCell("", 2, stdoutC), codeCell("S1", 3, result42, stdoutB)))
	got := exampleStdout([]*notebook{nb})["S1"]
	want := "listening on 127.0.0.1:4000\ntotal ≈ 2.0 s\nlistening on 127.0.0.1:5000\ntotal ≈ 2.1 s\n"
	if got != want {
		t.Errorf("stdout of S1 = %q, want %q", got, want)
	}
}

// TestHeadingIDs checks which markdown headings introduce examples.
func TestHeadingIDs(t *testing.T) {
	md := `{"cell_type": "markdown", "metadata": {}, "source": ["# Sockets\n", "### S1 · TCP 服务器 / TCP server\n", "text S2\n", "## S3: UDP\n", "#### T1\n", "##S4 no space\n", "### X9 · unknown\n"]}`
	nb := parseNotebook(t, "x.ipynb", notebookJSON(md))
	if got := strings.Join(headingIDs(nb), " "); got != "S1 S3 T1" {
		t.Errorf("heading ids = %q, want \"S1 S3 T1\"", got)
	}
}

// TestLinkIndex checks the link forms the index may use.
func TestLinkIndex(t *testing.T) {
	for _, md := range []string{"[a](01-sockets.ipynb)", "[a](./01-sockets.ipynb#top)", `<a href="01-sockets.ipynb">a</a>`} {
		if linkIndex(md, "01-sockets.ipynb") < 0 {
			t.Errorf("no link found in %q", md)
		}
	}
	if linkIndex("see 01-sockets.ipynb", "01-sockets.ipynb") >= 0 {
		t.Errorf("plain text taken for a link")
	}
}
