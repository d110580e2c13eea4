// T3: Go has no GIL. The same CPU-bound sum of squares, computed
// sequentially and split over one goroutine per CPU core: the goroutines
// run in parallel, and the measured speed-up approaches the core count.
// Compiled, this takes about a millisecond per version; the notebook runs
// it in an interpreter, about a hundred times slower.
package main

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"
)

// sumSquares is the seed's cpu_task: pure arithmetic, no I/O at all.
// It returns 0² + 1² + … for every i with from <= i < to.
func sumSquares(from, to int) int {
	s := 0
	for i := from; i < to; i++ {
		s += i * i
	}
	return s
}

// parallelSumSquares cuts [0, n) into one chunk per worker, sums the
// chunks in separate goroutines and adds up the partial sums. Each
// goroutine writes only its own element of partial, so no lock is needed.
func parallelSumSquares(n, workers int) int {
	partial := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			partial[w] = sumSquares(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()

	total := 0
	for _, p := range partial {
		total += p
	}
	return total
}

// fastest runs f three times and returns the shortest duration: other
// programs on the machine can only ever make a run slower.
func fastest(f func()) time.Duration {
	best := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		f()
		if d := time.Since(start); d < best {
			best = d
		}
	}
	return best
}

func main() {
	const n = 2_000_000
	workers := runtime.NumCPU()

	var seq, par int
	tSeq := fastest(func() { seq = sumSquares(0, n) })
	tPar := fastest(func() { par = parallelSumSquares(n, workers) })

	fmt.Printf("sum of i*i for i < %d = %d\n", n, seq)
	fmt.Println("same result with goroutines:", par == seq)
	fmt.Printf("sequential:                 ≈ %.1f ms\n", float64(tSeq.Microseconds())/1000)
	fmt.Printf("one goroutine per CPU core: ≈ %.1f ms\n", float64(tPar.Microseconds())/1000)
	fmt.Printf("speed-up ≈ %.1fx\n", float64(tSeq)/float64(tPar))
}
