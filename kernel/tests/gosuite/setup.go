package gosuite

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/tests/jupytertest"
)

// Setup builds gokernel and installs its kernelspec under tmp (see
// [jupytertest.Install]), builds bare yaegi and prepares the native
// runner; programs run in testDir (GOROOT/test) as in Go's harness;
// isolation is the driver's "reset" or "restart"; the driver's messages go
// to log.
func Setup(tmp, testDir, isolation string, log io.Writer) (*Suite, error) {
	k, err := jupytertest.Install(tmp)
	if err != nil {
		return nil, err
	}
	work := filepath.Join(tmp, "work")
	native, err := NewNativeRunner(filepath.Join(tmp, "native"), testDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	y, err := BuildYaegi(k.Root, work, testDir)
	if err != nil {
		return nil, err
	}
	env := append(k.Env, "GOKERNEL_HISTORY="+filepath.Join(tmp, "history.jsonl"))
	cmd := exec.Command(jupytertest.Python, "-c", "import jupyter_client")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%s cannot import jupyter_client (apt-get install -y python3-jupyter-client): %v\n%s", jupytertest.Python, err, out)
	}
	d := &Driver{Python: jupytertest.Python, Script: filepath.Join(k.Root, "kernel", "tests", "gosuite", "testdata", "driver.py"),
		Env: env, Work: work, Cwd: testDir, Isolation: isolation, Log: log}
	heavy, err := ReadNames(filepath.Join(k.Root, "kernel", "tests", "gosuite", "testdata", "loop_heavy.txt"))
	if err != nil {
		return nil, err
	}
	s := &Suite{Native: native, Kernel: d, Yaegi: y, LoopHeavy: map[string]bool{}}
	for _, n := range heavy {
		s.LoopHeavy[n] = true
	}
	return s, nil
}

// Title names what a run measured: the commit of the module at root, the
// Go version and the time.
func (s *Suite) Title(root string) string {
	out, _ := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	return fmt.Sprintf("Commit %s, %s, isolation %s, limit %v, %s.", strings.TrimSpace(string(out)), s.Native.GoVersion,
		s.Kernel.Isolation, Limit, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
}

// ReadNames reads program names, one a line (# starts a comment).
func ReadNames(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, line := range strings.Split(string(b), "\n") {
		if line, _, _ = strings.Cut(line, "#"); strings.TrimSpace(line) != "" {
			names = append(names, strings.TrimSpace(line))
		}
	}
	return names, nil
}

// Pick returns the programs of sel with the given names, in that order,
// and fails on a name that does not qualify.
func Pick(sel Selection, names []string) ([]Program, error) {
	byName := map[string]Program{}
	for _, p := range sel.Programs {
		byName[p.Name] = p
	}
	var out []Program
	for _, n := range names {
		p, ok := byName[n]
		if !ok {
			return nil, fmt.Errorf("%s is not a qualifying program of GOROOT/test", n)
		}
		out = append(out, p)
	}
	return out, nil
}
