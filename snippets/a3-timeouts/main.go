// A3: what asyncio forbids is fine in Go (blocking calls and CPU work inside
// goroutines); what Go code must handle is when to stop waiting: context
// timeouts and cancellation, and select with time.After.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// slowQuery takes d to produce its result, unless ctx ends first.
func slowQuery(ctx context.Context, d time.Duration) (string, error) {
	select {
	case <-time.After(d):
		return "42 rows", nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// blockingIsFine: a heartbeat goroutine keeps ticking while main blocks in
// time.Sleep and then spins the CPU.
func blockingIsFine() {
	hbStart := time.Now()
	stop := make(chan struct{})
	var ticks []time.Duration // when the heartbeat ticked; read after Wait
	var heartbeat sync.WaitGroup
	heartbeat.Add(1)
	go func() {
		defer heartbeat.Done()
		ticker := time.NewTicker(300 * time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				ticks = append(ticks, time.Since(hbStart))
			case <-stop:
				return
			}
		}
	}()

	// A blocking call: in a coroutine this would freeze the event loop.
	time.Sleep(1 * time.Second)
	sleepEnd := time.Since(hbStart)

	// CPU-bound work: spin for 700 ms without ever yielding on purpose.
	spins := 0
	for busy := time.Now(); time.Since(busy) < 700*time.Millisecond; {
		spins++
	}
	busyEnd := time.Since(hbStart)

	close(stop)
	heartbeat.Wait()
	// Count the heartbeats in each phase (timings vary with the machine's load).
	during := func(from, to time.Duration) int {
		n := 0
		for _, t := range ticks {
			if t > from && t <= to {
				n++
			}
		}
		return n
	}
	inSleep, inBusy := during(0, sleepEnd), during(sleepEnd, busyEnd)
	fmt.Printf("time.Sleep blocked main until ≈ %.1f s; heartbeats meanwhile: ≈ %d\n", sleepEnd.Seconds(), inSleep)
	fmt.Printf("the busy loop ran until ≈ %.1f s; heartbeats meanwhile: ≈ %d\n", busyEnd.Seconds(), inBusy)
	fmt.Println("the heartbeat kept beating through both:", inSleep > 0 && inBusy > 0)
}

// timeouts: asyncio.wait_for → context.WithTimeout; task.cancel() → context.WithCancel.
func timeouts() {
	for _, limit := range []time.Duration{2 * time.Second, 300 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		began := time.Now()
		rows, err := slowQuery(ctx, 1*time.Second)
		cancel() // always release the context's timer
		fmt.Printf("timeout %v: result %q, error %v, after ≈ %.1f s\n", limit, rows, err, time.Since(began).Seconds())
	}

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(200 * time.Millisecond)
		fmt.Println("the user pressed Stop")
		cancel()
	}()
	began := time.Now()
	rows, err := slowQuery(ctx, 1*time.Second)
	fmt.Printf("cancelled: result %q, error %v, after ≈ %.1f s\n", rows, err, time.Since(began).Seconds())
}

// selectWithTimeout: wait on a channel, but not forever.
func selectWithTimeout() {
	answers := make(chan string, 1)
	go func() {
		time.Sleep(800 * time.Millisecond)
		answers <- "slow answer"
	}()

	select {
	case a := <-answers:
		fmt.Println("got:", a)
	case <-time.After(300 * time.Millisecond):
		fmt.Println("no answer within 300ms, doing something else")
	}

	// Later we may still collect it, this time with more patience.
	select {
	case a := <-answers:
		fmt.Println("it arrived later:", a)
	case <-time.After(2 * time.Second):
		fmt.Println("still nothing")
	}
}

func main() {
	blockingIsFine()
	timeouts()
	selectWithTimeout()
}
