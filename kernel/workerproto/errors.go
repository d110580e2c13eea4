package workerproto

// Error is a failed command, shaped like Jupyter's error content; it is
// the only error type that crosses the process boundary.
type Error struct {
	Name      string   `json:"ename"`
	Value     string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// NewError returns an error whose traceback is its header line.
func NewError(name, value string) *Error {
	return &Error{Name: name, Value: value, Traceback: []string{Header(name, value)}}
}

// Header formats a traceback line as Jupyter front ends show a header:
// label in red, then ": " and text (label alone when text is empty).
func Header(label, text string) string {
	h := "\x1b[0;31m" + label + "\x1b[0m"
	if text == "" {
		return h
	}
	return h + ": " + text
}
