package notebooks

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// browserNotebooks are the notebooks TestBrowser opens, the first that
// exists; GOKERNEL_BROWSER_NOTEBOOK names another.
var browserNotebooks = []string{"02-goroutines.ipynb", "03-async.ipynb"}

// browserTimeout bounds the browser script: start, run all cells, screenshot.
const browserTimeout = 3 * time.Minute

// pageReport is what testdata/browser/run.js saw on the page.
type pageReport struct {
	Cleared    pageState `json:"cleared"`
	Shown      pageState `json:"shown"`
	Screenshot string    `json:"screenshot"`
}

// pageState describes the notebook page at one moment.
type pageState struct {
	Kernel    string   `json:"kernel"`
	CodeCells int      `json:"codeCells"`
	Prompts   []string `json:"prompts"`
	Outputs   int      `json:"outputs"`
	Stdout    []string `json:"stdout"`
	Results   []string `json:"results"`
	Errors    []string `json:"errors"`
	SVGs      int      `json:"svgs"`
}

// TestBrowser serves a copy of the notebooks with Debian's Jupyter Notebook,
// opens one in headless Chromium driven by playwright-core
// (testdata/browser/run.js), clears its outputs, runs all cells with the Go
// kernel from the Cell menu and checks that fresh outputs, the stdout the
// notebook stored and at least one SVG chart appear, without errors. The
// screenshot goes to the test's output directory (see browserOutDir).
func TestBrowser(t *testing.T) {
	needKernel(t)
	needFile(t, "/usr/bin/jupyter")
	needFile(t, "/usr/bin/chromium")
	needPython(t, "notebook")
	node := needNode(t)
	needPlaywright(t)
	name := browserNotebook(t)
	stored, err := readNotebook(filepath.Join(setup.nbDir, name))
	if err != nil {
		t.Fatal(err)
	}
	out := browserOutDir(t)
	base, token := serveNotebooks(t, out)
	report := runBrowser(t, node, out, base+"/notebooks/"+name+"?token="+token)
	t.Logf("screenshot of %s after Run All: %s", name, report.Screenshot)
	checkPage(t, stored, report)
}

// needNode fails t unless Node.js 20 or newer, which playwright-core
// needs, is on PATH, and returns its path.
func needNode(t *testing.T) string {
	t.Helper()
	node := needCommand(t, "node")
	out, err := exec.Command(node, "--version").Output()
	var major int
	if _, serr := fmt.Sscanf(string(out), "v%d.", &major); err != nil || serr != nil || major < 20 {
		t.Fatalf("%s --version = %q (%v): playwright-core needs Node.js 20 or newer", node, out, err)
	}
	return node
}

// needPlaywright installs testdata/browser's npm dependencies
// (playwright-core, pinned by package-lock.json) unless they are there.
func needPlaywright(t *testing.T) {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("testdata", "browser"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core", "package.json")); err == nil {
		return
	}
	npm := needCommand(t, "npm")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("playwright-core is not installed and `npm ci` in %s failed (%v):\n%s", dir, err, out)
	}
}

// browserNotebook is the notebook to open.
func browserNotebook(t *testing.T) string {
	t.Helper()
	names := browserNotebooks
	if n := os.Getenv("GOKERNEL_BROWSER_NOTEBOOK"); n != "" {
		names = []string{n}
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(setup.nbDir, n)); err == nil {
			return n
		}
	}
	t.Fatalf("none of %v is in %s", names, setup.nbDir)
	return ""
}

