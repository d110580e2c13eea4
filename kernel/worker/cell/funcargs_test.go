package cell

import "testing"

// Func literals handed to native code in a loop see their iteration's
// variables (WaitGroup.Go is Go 1.25's); outputs are what `go run` prints.
func TestLoopClosuresPassedToNativeCode(t *testing.T) {
	runSteps(t, []step{
		{src: "var wg sync.WaitGroup\nn := 0\nvar mu sync.Mutex\nfor i := 0; i < 3; i++ { wg.Go(func() { mu.Lock(); n += i; mu.Unlock() }) }\nwg.Wait()\nn", shown: "3"},
		{src: "func work() int { var wg sync.WaitGroup; var mu sync.Mutex; n := 0; for i := range 3 { wg.Go(func() { mu.Lock(); n += i; mu.Unlock() }) }; wg.Wait(); return n }\nwork()", shown: "3"},
		{src: "var wg4 sync.WaitGroup\nres := make([]string, 3)\nfor i, s := range []string{\"a\", \"b\", \"c\"} { wg4.Go(func() { res[i] = strings.ToUpper(s) }) }\nwg4.Wait()\nres", shown: "[A B C]"},
		{src: "var fs []func() int\nfor i := range 3 { fs = append(fs, func() int { return i * 10 }) }\nfs[0]() + fs[1]() + fs[2]()", shown: "30"},
		{src: "ch := make(chan int, 3)\nfor i := range 3 { time.AfterFunc(time.Duration(i)*time.Millisecond, func() { ch <- i }) }\nfmt.Println(<-ch + <-ch + <-ch)", out: "3\n"},
	})
}
