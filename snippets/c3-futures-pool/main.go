// C3: Mutex versus channels ("share memory by communicating") on one word
// count, and a futures-style pool (ThreadPoolExecutor.submit / Future.result)
// written with a semaphore channel and a generic Future.
package main

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
)

// Future is the result of a task that may still be running.
type Future[T any] struct {
	done chan struct{} // closed when the task has finished
	val  T
	err  error
}

// Get waits for the task to finish and returns its result (future.result()).
func (f *Future[T]) Get() (T, error) {
	<-f.done
	return f.val, f.err
}

// Pool runs submitted tasks in goroutines, at most limit at a time
// (ThreadPoolExecutor(max_workers=limit)).
type Pool struct {
	slots chan struct{} // a semaphore: one token per running task
	wg    sync.WaitGroup
}

func NewPool(limit int) *Pool {
	return &Pool{slots: make(chan struct{}, limit)}
}

// Submit starts task as soon as a slot is free and returns its Future at once
// (executor.submit(fn)). Go methods cannot have type parameters, so Submit is
// a function that takes the pool.
func Submit[T any](p *Pool, task func() (T, error)) *Future[T] {
	f := &Future[T]{done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.slots <- struct{}{}        // take a slot (waits while limit tasks run)
		defer func() { <-p.slots }() // give it back
		f.val, f.err = task()
		close(f.done)
	}()
	return f
}

// Wait waits for every submitted task (executor.shutdown(wait=True)).
func (p *Pool) Wait() { p.wg.Wait() }

func wordCounts() {
	words := strings.Fields("go is fun and go is fast and go has no gil")

	// 1) Share memory, guarded by a lock.
	var countsMu sync.Mutex
	lockedCounts := map[string]int{}
	var counters sync.WaitGroup
	for _, w := range words {
		counters.Add(1)
		go func() {
			defer counters.Done()
			countsMu.Lock()
			lockedCounts[w]++
			countsMu.Unlock()
		}()
	}
	counters.Wait()

	// 2) Share by communicating: only the owner goroutine touches the map.
	wordCh := make(chan string)
	result := make(chan map[string]int)
	go func() {
		owned := map[string]int{}
		for w := range wordCh {
			owned[w]++
		}
		result <- owned // hand the finished map over
	}()
	var senders sync.WaitGroup
	for _, w := range words {
		senders.Add(1)
		go func() {
			defer senders.Done()
			wordCh <- w
		}()
	}
	senders.Wait()
	close(wordCh)
	ownedCounts := <-result

	fmt.Println("with a Mutex:   ", lockedCounts)
	fmt.Println("with a channel: ", ownedCounts)
	fmt.Println("same counts:", reflect.DeepEqual(lockedCounts, ownedCounts))
}

func poolDemo() {
	// Six "downloads" of 300 ms each on a pool of 3; download 4 fails.
	var (
		statsMu       sync.Mutex
		running, peak int
	)
	download := func(n int) (string, error) {
		statsMu.Lock()
		running++
		peak = max(peak, running)
		statsMu.Unlock()
		defer func() {
			statsMu.Lock()
			running--
			statsMu.Unlock()
		}()

		time.Sleep(300 * time.Millisecond)
		if n == 4 {
			return "", errors.New("connection reset")
		}
		return fmt.Sprintf("page %d (%d bytes)", n, 1000*n), nil
	}

	pool := NewPool(3)
	poolStart := time.Now()
	var futures []*Future[string]
	for n := 1; n <= 6; n++ {
		futures = append(futures, Submit(pool, func() (string, error) { return download(n) }))
	}
	fmt.Println("submitted 6 tasks, Submit did not wait")

	for i, f := range futures { // results in submission order, like executor.map
		page, err := f.Get()
		if err != nil {
			fmt.Printf("task %d: error: %v\n", i+1, err)
			continue
		}
		fmt.Printf("task %d: %s\n", i+1, page)
	}
	pool.Wait()
	fmt.Printf("at most %d ran at once; total ≈ %.1f s (6 × 0.3 s on 3 slots)\n", peak, time.Since(poolStart).Seconds())
}

func main() {
	wordCounts()
	poolDemo()
}
