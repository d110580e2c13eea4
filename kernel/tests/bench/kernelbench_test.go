// Package bench holds gokernel's side-by-side kernel benchmark,
// kernelbench.py (run it with kernel/tests/bench/run; results in
// docs/benchmarks.md). This test runs the driver in its quick mode against
// gokernel only, so that the driver cannot rot: its JSON line must be
// well-formed and every printed byte must arrive. Like the e2e tests it is
// never skipped: a missing /usr/bin/python3 or jupyter_client fails it.
package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/tests/jupytertest"
)

// result is the part of the driver's JSON line this test checks.
type result struct {
	Schema   int    `json:"kernelbench"`
	Kernel   string `json:"kernel"`
	Language string `json:"language"`
	Failed   string `json:"failed"`
	StartupS struct {
		Median       float64   `json:"median"`
		WaitForReady float64   `json:"wait_for_ready_median"`
		Runs         []float64 `json:"runs"`
	} `json:"startup_s"`
	ExecuteMS struct {
		Median, P99 float64
		N           int
	} `json:"execute_ms"`
	CPU struct {
		Status string  `json:"status"`
		Median float64 `json:"median"`
	} `json:"cpu_task_s"`
	Lines         output `json:"lines"`
	Bytes         output `json:"bytes"`
	MemAfterStart memory `json:"memory_after_start"`
	MemAfterRuns  memory `json:"memory_after_runs"`
	Machine       struct {
		NProc int     `json:"nproc"`
		MemGB float64 `json:"mem_gb"`
		CPU   string  `json:"cpu"`
	} `json:"machine"`
	Date string `json:"date"`
}

type output struct {
	Status        string  `json:"status"`
	TimeS         float64 `json:"time_s"`
	BytesPrinted  *int    `json:"bytes_printed"`
	BytesReceived *int    `json:"bytes_received"`
	StreamMsgs    int     `json:"stream_msgs"`
	PeakPerS      *int    `json:"peak_msgs_per_s"`
	Complete      bool    `json:"complete"`
}

type memory struct {
	RSS       float64 `json:"rss_mb"`
	PSS       float64 `json:"pss_mb"`
	Processes int     `json:"processes"`
}

func TestDriverQuickGokernel(t *testing.T) {
	k, err := jupytertest.Install(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	env := k.TestEnv(t)
	jupytertest.NeedPython(t, env, "jupyter_client")

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, jupytertest.Python, filepath.Join(k.Root, "kernel", "tests", "bench", "kernelbench.py"),
		"--quick", "--timeout", "60", "gokernel")
	cmd.Dir, cmd.Env = k.Tmp, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("kernelbench.py --quick gokernel: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}

	var lines []string
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var table bool
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, `{"`) {
			lines = append(lines, line)
		}
		if strings.HasPrefix(line, "metric") && strings.Contains(line, "gokernel") {
			table = true
		}
	}
	if !table {
		t.Errorf("no table with a gokernel column in the output:\n%s", stdout.String())
	}
	if len(lines) != 1 {
		t.Fatalf("got %d JSON lines, want 1:\n%s", len(lines), stdout.String())
	}
	dec := json.NewDecoder(strings.NewReader(lines[0]))
	var r result
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("JSON line does not decode: %v\n%s", err, lines[0])
	}
	t.Logf("%s", lines[0])

	if r.Schema != 1 || r.Kernel != "gokernel" || r.Language != "go" {
		t.Errorf("kernelbench=%d kernel=%q language=%q, want 1, gokernel, go", r.Schema, r.Kernel, r.Language)
	}
	if r.Failed != "" {
		t.Fatalf("the benchmark of gokernel failed: %s\nstderr:\n%s", r.Failed, stderr.String())
	}
	if r.Date == "" || r.Machine.NProc < 1 || r.Machine.MemGB <= 0 {
		t.Errorf("date %q and machine %+v must be filled in", r.Date, r.Machine)
	}
	if len(r.StartupS.Runs) < 2 || r.StartupS.Median <= 0 || r.StartupS.WaitForReady < r.StartupS.Median {
		t.Errorf("startup = %+v: want >= 2 runs, a positive median, wait_for_ready >= kernel_info_reply", r.StartupS)
	}
	if e := r.ExecuteMS; e.N < 30 || e.Median <= 0 || e.P99 < e.Median {
		t.Errorf("execute_ms = %+v: want n >= 30 and 0 < median <= p99", e)
	}
	if r.CPU.Status != "ok" || r.CPU.Median <= 0 {
		t.Errorf("cpu_task_s = %+v, want status ok and a positive time", r.CPU)
	}
	for name, o := range map[string]output{"lines": r.Lines, "bytes": r.Bytes} {
		switch {
		case o.Status != "ok":
			t.Errorf("%s: status %q, want ok", name, o.Status)
		case o.BytesPrinted == nil || o.BytesReceived == nil || o.PeakPerS == nil:
			t.Errorf("%s: bytes_printed, bytes_received or peak_msgs_per_s missing: %+v", name, o)
		case *o.BytesPrinted == 0 || *o.BytesReceived != *o.BytesPrinted:
			t.Errorf("%s: received %d bytes of %d printed", name, *o.BytesReceived, *o.BytesPrinted)
		case !o.Complete:
			t.Errorf("%s: the received text differs from the printed text", name)
		case o.StreamMsgs < 1 || *o.PeakPerS < 1 || *o.PeakPerS > o.StreamMsgs || o.TimeS <= 0:
			t.Errorf("%s: inconsistent figures %+v", name, o)
		}
	}
	for name, m := range map[string]memory{"after start": r.MemAfterStart, "after runs": r.MemAfterRuns} {
		if m.RSS <= 0 || m.PSS <= 0 || m.Processes < 1 {
			t.Errorf("memory %s = %+v, want positive RSS and PSS of >= 1 process", name, m)
		}
	}
}
