// S4: a tiny net/http server, queried once with net/http's client and
// once with a raw TCP connection carrying a hand-typed HTTP request.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// ask is the raw TCP client of S2: connect, send msg, read until the
// server hangs up.
func ask(addr, msg string) (string, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()

	if _, err := conn.Write([]byte(msg)); err != nil {
		return "", err
	}
	reply, err := io.ReadAll(conn)
	return string(reply), err
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello/{name}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "Hello, %s!\n", r.PathValue("name"))
	})

	httpLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Serve(httpLn) }() // Serve blocks until the server is shut down

	base := "http://" + httpLn.Addr().String()
	fmt.Println("http server on", base)

	// A normal HTTP client.
	resp, err := http.Get(base + "/hello/Gopher")
	if err != nil {
		panic(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		panic(err)
	}
	fmt.Println("http.Get status:", resp.Status)
	fmt.Print("http.Get body:   ", string(body))

	// The same kind of request typed by hand and sent over raw TCP.
	// HTTP/1.0 closes the connection after the response, which is
	// exactly when ask stops reading.
	raw, err := ask(httpLn.Addr().String(), "GET /hello/socket HTTP/1.0\r\nHost: localhost\r\n\r\n")
	if err != nil {
		panic(err)
	}
	statusLine, _, _ := strings.Cut(raw, "\r\n")
	_, rawBody, _ := strings.Cut(raw, "\r\n\r\n") // the body follows the first empty line
	fmt.Println("raw status line:", statusLine)
	fmt.Print("raw body:        ", rawBody)

	// Shutdown stops accepting, lets running requests finish, then returns.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	err = srv.Shutdown(ctx)
	cancel()
	fmt.Println("shutdown error:", err)
	fmt.Println("Serve returned:", <-httpDone)
}
