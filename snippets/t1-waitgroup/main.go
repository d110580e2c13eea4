// T1: two goroutines, A and B, each start, sleep 2 s and end; a
// sync.WaitGroup waits for both. Total ≈ 2 s, not 4 s.
//
// Both goroutines start and end at the same instant, so if they printed
// directly the order of their lines would be up to the scheduler. Each
// one records its times in its own element of a slice instead, and main
// prints them in a fixed order after Wait. (notebooks/02-goroutines.ipynb
// also draws them as a timeline.)
package main

import (
	"fmt"
	"sync"
	"time"
)

// A Span records when something ran, as offsets from a common start time.
type Span struct {
	Name       string
	Start, End time.Duration
}

// worker is the Go version of the Python thread function: start, sleep
// 2 s, end. Instead of printing, it records its times in *span.
func worker(name string, t0 time.Time, span *Span) {
	span.Name = name
	span.Start = time.Since(t0)
	time.Sleep(2 * time.Second)
	span.End = time.Since(t0)
}

func main() {
	t0 := time.Now()
	spans := make([]Span, 2)

	var wg sync.WaitGroup
	for i, name := range []string{"A", "B"} {
		wg.Add(1) // one more goroutine to wait for
		go func() {
			defer wg.Done() // this one is finished
			worker(name, t0, &spans[i])
		}()
	}
	wg.Wait() // like t1.join(); t2.join()
	total := time.Since(t0)

	for _, s := range spans {
		fmt.Printf("goroutine %s: start ≈ %.2f s, end ≈ %.2f s\n", s.Name, s.Start.Seconds(), s.End.Seconds())
	}
	fmt.Printf("all done, total ≈ %.1f s\n", total.Seconds())
}
