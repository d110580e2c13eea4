// Package wire implements the Jupyter wire protocol without any transport: the
// connection file, message framing and HMAC signing. It is pure so it can be
// tested and fuzzed without sockets.
package wire

import (
	"encoding/json"
	"fmt"
	"os"
)

// ConnectionInfo is the content of a Jupyter connection file: where to bind the
// five sockets and how to sign messages. Unknown keys are ignored.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name"`
}

// ReadConnectionFile reads and validates the connection file at path.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("read connection file: %w", err)
	}
	info, err := ParseConnectionInfo(data)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("connection file %s: %w", path, err)
	}
	return info, nil
}

// ParseConnectionInfo decodes and validates connection file content. The
// transport defaults to tcp and the signature scheme to hmac-sha256, as
// jupyter_client does.
func ParseConnectionInfo(data []byte) (ConnectionInfo, error) {
	var info ConnectionInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return ConnectionInfo{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if info.Transport == "" {
		info.Transport = "tcp"
	}
	if info.SignatureScheme == "" {
		info.SignatureScheme = "hmac-sha256"
	}
	return info, info.validate()
}

func (c ConnectionInfo) validate() error {
	if c.Transport != "tcp" && c.Transport != "ipc" {
		return fmt.Errorf("unsupported transport %q (want tcp or ipc)", c.Transport)
	}
	if c.IP == "" {
		return fmt.Errorf("missing ip")
	}
	if c.SignatureScheme != "hmac-sha256" {
		return fmt.Errorf("unsupported signature_scheme %q (want hmac-sha256)", c.SignatureScheme)
	}
	ports := map[string]int{"shell_port": c.ShellPort, "control_port": c.ControlPort,
		"stdin_port": c.StdinPort, "iopub_port": c.IOPubPort, "hb_port": c.HBPort}
	for name, p := range ports {
		if p <= 0 || p > 65535 {
			return fmt.Errorf("%s %d out of range 1..65535", name, p)
		}
	}
	return nil
}

// Addr returns the ZeroMQ endpoint for port: tcp://ip:port, or ipc://ip-port
// for the ipc transport (jupyter_client's naming).
func (c ConnectionInfo) Addr(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", c.IP, port)
}
