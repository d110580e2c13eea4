package engine

import (
	"slices"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/assist"
	"github.com/gokernel/gokernel/kernel/jupyter"
)

// TestCompletionTypesNameFrontendKinds checks that complete_reply's
// _jupyter_types_experimental carries the kinds frontends draw (module,
// struct, ...), not Go's words (package, type).
func TestCompletionTypesNameFrontendKinds(t *testing.T) {
	e := newEngine(t)
	for code, want := range map[string]string{"strin": assist.KindModule, "erro": assist.KindInterface, "in": assist.KindClass} {
		c := e.Complete(code, len(code))
		if len(c.Types) != len(c.Matches) {
			t.Fatalf("Complete(%q): %d types for %d matches", code, len(c.Types), len(c.Matches))
		}
		for _, ty := range c.Types {
			if !slices.Contains(assist.Kinds, ty.Type) {
				t.Errorf("Complete(%q): %q has type %q", code, ty.Text, ty.Type)
			}
		}
		if !slices.ContainsFunc(c.Types, func(ty jupyter.CompletionType) bool { return ty.Type == want }) {
			t.Errorf("Complete(%q): no match of kind %q in %v", code, want, c.Types)
		}
	}
}
