package gosuite

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Limit is the time a program may take in the kernel or in bare yaegi.
const Limit = 20 * time.Second

// Job is one program in one form: the cells to run in a fresh interpreter.
type Job struct {
	ID    string   `json:"id"`
	Cells []string `json:"cells"`
}

// Run is what the kernel (or bare yaegi) did with one job.
type Run struct {
	ID         string  `json:"id"`
	Status     string  `json:"status"` // ok, error, timeout, kernel_died
	Stdout     string  `json:"stdout"`
	Stderr     string  `json:"stderr"`
	CellsRun   int     `json:"cells_run"`
	Ename      string  `json:"ename"`
	Evalue     string  `json:"evalue"`
	Traceback0 string  `json:"traceback0"`
	Seconds    float64 `json:"seconds"`
}

// Driver runs jobs through the real Jupyter protocol: testdata/driver.py,
// run with Python, starts the installed kernel with jupyter_client.
type Driver struct {
	Python    string        // the interpreter with jupyter_client
	Script    string        // testdata/driver.py
	Env       []string      // the environment with the kernelspec on JUPYTER_PATH
	Work      string        // a scratch directory for the job files
	Cwd       string        // the kernels' working directory
	Isolation string        // "reset" (%reset between jobs) or "restart"
	Limit     time.Duration // the time a job may take; 0 means [Limit]
	Log       io.Writer
}

// Runs runs jobs in order over one kernel and calls each with every run
// as it ends, so that a partial run is kept.
func (d *Driver) Runs(ctx context.Context, jobs []Job, each func(Run)) error {
	if len(jobs) == 0 {
		return nil
	}
	file := filepath.Join(d.Work, fmt.Sprintf("jobs-%d.json", time.Now().UnixNano()))
	b, err := json.Marshal(jobs)
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		return err
	}
	defer os.Remove(file)
	limit := d.Limit
	if limit == 0 {
		limit = Limit
	}
	cmd := exec.CommandContext(ctx, d.Python, d.Script, "--timeout", fmt.Sprint(limit.Seconds()),
		"--isolation", d.Isolation, "--cwd", d.Cwd, file)
	cmd.Dir, cmd.Env, cmd.Stderr = d.Work, d.Env, d.Log
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r Run
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			continue // not a result line
		}
		each(r)
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("driver.py: %w", err)
	}
	return nil
}
