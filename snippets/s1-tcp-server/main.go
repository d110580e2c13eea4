// S1: a TCP server with one goroutine per connection.
//
// The server of notebooks/01-sockets.ipynb: it listens on a free port of
// 127.0.0.1, answers each client with "Hello from server!" and stops
// cleanly when its listener is closed. This program starts it and stops
// it again; snippets/s2-tcp-client shows a client talking to it.
package main

import (
	"errors"
	"fmt"
	"net"
)

// handle serves one client: read one message (at most 1024 bytes),
// answer it, hang up. It runs in a goroutine of its own, so while it
// waits in Read the server goes on accepting other clients.
func handle(conn net.Conn) {
	defer conn.Close()

	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil {
		return // the client hung up without sending anything
	}
	fmt.Printf("server: %s says %q\n", conn.RemoteAddr(), buf[:n])

	conn.Write([]byte("Hello from server!"))
}

// serve is the accept loop. It returns when the listener is closed.
func serve(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return // ln.Close() was called: stop accepting
		}
		if err != nil {
			fmt.Println("server: accept failed:", err)
			continue
		}
		go handle(conn) // one goroutine per connection
	}
}

func main() {
	// Port 0: the operating system picks a free port.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}

	serverDone := make(chan struct{})
	go func() {
		serve(ln)
		close(serverDone)
	}()

	addr := ln.Addr().String()
	fmt.Println("server listening on", addr)

	// In the notebook, the clients of S2 talk to the server at this point.

	ln.Close()   // Accept now fails with net.ErrClosed
	<-serverDone // wait until the accept loop has returned
	fmt.Println("server stopped")
}
