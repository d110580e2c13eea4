package cell

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

// update rewrites golden files from what the compiler emits now: run
// `go test ./kernel/worker/cell -run 'TestEmitted|TestGaps' -update` after
// a deliberate change of the generated code, and read the diff.
var update = flag.Bool("update", false, "rewrite golden files")

// emittedSession is one recorded session of testdata/emitted/sessions.jsonl:
// the cells compiled and what the test that compiled them did next.
type emittedSession struct {
	Std bool // resolve standard-library names (else nothing auto-imports)
	Ops []struct {
		Op   string // compile, commit, import or fail
		Name string // compile: the cell name; import: the import's name
		Src  string // compile: the cell source
		Path string // import: the import path
		Plan int    // commit, fail: which compile's plan (0-based)
	}
}

// TestEmitted guards the generated code: every session recorded from the
// cell tests, the fuzz seeds and the benches is compiled again and the
// plans must match testdata/emitted/plans.golden byte for byte.
func TestEmitted(t *testing.T) {
	got := emitAll(t, "testdata/emitted/sessions.jsonl")
	const golden = "testdata/emitted/plans.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("emitted code differs from %s:\n%s", golden, firstDiff(got, string(want)))
	}
}

// emitAll replays the recorded sessions and renders every plan.
func emitAll(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		var es emittedSession
		if err := json.Unmarshal(sc.Bytes(), &es); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		fmt.Fprintf(&b, "=== session %d\n", n)
		replaySession(&b, es)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func replaySession(b *strings.Builder, es emittedSession) {
	var resolve Resolver
	if es.Std {
		resolve = stdResolver
	}
	s := NewSession(resolve)
	var plans []*Plan
	for _, op := range es.Ops {
		switch op.Op {
		case "compile":
			p, err := s.Compile(op.Name, op.Src)
			plans = append(plans, p)
			fmt.Fprintf(b, "--- %s\n%s\n", op.Name, op.Src)
			writePlan(b, p, err)
		case "commit":
			if p := plans[op.Plan]; p != nil {
				s.Commit(p)
			}
		case "import":
			s.CommitImport(Import{Name: op.Name, Path: op.Path})
		case "fail":
			if p := plans[op.Plan]; p != nil {
				fmt.Fprintf(b, "--- fail: %q\n", s.Fail(p))
			}
		}
	}
}

func writePlan(b *strings.Builder, p *Plan, err error) {
	if err != nil {
		fmt.Fprintf(b, "error: %v\n", err)
		return
	}
	fmt.Fprintf(b, "imports: %v\n", p.Imports)
	fmt.Fprintf(b, "decls:\n%s\nstmts:\n%s\n", p.Decls, p.Stmts)
	if p.PlainStmts != p.Stmts {
		fmt.Fprintf(b, "plain:\n%s\n", p.PlainStmts)
	}
	fmt.Fprintf(b, "result: %v %d:%d call=%v redefined=%v vars=%v\nreplay:\n%s\n",
		p.Result, p.ShowLine, p.ShowCol, p.ResultIsCall, p.Redefined, p.Vars, p.Replay)
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q", i+1, gl, wl)
		}
	}
	return "(same lines)"
}
