package workerproto

// Kind names an event.
type Kind string

// The events, in the order the cell produced them.
const (
	KindReady   Kind = "ready"   // the worker is up: Ready
	KindStream  Kind = "stream"  // output text: Stream
	KindDisplay Kind = "display" // a display call: Display
	KindClear   Kind = "clear"   // display.ClearOutput: Clear
	KindInput   Kind = "input"   // the cell reads stdin: InputRequest
	KindValue   Kind = "value"   // the answer to Inspect: Value
	KindDone    Kind = "done"    // a command ended: Done
)

// Event is one message from the worker; its type says which kind.
type Event interface {
	// Kind is the event's kind.
	Kind() Kind
}

// Ready says the worker has started and reads commands.
type Ready struct{}

// Stream is text the cell (or a process it started) wrote.
type Stream struct {
	Name string `json:"name,omitempty"` // "stdout" or "stderr"
	Text string `json:"text,omitempty"`
}

// Display is a display call of the cell: a MIME bundle, shown or updated.
type Display struct {
	Data      map[string]any `json:"data,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	DisplayID string         `json:"display_id,omitempty"`
	Update    bool           `json:"update,omitempty"`
}

// Clear clears the cell's output (display.ClearOutput), at once or, with
// Wait, when the next output arrives.
type Clear struct {
	Wait bool `json:"wait,omitempty"`
}

// InputRequest asks the kernel for a line of input, answered by Input.
type InputRequest struct {
	Prompt   string `json:"prompt,omitempty"`
	Password bool   `json:"password,omitempty"`
}

// Value answers Inspect: "type:  T\nvalue: V", or "" when the
// expression has no value.
type Value struct {
	Text string `json:"text,omitempty"`
	ID   int    `json:"id,omitempty"`
}

// Done ends a command (not input or interrupt): its error, or its result.
type Done struct {
	Content         string         `json:"text,omitempty"` // readfile: the file's content
	Data            map[string]any `json:"data,omitempty"` // exec: the result's MIME bundle
	ID              int            `json:"id,omitempty"`
	Error           *Error         `json:"error,omitempty"`
	Replay          string         `json:"replay,omitempty"` // source re-establishing the cell's declarations
	Vars            []string       `json:"vars,omitempty"`   // variables the cell created (lost if the worker dies)
	CPU             float64        `json:"cpu,omitempty"`    // CPU seconds the worker used while the command ran
	UserExpressions map[string]any `json:"user_expressions,omitempty"`
}

// Kind implements Event.
func (Ready) Kind() Kind { return KindReady }

// Kind implements Event.
func (Stream) Kind() Kind { return KindStream }

// Kind implements Event.
func (Display) Kind() Kind { return KindDisplay }

// Kind implements Event.
func (Clear) Kind() Kind { return KindClear }

// Kind implements Event.
func (InputRequest) Kind() Kind { return KindInput }

// Kind implements Event.
func (Value) Kind() Kind { return KindValue }

// Kind implements Event.
func (Done) Kind() Kind { return KindDone }

// events decodes each JSON-framed event kind.
var events = map[Kind]func([]byte) (Event, error){
	KindReady: decode[Event, Ready], KindDisplay: decode[Event, Display], KindClear: decode[Event, Clear],
	KindInput: decode[Event, InputRequest], KindValue: decode[Event, Value], KindDone: decode[Event, Done],
}
