// S3: a UDP server (ReadFrom / WriteTo) and a client, on 127.0.0.1.
package main

import (
	"fmt"
	"net"
	"time"
)

// udpServe answers every datagram with "Got it!" until pc is closed.
func udpServe(pc net.PacketConn) {
	buf := make([]byte, 1024)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			return // pc was closed
		}
		fmt.Printf("udp server: %s sent %q\n", from, buf[:n])
		pc.WriteTo([]byte("Got it!"), from)
	}
}

func main() {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	udpDone := make(chan struct{})
	go func() {
		udpServe(pc)
		close(udpDone)
	}()
	fmt.Println("udp server on", pc.LocalAddr())

	// The client: "connect" only fixes the destination, nothing is sent yet.
	uc, err := net.Dial("udp", pc.LocalAddr().String())
	if err != nil {
		panic(err)
	}

	uc.SetReadDeadline(time.Now().Add(2 * time.Second)) // a datagram may be lost: do not wait forever
	if _, err := uc.Write([]byte("Hi UDP!")); err != nil {
		panic(err)
	}
	buf := make([]byte, 1024)
	n, err := uc.Read(buf)
	if err != nil {
		panic(err)
	}
	uc.Close()
	fmt.Printf("udp client: got %q\n", buf[:n])

	pc.Close() // ReadFrom fails, udpServe returns
	<-udpDone
	fmt.Println("udp server stopped")
}