// browserOutDir is the test's output directory, emptied: where the
// screenshot, the server's log and the browser profile go. It is
// $GOKERNEL_BROWSER_OUT, else $TMPDIR/gokernel-notebooks-browser, and is
// kept after the test so that the screenshot can be looked at.
func browserOutDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("GOKERNEL_BROWSER_OUT")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gokernel-notebooks-browser")
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serveNotebooks starts `jupyter notebook` on a free loopback port with a
// random token, serving the notebooks' directory (kernels run there, as
// they do for a person), and returns its base URL and token. The server and
// its kernels are stopped when t ends, and t fails if the directory changed
// meanwhile (the test never saves: autosave is off).
func serveNotebooks(t *testing.T, out string) (base, token string) {
	t.Helper()
	t.Cleanup(checkUnchanged(t, setup.nbDir))
	root := setup.nbDir
	port := freePort(t)
	token = randomToken(t)
	logPath := filepath.Join(out, "jupyter-notebook.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/bin/jupyter", "notebook", "--no-browser", "--allow-root",
		"--ip=127.0.0.1", fmt.Sprintf("--port=%d", port), "--port-retries=0",
		"--NotebookApp.token="+token, "--notebook-dir="+root)
	cmd.Env = testEnv(t)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting jupyter notebook: %v", err)
	}
	t.Cleanup(func() { stopServer(t, cmd, logFile) })
	base = fmt.Sprintf("http://127.0.0.1:%d", port)
	if err := waitServer(base+"/api/status?token="+token, 60*time.Second); err != nil {
		b, _ := os.ReadFile(logPath)
		t.Fatalf("jupyter notebook did not answer on %s: %v\nits log:\n%s", base, err, b)
	}
	return base, token
}

// stopServer ends the notebook server started by serveNotebooks: SIGTERM to
// its process group (the server shuts its kernels down), then SIGKILL.
func stopServer(t *testing.T, cmd *exec.Cmd, log *os.File) {
	pgid := cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
	}
	log.Close()
	checkLeftovers(t, 5*time.Second)
}

// waitServer polls url until it answers 200 or timeout passes.
func waitServer(url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %s", resp.Status)
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// freePort is a loopback TCP port nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// randomToken is a fresh server token.
func randomToken(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// runBrowser runs testdata/browser/run.js against the notebook at url and
// returns what it reports.
func runBrowser(t *testing.T, node, out, url string) pageReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "run.js")
	cmd.Dir, _ = filepath.Abs(filepath.Join("testdata", "browser"))
	cmd.Env = append(testEnv(t),
		"GK_URL="+url,
		"GK_OUT="+out,
		"GK_CHROMIUM=/usr/bin/chromium",
		fmt.Sprintf("GK_TIMEOUT_MS=%d", (browserTimeout-30*time.Second).Milliseconds()),
	)
	cmd.WaitDelay = 5 * time.Second
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	t.Logf("run.js:\n%s", stderr.String())
	if err != nil {
		t.Fatalf("run.js failed (%v); see the server log and screenshots in %s\nstdout:\n%s", err, out, stdout)
	}
	var r pageReport
	if err := json.Unmarshal(stdout, &r); err != nil {
		t.Fatalf("run.js printed no report (%v):\n%s", err, stdout)
	}
	return r
}

// checkPage fails t unless the page showed no output after clearing, then
// the Go kernel's fresh outputs: every code cell run once, in order, the
// stored stdout (normalized), an SVG chart and no error.
func checkPage(t *testing.T, stored *notebook, r pageReport) {
	t.Helper()
	if r.Shown.Kernel != "Go" {
		t.Errorf("the kernel indicator shows %q, want \"Go\"", r.Shown.Kernel)
	}
	if r.Cleared.Outputs != 0 {
		t.Errorf("%d output areas left after Clear All Output", r.Cleared.Outputs)
	}
	for i, p := range r.Shown.Prompts {
		if want := fmt.Sprintf("In [%d]:", i+1); p != want {
			t.Errorf("code cell %d shows prompt %q after Run All, want %q (all prompts: %v)", i, p, want, r.Shown.Prompts)
			break
		}
	}
	if len(r.Shown.Errors) > 0 {
		t.Errorf("error outputs on the page:\n%s", strings.Join(r.Shown.Errors, "\n---\n"))
	}
	if r.Shown.SVGs == 0 {
		t.Errorf("no SVG chart on the page after Run All")
	}
	var want strings.Builder
	for _, c := range stored.Cells {
		want.WriteString(c.stdout())
	}
	if d := lineDiff("stored stdout", normalize(want.String()), "stdout on the page", normalize(strings.Join(r.Shown.Stdout, ""))); d != "" {
		t.Errorf("the page's stdout differs from the stored notebook's (normalized):\n%s", d)
	}
	t.Logf("page: %d code cells, %d output areas, %d stdout blocks, %d results, %d SVGs",
		r.Shown.CodeCells, r.Shown.Outputs, len(r.Shown.Stdout), len(r.Shown.Results), r.Shown.SVGs)
}
