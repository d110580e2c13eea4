package cellrt

import (
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
)

// TestInstall checks that every runtime function generated code calls is
// installed and reaches the host.
func TestInstall(t *testing.T) {
	var stderr strings.Builder
	var panics, deferred []string
	i := interp.New(interp.Options{})
	err := Install(i, Host{
		GoPanic:   func(v any, where string) { panics = append(panics, where) },
		Stdin:     strings.NewReader("typed\n"),
		Defer:     func(f any, args ...any) { deferred = append(deferred, "call") },
		DeferFunc: func(f func()) { deferred = append(deferred, "func") },
		Stderr:    &stderr,
	})
	if err != nil {
		t.Fatal(err)
	}
	src := Println + `("x", 1)
` + Print + `(true)
` + GoPanic + `("boom", "cell1.go:1:1")
` + Defer + `(func(int) {}, 1)
` + DeferFunc + `(func() {})
var b [5]byte
n, _ := ` + Stdin + `.Read(b[:])
dl := ` + NewDeferList + `()
dl.Push(` + DeferFunc + `, func() {})
dl.Run()
` + Show + `(n, ` + MinWins + `(2, 1), ` + MaxWins + `(2, 1), ` + Compare + `(1, 2), ` + MethodPanic + `(true, 0), ` + StringRange + `("a\xffz")[2].Off)`
	v, err := i.Eval(src)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := v.Interface().([]any)
	if !ok || len(got) != 6 || got[0] != 5 || got[1] != true || got[2] != false || got[3] != -1 || got[4] != "<nil>" || got[5] != 2 {
		t.Errorf("Show gave %#v", v.Interface())
	}
	if stderr.String() != "x 1\ntrue" {
		t.Errorf("print wrote %q", stderr.String())
	}
	if len(panics) != 1 || panics[0] != "cell1.go:1:1" || strings.Join(deferred, ",") != "call,func,func" {
		t.Errorf("panics %v, defers %v", panics, deferred)
	}
}
