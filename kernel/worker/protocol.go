// Package worker runs Go cells with the yaegi interpreter in a process of
// its own, so that nothing a cell does (a panicking goroutine, a fatal
// runtime error, os.Exit) can take the kernel down. The kernel talks to it
// through JSON lines: commands on the worker's stdin, events on its stdout.
// The worker's stderr carries only what the Go runtime prints when the
// process dies.
package worker

// Command is a request from the kernel to the worker.
type Command struct {
	// "exec", "replay", "inspect", "input", "interrupt", or a magic's
	// operation: "goget", "native" (Value holds the build flags), "shell", "chdir",
	// "setenv", "env", "readfile" (its done
	// event's Text is the content), "writefile" (Value is the file name,
	// Code the content)
	Op string `json:"op"`

	// exec and replay
	ID              int               `json:"id,omitempty"`
	Cell            string            `json:"cell,omitempty"` // file name stem, e.g. "cell3"
	Code            string            `json:"code,omitempty"`
	AllowStdin      bool              `json:"allow_stdin,omitempty"`
	UserExpressions map[string]string `json:"user_expressions,omitempty"`

	// input: the user's answer to an input event
	Value string `json:"value,omitempty"`
	Err   string `json:"err,omitempty"`
}

// Event is a message from the worker to the kernel. Events are written in
// the order the cell produced them.
type Event struct {
	Ev string `json:"ev"` // "ready", "stream", "display", "clear", "input", "value" or "done"

	// stream
	Name string `json:"name,omitempty"` // "stdout" or "stderr"
	Text string `json:"text,omitempty"`

	// display and done
	Data      map[string]any `json:"data,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	DisplayID string         `json:"display_id,omitempty"`
	Update    bool           `json:"update,omitempty"`

	// clear
	Wait bool `json:"wait,omitempty"`

	// input
	Prompt   string `json:"prompt,omitempty"`
	Password bool   `json:"password,omitempty"`

	// done
	ID              int            `json:"id,omitempty"`
	Error           *Error         `json:"error,omitempty"`
	Replay          string         `json:"replay,omitempty"` // source re-establishing the cell's declarations
	Vars            []string       `json:"vars,omitempty"`   // variables the cell created (lost if the worker dies)
	CPU             float64        `json:"cpu,omitempty"`    // CPU seconds the worker used while the cell ran
	UserExpressions map[string]any `json:"user_expressions,omitempty"`
}

// Error is a failed cell, shaped like Jupyter's error content.
type Error struct {
	Name      string   `json:"ename"`
	Value     string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}
