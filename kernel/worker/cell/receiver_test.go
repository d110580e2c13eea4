package cell

import (
	"strings"
	"testing"
)

func TestMethodsNeedOneReceiver(t *testing.T) {
	for src, want := range map[string]string{
		"func () A() {}":                   "cell1.go:1:6: method has no receiver",
		"type T int\nfunc (a, b T) M() {}": "cell1.go:2:6: method has multiple receivers",
	} {
		_, err := NewSession(nil).Compile("cell1", src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}
