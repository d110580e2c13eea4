package notebooks

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// snippetTimeout bounds one run of a snippet.
const snippetTimeout = 90 * time.Second

// snippet is one standalone program under snippets/.
type snippet struct {
	dir string // its directory name, <id in lower case>-<slug>
	id  string // its example id
}

var snippetDirRE = regexp.MustCompile(`^([a-z][0-9])-[a-z0-9][a-z0-9-]*$`)

// TestSnippets builds every snippets/<id>-<slug>, runs it natively and
// compares its normalized stdout with the stored stdout of the notebook
// cells tagged with its id. Every example whose cells printed something must
// have a snippet.
func TestSnippets(t *testing.T) {
	nbs := readNotebooks(t)
	want := exampleStdout(nbs)
	snips := findSnippets(t)
	have := map[string]bool{}
	for _, s := range snips {
		have[s.id] = true
	}
	for _, id := range exampleIDs {
		if strings.TrimSpace(want[id]) != "" && !have[id] {
			t.Errorf("example %s: its notebook cells print to stdout but there is no snippets/%s-<slug>/main.go", id, strings.ToLower(id))
		}
	}
	if len(snips) == 0 {
		t.Fatalf("no snippets in %s", setup.snipDir)
	}
	bin := buildSnippets(t, snips)
	for _, s := range snips {
		t.Run(s.dir, func(t *testing.T) {
			got := runSnippet(t, filepath.Join(bin, s.dir))
			d := lineDiff("notebook cells tagged "+s.id+" (stored stdout)", normalize(want[s.id]),
				"snippets/"+s.dir+" (stdout)", normalize(got))
			if d != "" {
				t.Errorf("snippets/%s disagrees with the notebook (normalized):\n%s", s.dir, d)
			}
		})
	}
}

// findSnippets lists the snippet directories, failing t for one whose name
// or id breaks the conventions or that has no main.go.
func findSnippets(t *testing.T) []snippet {
	t.Helper()
	entries, err := os.ReadDir(setup.snipDir)
	if err != nil {
		t.Fatalf("reading the snippets: %v", err)
	}
	var snips []snippet
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		m := snippetDirRE.FindStringSubmatch(e.Name())
		id := ""
		if m != nil {
			id = strings.ToUpper(m[1])
		}
		switch _, err := os.Stat(filepath.Join(setup.snipDir, e.Name(), "main.go")); {
		case !knownID(id):
			t.Errorf("snippets/%s: the name is not <example id in lower case>-<slug> for a seed example id", e.Name())
		case err != nil:
			t.Errorf("snippets/%s has no main.go: %v", e.Name(), err)
		default:
			snips = append(snips, snippet{dir: e.Name(), id: id})
		}
	}
	sort.Slice(snips, func(i, j int) bool { return snips[i].dir < snips[j].dir })
	return snips
}

// buildSnippets builds every snippet with one go build into a temporary
// directory, where each binary is named after its directory.
func buildSnippets(t *testing.T, snips []snippet) string {
	t.Helper()
	if setup.rootErr != nil {
		t.Fatal(setup.rootErr)
	}
	bin := t.TempDir()
	args := []string{"build", "-o", bin + string(filepath.Separator)}
	for _, s := range snips {
		rel, err := filepath.Rel(setup.root, filepath.Join(setup.snipDir, s.dir))
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Fatalf("snippet %s is outside the module %s", s.dir, setup.root)
		}
		args = append(args, "./"+filepath.ToSlash(rel))
	}
	if out, err := goCommand(5*time.Minute, args...); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin
}

// runSnippet runs the built snippet from the module root, as
// `go run ./snippets/<dir>` would, and returns its stdout. Its stderr is
// logged.
func runSnippet(t *testing.T, path string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), snippetTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path)
	cmd.Dir = setup.root
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("ran in %v", time.Since(start).Round(time.Millisecond))
	if stderr.Len() > 0 {
		t.Logf("stderr:\n%s", stderr.String())
	}
	if ctx.Err() != nil {
		t.Fatalf("did not finish within %v; stdout so far:\n%s", snippetTimeout, stdout.String())
	}
	if err != nil {
		t.Errorf("exited with %v; stderr:\n%s", err, stderr.String())
	}
	return stdout.String()
}
