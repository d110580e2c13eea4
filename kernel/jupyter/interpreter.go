// Package jupyter speaks the Jupyter messaging protocol: it owns the five
// ZeroMQ sockets, signs and dispatches messages, publishes iopub output in
// order, counts executions and keeps the history. The language is behind the
// Interpreter interface, so this package never imports yaegi and is tested
// against a fake.
package jupyter

import "context"

// Interpreter runs code and answers editor questions for the protocol layer.
// Execute is never called concurrently with itself; Complete, Inspect,
// IsComplete and Interrupt may be called while Execute runs.
type Interpreter interface {
	// Execute runs one cell, sending its output to out as it happens. It
	// returns once every output of the cell has been handed to out. out stays
	// usable after Execute returns, for output that goroutines print later.
	Execute(ctx context.Context, req ExecuteRequest, out Output) ExecuteResult
	// Complete proposes completions at byte offset cursor in code.
	Complete(code string, cursor int) Completion
	// Inspect documents the name at byte offset cursor in code.
	Inspect(code string, cursor, detail int) (text string, found bool)
	// IsComplete classifies code as "complete", "incomplete" (with the
	// indent for the next line), "invalid" or "unknown".
	IsComplete(code string) (status, indent string)
	// Interrupt stops the running cell, if any.
	Interrupt()
	// Close releases the interpreter's resources (worker processes).
	Close() error
}

// Starter is implemented by interpreters with slow preparations (starting
// processes, building indexes): the kernel calls Start once its sockets
// are bound, so that the client's first connection finds them.
type Starter interface {
	Start()
}

// ExecuteRequest is the part of an execute_request the interpreter needs.
type ExecuteRequest struct {
	Code            string
	ExecutionCount  int
	Silent          bool
	AllowStdin      bool
	UserExpressions map[string]string
}

// ExecuteResult is the outcome of a cell.
type ExecuteResult struct {
	// Error is nil when the cell ran without error.
	Error *ErrorInfo
	// Data is the MIME bundle of the cell's value (nil for no value); it
	// always holds text/plain when set.
	Data     map[string]any
	Metadata map[string]any
	// Payload holds IPython-style payloads such as the pager.
	Payload []map[string]any
	// UserExpressions maps each requested name to a bundle or an error,
	// in the shape of the execute_reply field.
	UserExpressions map[string]any
}

// ErrorInfo describes an error the way the error message and reply carry it.
type ErrorInfo struct {
	Name      string
	Value     string
	Traceback []string
}

// Completion is a completion answer with byte offsets into the code.
type Completion struct {
	Matches    []string
	Start, End int
	// Types, when set, is aligned with Matches and feeds JupyterLab's
	// _jupyter_types_experimental metadata.
	Types []CompletionType
}

// CompletionType describes one match for JupyterLab.
type CompletionType struct {
	Text      string `json:"text"`
	Type      string `json:"type"`
	Signature string `json:"signature"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Output receives what a running cell produces. All methods are safe for
// concurrent use.
type Output interface {
	// Stream sends text to "stdout" or "stderr".
	Stream(name, text string)
	// Display shows rich data; see DisplayData.
	Display(d DisplayData)
	// Clear clears the cell's output, at once or (wait) before the next output.
	Clear(wait bool)
	// Input asks the user for a line of text; it fails when the client does
	// not allow stdin, when the kernel is interrupted, or at end of input.
	Input(prompt string, password bool) (string, error)
}

// DisplayData is a display_data or, with Update, an update_display_data
// message.
type DisplayData struct {
	Data      map[string]any
	Metadata  map[string]any
	DisplayID string
	Update    bool
}
