// S2: a TCP client, and a server that serves each connection in its own
// goroutine, so a silent client does not hold up the others.
//
// The client part of notebooks/01-sockets.ipynb. The program starts the
// server of S1 itself (without printing its address) so that it runs on
// its own.
package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// handle and serve are the server of S1.

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

func serve(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			fmt.Println("server: accept failed:", err)
			continue
		}
		go handle(conn)
	}
}

// ask connects to addr, sends msg and returns everything the server
// sends back before it hangs up.
func ask(addr, msg string) (string, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()

	if _, err := conn.Write([]byte(msg)); err != nil {
		return "", err
	}
	reply, err := io.ReadAll(conn) // read until the server closes the connection
	return string(reply), err
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	serverDone := make(chan struct{})
	go func() {
		serve(ln)
		close(serverDone)
	}()
	defer func() {
		ln.Close()
		<-serverDone
	}()
	addr := ln.Addr().String()

	reply, err := ask(addr, "Hello server!")
	if err != nil {
		panic(err)
	}
	fmt.Println("client: the server replied", reply)

	// Client 1 connects and keeps silent: its handler is blocked in Read.
	silent, err := net.Dial("tcp", addr)
	if err != nil {
		panic(err)
	}

	// Client 2 is served anyway, by another goroutine.
	start := time.Now()
	reply, err = ask(addr, "Hello server!")
	if err != nil {
		panic(err)
	}
	waited := time.Since(start)

	// Client 1 hangs up; its handler's Read returns io.EOF and the goroutine ends.
	silent.Close()

	fmt.Println("client 2: the server replied", reply, "while client 1 was still connected")
	fmt.Printf("client 2 waited ≈ %.1f ms\n", float64(waited.Microseconds())/1000)
}
