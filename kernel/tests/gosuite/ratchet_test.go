package gosuite

import (
	"strings"
	"testing"
)

func TestRatchet(t *testing.T) {
	list := `# comment
program a.go wrong output: defer evaluates late

notebook a.go compile error: return at top level
program b.go timeout (cpu-bound): slow
program c.go wrong status:
program d.go worker crash: exits
program d.go worker crash: twice
program e.go nonsense: what
`
	known, err := ParseKnown(strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	outcomes := []Outcome{
		{Program: "a.go", Form: "program", Category: WrongOutput},
		{Program: "a.go", Form: "notebook", Category: WrongOutput},
		{Program: "b.go", Form: "program", Category: Pass},
		{Program: "c.go", Form: "program", Category: WrongStatus},
		{Program: "d.go", Form: "program", Category: WorkerCrash},
		{Program: "e.go", Form: "program", Category: CompileError},
		{Program: "f.go", Form: "program", Category: CompileError},
		{Program: "f.go", Form: "notebook", Category: Pass},
	}
	got := strings.Join(Ratchet(outcomes, known), "\n")
	for _, want := range []string{
		"notebook a.go is listed as compile error but is wrong output",
		"program b.go now passes",
		"line 6: program c.go has no reason",
		"line 8: program d.go is listed twice",
		"line 9: program e.go has no failure category",
		"program f.go fails and is not a known failure",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Ratchet lacks %q; it says:\n%s", want, got)
		}
	}
	if strings.Contains(got, "program a.go") || strings.Contains(got, "notebook f.go") {
		t.Errorf("Ratchet complains about a listed failure or a pass:\n%s", got)
	}
	if _, err := ParseKnown(strings.NewReader("program a.go\n")); err == nil {
		t.Error("ParseKnown accepts a line without a category")
	}
	if p := Ratchet(nil, known[:1]); len(p) != 1 || !strings.Contains(p[0], "was not run") {
		t.Errorf("Ratchet on an entry not run = %q", p)
	}
}
