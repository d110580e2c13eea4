package jupyter

import (
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// TestListensOnlyOnTheConnectionAddress checks /proc/net/tcp: every port of
// the connection file is bound to 127.0.0.1 alone, and is not reachable on
// another local address.
func TestListensOnlyOnTheConnectionAddress(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	info := c.info
	ports := []int{info.ShellPort, info.ControlPort, info.StdinPort, info.IOPubPort, info.HBPort}
	if data, err := os.ReadFile("/proc/net/tcp"); err == nil {
		for _, p := range ports {
			var listen []string
			for _, line := range strings.Split(string(data), "\n")[1:] {
				f := strings.Fields(line)
				if len(f) > 3 && f[3] == "0A" && strings.HasSuffix(f[1], fmt.Sprintf(":%04X", p)) {
					listen = append(listen, f[1])
				}
			}
			if want := fmt.Sprintf("0100007F:%04X", p); len(listen) != 1 || listen[0] != want {
				t.Errorf("port %d listens on %v, want only %s (127.0.0.1)", p, listen, want)
			}
		}
		if data6, err := os.ReadFile("/proc/net/tcp6"); err == nil {
			for _, p := range ports {
				if strings.Contains(string(data6), fmt.Sprintf(":%04X 00000000000000000000000000000000:0000 0A", p)) {
					t.Errorf("port %d also listens on IPv6", p)
				}
			}
		}
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		ipnet, ok := a.(*net.IPNet)
		if !ok || ipnet.IP.IsLoopback() || ipnet.IP.To4() == nil {
			continue
		}
		for _, p := range ports {
			conn, err := net.DialTimeout("tcp", net.JoinHostPort(ipnet.IP.String(), fmt.Sprint(p)), time.Second)
			if err == nil {
				conn.Close()
				t.Errorf("port %d is reachable on %s", p, ipnet.IP)
			}
		}
		t.Logf("checked that no port is reachable on %s", ipnet.IP)
	}
}

// TestEmptyKeyWarnsOnce: an empty key is logged loudly, once, and the
// kernel then works unsigned (as Jupyter specifies).
func TestEmptyKeyWarnsOnce(t *testing.T) {
	lc := captureLog(t)
	info := testConnection(t)
	info.Key = ""
	k := New(Config{Connection: info, Interpreter: newFake()})
	_ = k
	if n := strings.Count(lc.String(), "WARNING"); n != 1 || !strings.Contains(lc.String(), "empty key") {
		t.Errorf("log after New with an empty key:\n%s", lc.String())
	}
	signed := testConnection(t)
	lc2 := captureLog(t)
	New(Config{Connection: signed, Interpreter: newFake()})
	if strings.Contains(lc2.String(), "WARNING") {
		t.Errorf("warned with a key: %s", lc2.String())
	}
	// Unsigned messages are accepted when the key is empty.
	if !wire.NewSigner("").Verify(nil, []byte("{}")) {
		t.Error("an empty key must accept unsigned messages")
	}
}
