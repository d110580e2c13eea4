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

// TestGoSuiteSample runs the fixed sample of testdata/sample.txt natively,
// through gokernel in both forms and in bare yaegi, and checks the
// outcomes against testdata/known_failures.txt: a program that passed
// must not start failing, a listed program must still fail (the list only
// shrinks) and every entry needs a reason. The report is written to the
// file GOSUITE_REPORT names, if set.
func TestGoSuiteSample(t *testing.T) {
	testDir := filepath.Join(goroot(t), "test")
	sel, err := Select(testDir)
	if err != nil {
		t.Fatal(err)
	}
	names, err := ReadNames(filepath.Join("testdata", "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	programs, err := Pick(sel, names)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	s, err := Setup(t.TempDir(), testDir, "reset", &log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	r, err := s.Run(ctx, programs)
	if err != nil {
		t.Fatalf("the suite did not finish: %v\ndriver log:\n%s", err, log.String())
	}
	if len(r.NotNative) > 0 {
		t.Errorf("sample programs that fail natively: %v", r.NotNative)
	}
	t.Logf("%d programs of %d qualify; sample of %d:\n%s", len(programs), len(sel.Programs), len(programs), r.Summary())
	if path := os.Getenv("GOSUITE_REPORT"); path != "" {
		root, _ := jupytertest.ModuleRoot()
		r.Title = s.Title(root)
		var b bytes.Buffer
		r.Write(&b)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
	}
	for _, y := range r.YaegiOnly() {
		t.Logf("passes in bare yaegi, fails in gokernel: %s", y)
	}
	f, err := os.Open(filepath.Join("testdata", "known_failures.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known, err := ParseKnown(f)
	if err != nil {
		t.Fatal(err)
	}
	var kernelOutcomes []Outcome
	for _, o := range r.Outcomes {
		if o.Form != "yaegi" {
			kernelOutcomes = append(kernelOutcomes, o)
		}
	}
	if problems := Ratchet(kernelOutcomes, known); len(problems) > 0 {
		t.Errorf("the sample does not match testdata/known_failures.txt:\n  %s", strings.Join(problems, "\n  "))
	}
}
