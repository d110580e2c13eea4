// T2: two goroutines × 100000 increments. With a sync.Mutex the count is
// 200000; without it updates are lost (a data race, on purpose: try
// `go run -race ./snippets/t2-mutex`); with sync/atomic it is 200000 again.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// SafeCounter may be incremented by many goroutines at once.
type SafeCounter struct {
	mu sync.Mutex // guards n
	n  int
}

func (c *SafeCounter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// run starts `goroutines` goroutines that each call inc `times` times,
// and waits for all of them. The goroutines wait at a starting line
// until every one of them exists, so that they really count at the same
// time (compiled Go counts to 100000 in well under a millisecond: the
// first goroutine could otherwise finish before the second one starts).
func run(goroutines, times int, inc func()) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start // wait for the starting signal
			for range times {
				inc()
			}
		}()
	}
	close(start) // go!
	wg.Wait()
}

var racy int // no lock: a data race on purpose

// unsafeInc is racy++ spelled out as its three steps, with an invitation
// to switch goroutines between the load and the store. Plain racy++ has
// the same bug; it just shows up less reliably on a busy machine.
func unsafeInc() {
	v := racy         // 1. load
	runtime.Gosched() //    (another goroutine may run here and store)
	racy = v + 1      // 2. add, 3. store: may overwrite that store
}

func main() {
	var counter SafeCounter
	run(2, 100000, counter.Inc)
	fmt.Println("with a sync.Mutex:", counter.n)

	lost := false
	for try := 1; try <= 10 && !lost; try++ {
		racy = 0
		run(2, 100000, unsafeInc)
		if racy != 200000 {
			lost = true
			fmt.Printf("without a lock: a run counted ≈ %d instead of 200000, updates were lost\n", racy/1000*1000)
		}
	}
	if !lost {
		fmt.Println("without a lock: 10 runs happened to lose nothing; the race is still there (try go run -race)")
	}

	var hits atomic.Int64
	run(2, 100000, func() { hits.Add(1) })
	fmt.Println("with sync/atomic:", hits.Load())
}
