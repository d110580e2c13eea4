// A2: five concurrent GETs of a URL that answers after one second (the
// seed's aiohttp example), with net/http from five goroutines against a
// local httptest server. Notebook 03-async.ipynb also draws the timeline.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// fetch is the Go version of the coroutine fetch(url): GET the URL and return the body.
func fetch(client *http.Client, url string) (string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

func main() {
	// A local stand-in for https://httpbin.org/delay/1: every reply takes one second.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(1 * time.Second)
		fmt.Fprintf(w, "delayed reply to %s", r.URL.RequestURI())
	}))
	defer srv.Close()
	fmt.Println("test server listening on", strings.TrimPrefix(srv.URL, "http://"))

	client := &http.Client{Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()
	urls := make([]string, 5)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/delay/1?req=%d", srv.URL, i+1)
	}

	start := time.Now()
	bodies := make([]string, len(urls))
	errs := make([]error, len(urls))
	var wg sync.WaitGroup
	for i, url := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bodies[i], errs[i] = fetch(client, url) // each goroutine writes only its own index
		}()
	}
	wg.Wait() // asyncio.gather: wait for all of them
	total := time.Since(start)

	for i := range urls {
		fmt.Printf("request %d: %q, error: %v\n", i+1, bodies[i], errs[i])
	}
	fmt.Println("全部完成! / all done!")
	fmt.Printf("5 requests, total ≈ %.1f s (one after the other it would take 5 s)\n", total.Seconds())
}
