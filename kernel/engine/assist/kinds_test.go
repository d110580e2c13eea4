package assist

import (
	"slices"
	"testing"
)

// vscodeKinds are the type names VS Code's Jupyter extension maps to
// completion icons (mapJupyterKind in vscode-jupyter's
// src/standalone/intellisense/conversion.ts); any other name gets none.
var vscodeKinds = []string{"method", "function", "constructor", "field", "variable", "class",
	"struct", "interface", "module", "property", "event", "operator", "unit", "value",
	"constant", "enum", "enumMember", "keyword", "text", "color", "file", "reference",
	"customcolor", "folder", "typeParameter", "snippet"}

func TestKindsAreKnownToVSCode(t *testing.T) {
	for _, k := range Kinds {
		if !slices.Contains(vscodeKinds, k) {
			t.Errorf("kind %q has no icon in VS Code", k)
		}
	}
}

// TestEveryMatchHasAKnownKind completes everything in reach (identifiers,
// packages, builtins and keywords, package and value members) and checks
// that each kind is one of Kinds.
func TestEveryMatchHasAKnownKind(t *testing.T) {
	s := newServices(t, learned...)
	seen := map[string]bool{}
	for _, code := range []string{"", "strings.", "io.", "time.", "math.", "os.", "p.", "sb.", "w.", "reflect."} {
		for _, m := range s.Complete(code, len(code)).Matches {
			k := m.Kind()
			if !slices.Contains(Kinds, k) {
				t.Errorf("Complete(%q): %q has kind %q (Type %q), not one of %q", code, m.Text, k, m.Type, Kinds)
			}
			seen[k] = true
		}
	}
	for _, k := range Kinds {
		if !seen[k] {
			t.Errorf("no completion had kind %q: the list of kinds has one to drop", k)
		}
	}
}

func TestCompleteKinds(t *testing.T) {
	s := newServices(t, learned...)
	tests := []struct{ code, text, kind string }{
		{"strin|", "strings", KindModule},
		{"Poi|", "Point", KindStruct},
		{"strings.Build|", "strings.Builder", KindStruct},
		{"io.Rea|", "io.Reader", KindInterface},
		{"erro|", "error", KindInterface},
		{"an|", "any", KindInterface},
		{"time.Dura|", "time.Duration", KindClass},
		{"in|", "int", KindClass},
		{"by|", "byte", KindClass},
		{"ad|", "add", KindFunction},
		{"sb.WriteS|", "sb.WriteString", KindMethod},
		{"p.No|", "p.Norm", KindMethod},
		{"p.X|", "p.X", KindField},
		{"sb|", "sb", KindVariable},
		{"io.EO|", "io.EOF", KindVariable},
		{"answ|", "answer", KindConstant},
		{"math.P|", "math.Pi", KindConstant},
		{"fo|", "for", KindKeyword},
	}
	for _, tt := range tests {
		code, cur := cursorAt(t, tt.code)
		if got := kindOf(s.Complete(code, cur).Matches, tt.text); got != tt.kind {
			t.Errorf("Complete(%q): %q has kind %q, want %q", code, tt.text, got, tt.kind)
		}
	}
}

func kindOf(ms []Match, text string) string {
	for _, m := range ms {
		if m.Text == text {
			return m.Kind()
		}
	}
	return "(missing)"
}

// TestSignatureFormatIsStable pins the one signature format, gopls's, with
// parameter names: the first completion of a package, before its sources
// were parsed, answers as the later ones do (it once gave
// "func(string) string" and then "func(s string) string").
func TestSignatureFormatIsStable(t *testing.T) {
	tests := []struct{ code, text, sig string }{
		{"strings.ToUp", "strings.ToUpper", "func(s string) string"},
		{"http.ListenAndSe", "http.ListenAndServe", "func(addr string, handler Handler) error"},
		{"sb.WriteS", "sb.WriteString", "func(s string) (int, error)"},
		{"ad", "add", "func(a, b int) int"},
		{"le", "len", "func(v Type) int"},
	}
	for _, tt := range tests {
		s := newServices(t, learned...) // cold: no package parsed yet
		for round := range 2 {
			if got := signatureOf(s.Complete(tt.code, len(tt.code)).Matches, tt.text); got != tt.sig {
				t.Errorf("Complete(%q) round %d: %q has signature %q, want %q", tt.code, round+1, tt.text, got, tt.sig)
			}
		}
	}
}

func signatureOf(ms []Match, text string) string {
	for _, m := range ms {
		if m.Text == text {
			return m.Signature
		}
	}
	return "(missing)"
}
