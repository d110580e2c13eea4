package gosuite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// NativeLimit bounds a native run; Go's harness allows a `// run` test a
// minute too.
const NativeLimit = time.Minute

// Native is what `go run` does with a program: its stdout and whether it
// succeeded. A program that does not build natively does not count.
type Native struct {
	Stdout   string  `json:"stdout"`
	OK       bool    `json:"ok"`
	ExitCode int     `json:"exit_code"`
	Seconds  float64 `json:"seconds"` // the run, without the build
	BuildErr string  `json:"build_error,omitempty"`
	TimedOut bool    `json:"timed_out,omitempty"`
}

// NativeRunner builds and runs programs natively, caching the outcome per
// Go version and file hash under Cache.
type NativeRunner struct {
	GoVersion string // `go env GOVERSION`, part of the cache key
	Cache     string // the cache directory
	Work      string // a scratch directory for the binaries
	Dir       string // the programs' working directory: GOROOT/test, as in Go's harness
}

// NewNativeRunner finds the Go version and prepares the cache under the
// user's cache directory (gokernel-gosuite) and the scratch directory;
// programs run in dir.
func NewNativeRunner(work, dir string) (*NativeRunner, error) {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOVERSION: %w", err)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return nil, err
	}
	r := &NativeRunner{GoVersion: strings.TrimSpace(string(out)), Cache: filepath.Join(base, "gokernel-gosuite"), Work: work, Dir: dir}
	for _, d := range []string{r.Cache, r.Work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Run returns the native outcome of p, from the cache when it holds it.
func (r *NativeRunner) Run(p Program) (Native, error) {
	sum := sha256.Sum256([]byte(r.GoVersion + "\x00" + r.Dir + "\x00" + p.Src))
	cached := filepath.Join(r.Cache, hex.EncodeToString(sum[:16])+".json")
	var n Native
	if b, err := os.ReadFile(cached); err == nil && json.Unmarshal(b, &n) == nil {
		return n, nil
	}
	n, err := r.measure(p)
	if err != nil {
		return n, err
	}
	b, _ := json.Marshal(n)
	return n, os.WriteFile(cached, b, 0o644)
}

// measure builds p into the scratch directory and runs the binary there.
func (r *NativeRunner) measure(p Program) (Native, error) {
	bin := filepath.Join(r.Work, strings.NewReplacer("/", "_", ".go", "").Replace(p.Name))
	defer os.Remove(bin)
	build := exec.Command("go", "build", "-o", bin, p.Path)
	build.Dir = r.Work
	if out, err := build.CombinedOutput(); err != nil {
		return Native{BuildErr: firstLine(string(out))}, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), NativeLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = r.Dir
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	start := time.Now()
	err := cmd.Run()
	n := Native{Stdout: stdout.String(), OK: err == nil, Seconds: time.Since(start).Seconds(), TimedOut: ctx.Err() != nil}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		n.ExitCode = exit.ExitCode()
	} else if err != nil {
		return n, fmt.Errorf("run %s: %w", p.Name, err)
	}
	return n, nil
}

// firstLine is the first non-empty line of s, trimmed.
func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "# ") {
			return line
		}
	}
	return ""
}
