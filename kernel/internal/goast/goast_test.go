package goast

import (
	"go/parser"
	"testing"
)

func TestReceiverTypeName(t *testing.T) {
	for src, want := range map[string]string{
		"T": "T", "*T": "T", "T[K]": "T", "*T[K, V]": "T", "(*T)": "T", "[]T": "", "pkg.T": "",
	} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := ReceiverTypeName(e); got != want {
			t.Errorf("ReceiverTypeName(%s) = %q, want %q", src, got, want)
		}
	}
}
