package notebooks

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// notebook is the part of an .ipynb file (nbformat 4) the tests read.
type notebook struct {
	path  string
	Cells []cell `json:"cells"`
	Meta  struct {
		Kernelspec struct {
			Name string `json:"name"`
		} `json:"kernelspec"`
		LanguageInfo struct {
			Name string `json:"name"`
		} `json:"language_info"`
	} `json:"metadata"`
}

// cell is one notebook cell.
type cell struct {
	Type   string    `json:"cell_type"`
	Source multiline `json:"source"`
	Count  *int      `json:"execution_count"`
	Meta   struct {
		Gokernel struct {
			Example string `json:"example"`
		} `json:"gokernel"`
	} `json:"metadata"`
	Outputs []output `json:"outputs"`
}

// output is one output of a code cell.
type output struct {
	Type      string               `json:"output_type"`
	Name      string               `json:"name"`
	Text      multiline            `json:"text"`
	Data      map[string]multiline `json:"data"`
	Ename     string               `json:"ename"`
	Evalue    string               `json:"evalue"`
	Traceback []string             `json:"traceback"`
}

// multiline is a string that nbformat may store as a list of lines.
type multiline string

// UnmarshalJSON accepts a string or a list of strings.
func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil {
		// Rich data such as application/json is an object: not text.
		*m = multiline(b)
		return nil
	}
	*m = multiline(strings.Join(parts, ""))
	return nil
}

// readNotebook parses the .ipynb file at path.
func readNotebook(path string) (*notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb := &notebook{path: path}
	if err := json.Unmarshal(b, nb); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return nb, nil
}

// notebookPaths lists the .ipynb files of dir, sorted by name.
func notebookPaths(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	sort.Strings(paths)
	return paths, err
}

// readNotebooks parses every notebook of the directory under test and fails
// t when there is none or one does not parse.
func readNotebooks(t *testing.T) []*notebook {
	t.Helper()
	paths, err := notebookPaths(setup.nbDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no notebooks (*.ipynb) in %s", setup.nbDir)
	}
	var nbs []*notebook
	for _, p := range paths {
		nb, err := readNotebook(p)
		if err != nil {
			t.Fatal(err)
		}
		nbs = append(nbs, nb)
	}
	return nbs
}

// name is the notebook's file name.
func (nb *notebook) name() string { return filepath.Base(nb.path) }

// stdout is the concatenation of the cell's stdout stream outputs.
func (c *cell) stdout() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Name == "stdout" {
			b.WriteString(string(o.Text))
		}
	}
	return b.String()
}

// result is the text/plain of the cell's execute_result outputs.
func (c *cell) result() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "execute_result" {
			b.WriteString(string(o.Data["text/plain"]))
		}
	}
	return b.String()
}

// errors describes the cell's error outputs, tracebacks included.
func (c *cell) errors() []string {
	var out []string
	for _, o := range c.Outputs {
		if o.Type == "error" {
			tb := ansi.ReplaceAllString(strings.Join(o.Traceback, "\n"), "")
			out = append(out, fmt.Sprintf("%s: %s\n%s", o.Ename, o.Evalue, tb))
		}
	}
	return out
}

// describe names the cell for a failure message: its index, example id and
// first source line.
func (c *cell) describe(i int) string {
	first, _, _ := strings.Cut(strings.TrimSpace(string(c.Source)), "\n")
	if len(first) > 60 {
		first = first[:60] + "…"
	}
	id := ""
	if e := c.Meta.Gokernel.Example; e != "" {
		id = " [" + e + "]"
	}
	return fmt.Sprintf("cell %d%s `%s`", i, id, first)
}

// exampleStdout is, for every example id, the concatenated stdout of the
// code cells tagged with it, in notebook order then cell order.
func exampleStdout(nbs []*notebook) map[string]string {
	out := map[string]string{}
	for _, nb := range nbs {
		for _, c := range nb.Cells {
			if id := c.Meta.Gokernel.Example; c.Type == "code" && id != "" {
				out[id] += c.stdout()
			}
		}
	}
	return out
}

var (
	ansi      = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)
	addrRE    = regexp.MustCompile(`(?:127\.0\.0\.1|\[::1\]):\d+`)
	approxRE  = regexp.MustCompile(`≈\s*[-+]?\d+(?:,\d{3})*(?:\.\d+)?(?:(?:ns|µs|μs|us|ms|h|m|s)\d+(?:\.\d+)?)*(?:\s?[A-Za-zµμ%×]+(?:/[A-Za-z]+)?)?`)
	pidRE     = regexp.MustCompile(`\bpid \d+`)
	trailing  = regexp.MustCompile(`(?m)[ \t]+$`)
	crlfLines = strings.NewReplacer("\r\n", "\n")
)

// normalize applies the normalization of docs/notebooks.md: loopback
// addresses lose their port, numbers after ≈ lose their value and unit,
// process ids are hidden and trailing spaces are dropped.
func normalize(s string) string {
	s = crlfLines.Replace(s)
	s = addrRE.ReplaceAllString(s, "127.0.0.1:PORT")
	s = approxRE.ReplaceAllString(s, "≈ N")
	s = pidRE.ReplaceAllString(s, "pid N")
	return trailing.ReplaceAllString(s, "")
}
