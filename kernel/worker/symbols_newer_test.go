package worker

import "testing"

func TestNewerSymbolsJoinTheirPackages(t *testing.T) {
	pkgs := Packages()
	for _, sym := range []struct{ key, name string }{
		{"strings/strings", "Lines"},       // Go 1.24
		{"strings/strings", "Split"},       // yaegi's own, still there
		{"crypto/sha3/sha3", "Sum256"},     // a package yaegi lacks
		{"unicode/utf16/utf16", "RuneLen"}, // Go 1.23
		{"unsafe/unsafe", "Sizeof"},
	} {
		if _, ok := pkgs[sym.key][sym.name]; !ok {
			t.Errorf("Packages()[%q] has no %s", sym.key, sym.name)
		}
	}
}
