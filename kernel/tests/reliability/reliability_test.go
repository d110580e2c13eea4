// Package reliability drives the real gokernel binary through faults and
// load with jupyter_client (testdata/drive.py, run by /usr/bin/python3):
// the worker killed mid-cell, a cell hogging every core, SIGTERM, restarts
// in a row, thousands of executes, four concurrent clients, and the
// temporary directories of killed and stopped kernels. The figures
// of docs/reliability.md come from these tests; set
// GOKERNEL_RELIABILITY_FULL=1 for the full-size run (10,000 executes) and
// GOKERNEL_RELIABILITY_OUT=FILE to collect the figures.
package reliability

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/tests/jupytertest"
)

// setup is what TestMain prepared: the built binary with its kernelspec
// installed in a temporary prefix, or why that failed.
var setup struct {
	k   *jupytertest.Kernel
	err error
}

func TestMain(m *testing.M) {
	jupytertest.Main(m, "reliability", "GOKERNEL_RELIABILITY_KEEP", func(tmp string) {
		setup.k, setup.err = jupytertest.Install(tmp)
	})
}

func full() bool { return os.Getenv("GOKERNEL_RELIABILITY_FULL") != "" }

// drive runs one scenario of drive.py and decodes its JSON result.
func drive(t *testing.T, scenario string, n int, timeout time.Duration, into any) {
	t.Helper()
	if setup.err != nil {
		t.Fatalf("reliability setup failed: %v", setup.err)
	}
	env := setup.k.TestEnv(t)
	jupytertest.NeedPython(t, env, "jupyter_client", "zmq")
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "ipc"), 0o700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(jupytertest.Python, "testdata/drive.py", scenario, fmt.Sprint(n))
	cmd.Env = append(env,
		"GOKERNEL_HISTORY="+filepath.Join(dir, "history.jsonl"),
		"GOKERNEL_IPC_DIR="+filepath.Join(dir, "ipc"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "runtime"),
		"TMPDIR="+tmpDir(t, dir),
	)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	done := make(chan struct{})
	timer := time.AfterFunc(timeout, func() {
		cmd.Process.Kill()
		close(done)
	})
	out, err := cmd.Output()
	timer.Stop()
	select {
	case <-done:
		t.Fatalf("%s: no result within %v\n%s", scenario, timeout, stderr.String())
	default:
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", scenario, err, stderr.String())
	}
	if err := json.Unmarshal(out, into); err != nil {
		t.Fatalf("%s: %v in %q\n%s", scenario, err, out, stderr.String())
	}
	t.Logf("%s: %s", scenario, strings.TrimSpace(string(out)))
	if h, err := os.ReadFile(filepath.Join(dir, "history.jsonl")); err == nil {
		historyFiles[scenario] = string(h)
	}
	record(fmt.Sprintf("%s: %s", scenario, strings.TrimSpace(string(out))))
}

var historyFiles = map[string]string{}

// tmpDir makes the scenario's private temporary directory (TMPDIR of
// drive.py and its kernels) under dir.
func tmpDir(t *testing.T, dir string) string {
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	return tmp
}

func record(line string) {
	if p := os.Getenv("GOKERNEL_RELIABILITY_OUT"); p != "" {
		if f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintln(f, line)
			f.Close()
		}
	}
}

func TestWorkerKilledMidCell(t *testing.T) {
	var r struct {
		WorkerPID    int     `json:"worker_pid"`
		ReplyStatus  *string `json:"reply_status"`
		ReplyEname   *string `json:"reply_ename"`
		ReplyEvalue  *string `json:"reply_evalue"`
		ReplyAfterS  float64 `json:"reply_after_s"`
		NextResult   *string `json:"next_result"`
		NewWorkerPID *int    `json:"new_worker_pid"`
	}
	drive(t, "killworker", 0, 90*time.Second, &r)
	if r.WorkerPID == 0 {
		t.Fatal("no worker process found under the kernel")
	}
	if r.ReplyStatus == nil || *r.ReplyStatus != "error" || r.ReplyEvalue == nil || !strings.Contains(*r.ReplyEvalue, "killed") {
		t.Errorf("the killed cell's reply: status %v, %v: %v; want an error naming the signal", deref(r.ReplyStatus), deref(r.ReplyEname), deref(r.ReplyEvalue))
	}
	if r.ReplyAfterS > 2 {
		t.Errorf("the killed cell was reported after %.1fs", r.ReplyAfterS)
	}
	if r.NextResult == nil || *r.NextResult != "2" {
		t.Errorf("next cell 1+1 = %v, want 2", deref(r.NextResult))
	}
	if r.NewWorkerPID == nil || *r.NewWorkerPID == r.WorkerPID {
		t.Errorf("no new worker (pid %v)", r.NewWorkerPID)
	}
}

