// A1: asyncio.gather of three say_hello coroutines, done with goroutines and
// a channel. Notebook 03-async.ipynb runs the same code and also draws the
// timeline of the three goroutines.
package main

import (
	"fmt"
	"strings"
	"time"
)

// greeting records when one sayHello call started and ended,
// measured from the instant t0 that all of them share.
type greeting struct {
	Name       string
	Start, End time.Duration
}

// sayHello is the Go version of the coroutine say_hello: wait, then greet.
// It reports its start and end times on the channel done.
func sayHello(delay time.Duration, name string, t0 time.Time, done chan<- greeting) {
	start := time.Since(t0)
	time.Sleep(delay) // blocks this goroutine only
	fmt.Printf("Hello %s!\n", name)
	done <- greeting{Name: name, Start: start, End: time.Since(t0)}
}

func main() {
	t0 := time.Now()
	done := make(chan greeting)

	// asyncio.gather(...): start all three at once ...
	go sayHello(1*time.Second, "Alice", t0, done)
	go sayHello(2*time.Second, "Bob", t0, done)
	go sayHello(500*time.Millisecond, "Charlie", t0, done)

	// ... then receive one result per goroutine, in the order they finish.
	var greetings []greeting
	for range 3 {
		greetings = append(greetings, <-done)
	}
	total := time.Since(t0)

	var order []string
	for _, g := range greetings {
		order = append(order, g.Name)
	}
	fmt.Println("completion order:", strings.Join(order, ", "))
	fmt.Printf("total ≈ %.1f s (one after the other it would take 3.5 s)\n", total.Seconds())
}
