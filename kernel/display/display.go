// Package display is what notebook cells call to show rich output: HTML,
// Markdown, SVG, LaTeX, images, JSON and arbitrary MIME bundles, plus
// updatable outputs and clear_output.
//
// Cells use it without an import: the interpreter registers Symbols under
// the import path "display", and the kernel worker installs a publisher with
// SetPublisher that turns each Message into display_data,
// update_display_data or clear_output on iopub.
package display

import (
	"fmt"
	"os"
	"sync/atomic"
)

// MIMEBundle maps a MIME type to its data: a string for text types, base64
// for binary images, or any JSON value for application/json.
type MIMEBundle map[string]any

// Kind says what a Message asks the kernel to do.
type Kind int

// The kinds of Message.
const (
	// Show publishes a new output (display_data).
	Show Kind = iota
	// Update replaces an output shown earlier with the same DisplayID
	// (update_display_data).
	Update
	// Clear clears the cell's outputs (clear_output).
	Clear
)

// String returns the Jupyter message type the kind becomes.
func (k Kind) String() string {
	switch k {
	case Show:
		return "display_data"
	case Update:
		return "update_display_data"
	case Clear:
		return "clear_output"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Message is one output request sent to the kernel.
type Message struct {
	Kind      Kind           // Show, Update or Clear
	Data      MIMEBundle     // never nil when sent; always has text/plain unless Kind is Clear
	Metadata  map[string]any // never nil when sent
	DisplayID string         // "" unless the output is updatable
	Wait      bool           // for Clear: clear when the next output arrives
}

// publisher holds the installed func(Message), or nil.
var publisher atomic.Pointer[func(Message)]

// SetPublisher installs the function that delivers messages to the kernel
// (the worker calls it once). Before it is set, or after SetPublisher(nil),
// messages print their text/plain fallback to os.Stdout, so programs using
// the package outside a notebook still show something.
func SetPublisher(f func(Message)) {
	if f == nil {
		publisher.Store(nil)
		return
	}
	publisher.Store(&f)
}

// send delivers m to the publisher, or prints its fallback text.
func send(m Message) {
	if m.Data == nil {
		m.Data = MIMEBundle{}
	}
	if m.Metadata == nil {
		m.Metadata = map[string]any{}
	}
	if p := publisher.Load(); p != nil {
		(*p)(m)
		return
	}
	if text, ok := m.Data[textPlain].(string); ok && m.Kind != Clear {
		fmt.Fprintln(os.Stdout, text)
	}
}

// show publishes a new, non-updatable output.
func show(b MIMEBundle, md map[string]any) {
	send(Message{Kind: Show, Data: b, Metadata: md})
}