// TestReconnectWhileStreaming disconnects the client in the middle of a
// cell that prints for two seconds; a new client gets the rest of the
// output, up to the last line, and the kernel goes on answering.
func TestReconnectWhileStreaming(t *testing.T) {
	var r struct {
		LastLineSeen        bool    `json:"last_line_seen"`
		LinesAfterReconnect int     `json:"lines_after_reconnect"`
		NextResult          *string `json:"next_result"`
	}
	drive(t, "reconnect", 0, 90*time.Second, &r)
	if !r.LastLineSeen || r.LinesAfterReconnect < 10 {
		t.Errorf("after reconnecting the client saw %d lines (last line seen: %v)", r.LinesAfterReconnect, r.LastLineSeen)
	}
	if r.NextResult == nil || *r.NextResult != "2" {
		t.Errorf("next cell 1+1 = %v, want 2", deref(r.NextResult))
	}
}

func TestCPUHogStillAnswers(t *testing.T) {
	var r struct {
		HB            []*float64 `json:"hb_s"`
		ControlInfo   []*float64 `json:"control_kernel_info_s"`
		ShellInfo     []*float64 `json:"shell_kernel_info_s"`
		InterruptS    *float64   `json:"interrupt_reply_s"`
		InterruptName *string    `json:"interrupt_reply_ename"`
		CPUAfter      int        `json:"worker_cpu_ticks_per_s_after_interrupt"`
		NextResult    *string    `json:"next_result"`
	}
	drive(t, "hog", 0, 120*time.Second, &r)
	for name, xs := range map[string][]*float64{"heartbeat": r.HB, "control kernel_info": r.ControlInfo, "shell kernel_info": r.ShellInfo} {
		if len(xs) == 0 {
			t.Errorf("%s: not measured", name)
		}
		for i, x := range xs {
			if x == nil || *x > 1 {
				t.Errorf("%s #%d while 5 goroutines spin: %v, want < 1 s", name, i, deref(x))
			}
		}
	}
	if r.InterruptS == nil || *r.InterruptS > 1 {
		t.Errorf("interrupt answered after %v s, want < 1 s", deref(r.InterruptS))
	}
	if r.CPUAfter > 20 { // clock ticks (1/100 s) in one second
		t.Errorf("the worker still burns %d ticks/s after the interrupt: goroutines kept spinning", r.CPUAfter)
	}
	if r.NextResult == nil || *r.NextResult != "2" {
		t.Errorf("next cell 1+1 = %v, want 2", deref(r.NextResult))
	}
}

func TestSIGTERM(t *testing.T) {
	var r struct {
		Result      *string  `json:"result"`
		ExitAfterS  *float64 `json:"exit_after_s"`
		ExitCode    *int     `json:"exit_code"`
		Before      []string `json:"ipc_files_before"`
		After       []string `json:"ipc_files_after"`
		WorkerAlive bool     `json:"worker_alive_after"`
	}
	drive(t, "sigterm", 0, 90*time.Second, &r)
	if r.ExitAfterS == nil || *r.ExitAfterS > 2 {
		t.Errorf("exit after SIGTERM took %v s, want < 2 s", deref(r.ExitAfterS))
	}
	if r.ExitCode == nil || *r.ExitCode != 0 {
		t.Errorf("exit code %v, want 0", deref(r.ExitCode))
	}
	if len(r.Before) != 5 {
		t.Errorf("ipc socket files while running: %v, want 5", r.Before)
	}
	if len(r.After) != 0 {
		t.Errorf("ipc socket files left after SIGTERM: %v", r.After)
	}
	if r.WorkerAlive {
		t.Error("the worker outlived the kernel")
	}
	if h := historyFiles["sigterm"]; !strings.Contains(h, `sigterm-flush`) {
		t.Errorf("the history file lacks the cell run before SIGTERM:\n%s", h)
	}
}

func TestRestartsInARow(t *testing.T) {
	var r struct {
		Restarts  int      `json:"restarts"`
		Failures  []string `json:"failures"`
		SamePorts bool     `json:"same_ports"`
		MaxS      float64  `json:"max_s"`
	}
	drive(t, "restarts", 50, 170*time.Second, &r)
	if len(r.Failures) > 0 {
		t.Errorf("%d of %d restarts failed: %v", len(r.Failures), r.Restarts, r.Failures)
	}
	if !r.SamePorts {
		t.Error("the ports changed across restarts")
	}
	if r.MaxS > 10 {
		t.Errorf("slowest restart %.1fs", r.MaxS)
	}
}

type loadResult struct {
	Executes   int      `json:"executes"`
	ExecutesS  float64  `json:"executes_s"`
	Failed     int      `json:"execute_failed"`
	ExecP50    float64  `json:"execute_p50_ms"`
	ExecP99    float64  `json:"execute_p99_ms"`
	Restarted  bool     `json:"worker_restarted"`
	RSSBefore  [2]int   `json:"rss_kib_before"`
	RSSAfter   [2]int   `json:"rss_kib_after"`
	RSSEnd     [2]int   `json:"rss_kib_end"`
	LongCell   *string  `json:"long_cell_status"`
	Concurrent []client `json:"concurrent"`
}

