package gosuite

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Known is one entry of testdata/known_failures.txt: a program that fails
// in one form, how, and why.
type Known struct {
	Form, Program, Category, Reason string
	Line                            int
}

// ParseKnown reads the known failures: one `form program category: reason`
// a line; blank lines and lines starting with # are ignored.
func ParseKnown(r io.Reader) ([]Known, error) {
	var list []Known
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) < 3 {
			return nil, fmt.Errorf("known failures line %d: want `form program category: reason`, got %q", n, line)
		}
		category, reason, _ := strings.Cut(fields[2], ":")
		list = append(list, Known{Form: fields[0], Program: fields[1], Category: strings.TrimSpace(category),
			Reason: strings.TrimSpace(reason), Line: n})
	}
	return list, sc.Err()
}

// Ratchet compares outcomes with the known failures and lists what is
// wrong: a failure not listed or listed under another category, a listed
// program that now passes or was not run, an entry without a reason or a
// category, and a duplicate entry.
func Ratchet(outcomes []Outcome, known []Known) []string {
	var problems []string
	entries := map[string]Known{}
	for _, k := range known {
		key := k.Form + " " + k.Program
		switch {
		case entries[key] != Known{}:
			problems = append(problems, fmt.Sprintf("line %d: %s is listed twice", k.Line, key))
		case k.Reason == "":
			problems = append(problems, fmt.Sprintf("line %d: %s has no reason", k.Line, key))
		case !slices.Contains(Categories, k.Category) || k.Category == Pass:
			problems = append(problems, fmt.Sprintf("line %d: %s has no failure category (%q)", k.Line, key, k.Category))
		}
		entries[key] = k
	}
	seen := map[string]bool{}
	for _, o := range outcomes {
		key := o.Form + " " + o.Program
		seen[key] = true
		k, listed := entries[key]
		switch {
		case o.Category == Pass && listed:
			problems = append(problems, fmt.Sprintf("%s now passes: remove line %d of the known failures", key, k.Line))
		case o.Category != Pass && !listed:
			problems = append(problems, fmt.Sprintf("%s fails and is not a known failure: %s (%s)", key, o.Category, describe(o)))
		case o.Category != Pass && k.Category != o.Category:
			problems = append(problems, fmt.Sprintf("%s is listed as %s but is %s: %s", key, k.Category, o.Category, describe(o)))
		}
	}
	for _, k := range known {
		if key := k.Form + " " + k.Program; !seen[key] {
			problems = append(problems, fmt.Sprintf("line %d: %s was not run", k.Line, key))
		}
	}
	return problems
}

// describe is the error line and the first difference of a failure.
func describe(o Outcome) string {
	return strings.Trim(o.ErrorLine+"; "+o.Detail, "; ")
}
