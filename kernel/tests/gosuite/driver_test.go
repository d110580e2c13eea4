package gosuite

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/tests/jupytertest"
)

// TestDriverSurvives runs, over one kernel, programs that sleep, exit,
// read stdin and overflow the stack (killing the worker), then one that
// prints: the driver must report each and still run the last one.
func TestDriverSurvives(t *testing.T) {
	tmp := t.TempDir()
	k, err := jupytertest.Install(tmp)
	if err != nil {
		t.Fatal(err)
	}
	env := k.TestEnv(t)
	jupytertest.NeedPython(t, env, "jupyter_client")
	work := filepath.Join(tmp, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	d := &Driver{Python: jupytertest.Python, Script: filepath.Join("testdata", "driver.py"), Env: env,
		Work: work, Cwd: work, Isolation: "reset", Limit: 3 * time.Second, Log: &log}
	d.Script, _ = filepath.Abs(d.Script)
	prog := func(body string) string {
		return "package main\nimport (\"fmt\"; \"os\"; \"time\")\nvar _, _, _ = fmt.Print, os.Exit, time.Sleep\nfunc main() {\n" + body + "\n}\n"
	}
	jobs := []Job{
		{ID: "sleep", Cells: []string{prog("time.Sleep(time.Hour)")}},
		{ID: "exit", Cells: []string{prog(`fmt.Println("before"); os.Exit(3)`)}},
		{ID: "stdin", Cells: []string{prog(`var s string; _, err := fmt.Scan(&s); fmt.Println(err != nil)`)}},
		{ID: "crash", Cells: []string{prog(`var f func(int) int; f = func(n int) int { return f(n+1) + 1 }; fmt.Println(f(0))`)}},
		{ID: "hello", Cells: []string{prog(`fmt.Println("hello")`)}},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	got := map[string]Run{}
	if err := d.Runs(ctx, jobs, func(r Run) { got[r.ID] = r }); err != nil {
		t.Fatalf("driver: %v\n%s", err, log.String())
	}
	want := map[string]string{"sleep": "timeout", "exit": "error", "crash": "error", "hello": "ok"}
	for id, status := range want {
		if got[id].Status != status {
			t.Errorf("%s: status %q, want %q (run %+v)", id, got[id].Status, status, got[id])
		}
	}
	if got["crash"].Ename != "WorkerDied" {
		t.Errorf("crash: ename %q, want WorkerDied", got["crash"].Ename)
	}
	if got["stdin"].Status == "" || got["stdin"].Status == "timeout" {
		t.Errorf("stdin: status %q, want an answer without waiting for input", got["stdin"].Status)
	}
	if got["hello"].Stdout != "hello\n" || !strings.HasPrefix(got["exit"].Stdout, "before") {
		t.Errorf("stdout: hello %q, exit %q", got["hello"].Stdout, got["exit"].Stdout)
	}
}