type client struct {
	Kind      string   `json:"kind"`
	Requests  int      `json:"requests"`
	Lost      int      `json:"lost"`
	Misrouted int      `json:"misrouted"`
	P99       *float64 `json:"p99_ms"`
}

func TestLoad(t *testing.T) {
	n := 2000
	if full() {
		n = 10000
	}
	var r loadResult
	drive(t, "load", n, 170*time.Second, &r)
	if r.Failed > 0 || r.Executes != n {
		t.Errorf("%d of %d executes failed", r.Failed, r.Executes)
	}
	if r.Restarted {
		t.Error("the worker was restarted during 1+1 executes")
	}
	if r.ExecP99 > 250 {
		t.Errorf("execute p99 %.1f ms", r.ExecP99)
	}
	kinds := []string{}
	for _, c := range r.Concurrent {
		kinds = append(kinds, c.Kind)
		if c.Requests < 50 || c.Lost > 0 || c.Misrouted > 0 {
			t.Errorf("%s client: %d requests, %d lost, %d misrouted", c.Kind, c.Requests, c.Lost, c.Misrouted)
		}
		if c.P99 == nil || *c.P99 > 500 {
			t.Errorf("%s client p99 %v ms while a cell runs", c.Kind, deref(c.P99))
		}
	}
	slices.Sort(kinds)
	if strings.Join(kinds, ",") != "complete,history,inspect,kernel_info" {
		t.Errorf("clients %v", kinds)
	}
	if r.LongCell == nil || *r.LongCell != "ok" {
		t.Errorf("the long cell ended %v", deref(r.LongCell))
	}
	// Memory: the kernel must not grow with the number of requests; the
	// bound is generous (a leak of 10 KiB per request would pass it only
	// below ~3,000 requests).
	if g := r.RSSAfter[0] - r.RSSBefore[0]; g > 32<<10 {
		t.Errorf("kernel RSS grew %d KiB over %d executes", g, n)
	}
	// The worker grows with every cell: yaegi keeps the AST of every
	// program it compiles (a heap profile of bare yaegi shows it, see
	// docs/reliability.md), about 5 KiB of heap and 12 KiB of RSS per
	// `1+1`. The bound catches anything our code would add to that.
	g := r.RSSAfter[1] - r.RSSBefore[1]
	t.Logf("worker RSS grew %d KiB over %d executes (%.1f KiB per execute)", g, n, float64(g)/float64(n))
	if limit := 32<<10 + 16*n; g > limit {
		t.Errorf("worker RSS grew %d KiB over %d executes, more than %d KiB (yaegi's own retention is ~12 KiB per cell)", g, n, limit)
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestNothingLeftBehind checks that a kernel's temporary directories go
// when it exits (restart, shutdown, SIGTERM), and that those of kernels
// killed with SIGKILL are removed by the next kernel to start, while a
// live kernel's stay.
func TestNothingLeftBehind(t *testing.T) {
	var r struct {
		Dirs         []string `json:"dirs"` // restarted, shut down, SIGTERM, killed, killed, alive
		Started      []string `json:"started"`
		AfterRestart string   `json:"after_restart"`
		AfterExits   []string `json:"after_exits"`
		AfterKills   []string `json:"after_kills"`
		New          string   `json:"new"`
		AfterNew     []string `json:"after_new"`
		AliveResult  *string  `json:"alive_result"`
		Final        []string `json:"final"`
	}
	drive(t, "leftovers", 0, 170*time.Second, &r)
	if len(r.Dirs) != 6 || slices.Contains(r.Dirs, "") || r.New == "" || r.AfterRestart == "" {
		t.Fatalf("could not find every kernel's directory: %q, new %q, restarted %q", r.Dirs, r.New, r.AfterRestart)
	}
	for _, d := range append(slices.Clone(r.Dirs), r.New, r.AfterRestart) {
		if !strings.HasPrefix(d, "gokernel-modules-") {
			t.Errorf("a kernel owns %q, not a gokernel-modules-* directory", d)
		}
	}
	killed, alive := r.Dirs[3:5], r.Dirs[5]
	checkLeft(t, "six kernels running", r.Started, r.Dirs)
	checkLeft(t, "restarted, shut down, SIGTERM", r.AfterExits, append(slices.Clone(killed), alive))
	checkLeft(t, "two killed with SIGKILL", r.AfterKills, append(slices.Clone(killed), alive))
	checkLeft(t, "a new kernel started", r.AfterNew, []string{alive, r.New})
	if r.AliveResult == nil || *r.AliveResult != "42" {
		t.Errorf("the kernel alive during the sweep answered %v, want 42", deref(r.AliveResult))
	}
	checkLeft(t, "all shut down", r.Final, nil)
}

// checkLeft compares what is in the kernels' TMPDIR after a step with what
// should be there.
func checkLeft(t *testing.T, step string, got, want []string) {
	t.Helper()
	if want = slices.Sorted(slices.Values(want)); !slices.Equal(got, want) && len(got)+len(want) > 0 {
		t.Errorf("%s: TMPDIR holds %q, want %q", step, got, want)
	}
}
