// Command gosuite runs the conformance suite of kernel/tests/gosuite on
// every qualifying program of GOROOT/test (or the programs named in a
// file) and writes the markdown report, rewriting it as outcomes arrive so
// that a run stopped early keeps what it found, and the outcomes as JSON
// next to it (REPORT.json), from which -render rewrites the report. Run it
// from the module with kernel/tests/gosuite/run.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/gokernel/gokernel/kernel/tests/gosuite"
	"github.com/gokernel/gokernel/kernel/tests/jupytertest"
)

func main() {
	out := flag.String("out", "gosuite-report.md", "the report to write")
	names := flag.String("programs", "", "a file naming the programs to run, one a line (default: all that qualify)")
	isolation := flag.String("isolation", "reset", "between programs: reset (%reset, a new worker) or restart (a new kernel)")
	limit := flag.Int("n", 0, "run only the first n programs (0: all)")
	list := flag.Bool("list", false, "list the programs that qualify and stop")
	render := flag.String("render", "", "rewrite the report -out from the outcomes of an earlier run (its REPORT.json) and stop")
	flag.Parse()
	if *render != "" {
		if err := rerender(*render, *out); err != nil {
			fmt.Fprintln(os.Stderr, "gosuite:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*out, *names, *isolation, *limit, *list); err != nil {
		fmt.Fprintln(os.Stderr, "gosuite:", err)
		os.Exit(1)
	}
}

func run(out, names, isolation string, limit int, list bool) error {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	testDir := filepath.Join(strings.TrimSpace(string(goroot)), "test")
	sel, err := gosuite.Select(testDir)
	if err != nil {
		return err
	}
	if list {
		for _, p := range sel.Programs {
			fmt.Println(p.Name)
		}
		return nil
	}
	fmt.Printf("%d programs qualify\n", len(sel.Programs))
	programs := sel.Programs
	if names != "" {
		list, err := gosuite.ReadNames(names)
		if err != nil {
			return err
		}
		if programs, err = gosuite.Pick(sel, list); err != nil {
			return err
		}
	}
	if limit > 0 && limit < len(programs) {
		programs = programs[:limit]
	}
	tmp, err := os.MkdirTemp("", "gosuite-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	s, err := gosuite.Setup(tmp, testDir, isolation, os.Stderr)
	if err != nil {
		return err
	}
	root, err := jupytertest.ModuleRoot()
	if err != nil {
		return err
	}
	title := s.Title(root)
	s.Progress = func(r *gosuite.Report) {
		if len(r.Outcomes)%20 == 0 {
			r.Title, r.Incomplete = title, fmt.Sprintf("%d of %d outcomes so far", len(r.Outcomes), 3*len(programs))
			save(out, r)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := s.Run(ctx, programs)
	if r == nil {
		return err
	}
	r.Title, r.Incomplete = title, ""
	if err != nil {
		r.Incomplete = err.Error()
	}
	if err := save(out, r); err != nil {
		return err
	}
	fmt.Print(r.Summary())
	fmt.Println("report:", out)
	return err
}

// rerender rewrites the report at out from the JSON of an earlier run.
func rerender(from, out string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var r gosuite.Report
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", from, err)
	}
	if err := save(out, &r); err != nil {
		return err
	}
	fmt.Print(r.Summary())
	return nil
}

// save writes the report to path and the outcomes next to it, in the
// same name with .json for .md.
func save(path string, r *gosuite.Report) error {
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(strings.TrimSuffix(path, ".md")+".json", b, 0o644); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := r.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
