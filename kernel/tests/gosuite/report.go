package gosuite

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Forms are the ways a program is run, in report order: the whole file as
// one cell, declarations then main's body, and bare yaegi.
var Forms = []string{"program", "notebook", "yaegi"}

// Report is everything a run found.
type Report struct {
	Title      string    // what ran: commit, Go version, date
	Selected   int       // programs that qualify
	NotNative  []string  // programs that qualify but do not build or succeed natively here
	Outcomes   []Outcome // per program and form
	Incomplete string    // why the run stopped early, if it did
}

// Summary is the table of categories per form, as text.
func (r *Report) Summary() string {
	var b strings.Builder
	counts, totals := r.counts()
	fmt.Fprintf(&b, "| category | %s |\n|---|%s\n", strings.Join(Forms, " | "), strings.Repeat("---|", len(Forms)))
	for _, c := range Categories {
		fmt.Fprintf(&b, "| %s |", c)
		for _, f := range Forms {
			fmt.Fprintf(&b, " %s |", percent(counts[f][c], totals[f]))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "| total |")
	for _, f := range Forms {
		fmt.Fprintf(&b, " %d |", totals[f])
	}
	b.WriteString("\n")
	return b.String()
}

func (r *Report) counts() (map[string]map[string]int, map[string]int) {
	counts, totals := map[string]map[string]int{}, map[string]int{}
	for _, f := range Forms {
		counts[f] = map[string]int{}
	}
	for _, o := range r.Outcomes {
		counts[o.Form][o.Category]++
		totals[o.Form]++
	}
	return counts, totals
}

func percent(n, total int) string {
	if total == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%.1f %%)", n, 100*float64(n)/float64(total))
}

// Causes groups the failures of one form by normalised error line (or,
// for wrong output, by category), most frequent first.
func (r *Report) Causes(form string) []CauseCount {
	groups := map[string][]string{}
	for _, o := range r.Outcomes {
		if o.Form != form || o.Category == Pass {
			continue
		}
		cause := o.Category
		if o.ErrorLine != "" {
			cause += ": " + Cause(o.ErrorLine)
		}
		groups[cause] = append(groups[cause], o.Program)
	}
	var list []CauseCount
	for c, ps := range groups {
		sort.Strings(ps)
		list = append(list, CauseCount{Cause: c, Programs: ps})
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].Programs) != len(list[j].Programs) {
			return len(list[i].Programs) > len(list[j].Programs)
		}
		return list[i].Cause < list[j].Cause
	})
	return list
}

// CauseCount is one cause and the programs that fail with it.
type CauseCount struct {
	Cause    string
	Programs []string
}

// YaegiOnly lists the programs that pass in bare yaegi but fail in a
// form of gokernel, as "form program: category".
func (r *Report) YaegiOnly() []string {
	yaegiPass := map[string]bool{}
	for _, o := range r.Outcomes {
		if o.Form == "yaegi" && o.Category == Pass {
			yaegiPass[o.Program] = true
		}
	}
	var list []string
	for _, o := range r.Outcomes {
		if o.Form != "yaegi" && o.Category != Pass && yaegiPass[o.Program] {
			list = append(list, fmt.Sprintf("%s %s: %s — %s%s", o.Form, o.Program, o.Category, o.ErrorLine, o.Detail))
		}
	}
	sort.Strings(list)
	return list
}

// Write writes the report as markdown: the summary, the causes per form,
// the programs that pass in bare yaegi only, then every outcome.
func (r *Report) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Go test programs in gokernel\n\n%s\n\n", r.Title)
	if r.Incomplete != "" {
		fmt.Fprintf(&b, "**Incomplete run:** %s\n\n", r.Incomplete)
	}
	fmt.Fprintf(&b, "%d programs qualify; %d of them fail natively here (Go's harness gives them more) and are left out: %s\n\n",
		r.Selected, len(r.NotNative), strings.Join(r.NotNative, ", "))
	b.WriteString("## Summary\n\n" + r.Summary() + "\n")
	for _, f := range Forms {
		fmt.Fprintf(&b, "## Causes, %s form\n\n| programs | cause | examples |\n|---|---|---|\n", f)
		for _, c := range r.Causes(f) {
			ex := c.Programs
			if len(ex) > 4 {
				ex = ex[:4]
			}
			fmt.Fprintf(&b, "| %d | %s | %s |\n", len(c.Programs), escape(c.Cause), strings.Join(ex, " "))
		}
		b.WriteString("\n")
	}
	b.WriteString("## Pass in bare yaegi, fail in gokernel\n\n")
	for _, s := range r.YaegiOnly() {
		b.WriteString("- " + escape(s) + "\n")
	}
	b.WriteString("\n## Every outcome\n\n| program | form | category | first error line | first difference | s |\n|---|---|---|---|---|---|\n")
	outs := append([]Outcome(nil), r.Outcomes...)
	sort.SliceStable(outs, func(i, j int) bool { return outs[i].Program < outs[j].Program })
	for _, o := range outs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.2f |\n", o.Program, o.Form, o.Category, escape(o.ErrorLine), escape(o.Detail), o.Seconds)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escape keeps a cell of a markdown table on one line.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
