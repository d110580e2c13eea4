package workerproto

// Op names what a command asks the worker to do.
type Op string

// The operations. Cells (exec, replay) and the magics' operations run one
// at a time, in order, each ending with a Done event carrying the
// command's ID; input and interrupt are handled at once, while a cell runs.
const (
	OpExec      Op = "exec"      // run a cell: Exec
	OpReplay    Op = "replay"    // restore declarations in a new worker: Replay
	OpInspect   Op = "inspect"   // type and value of a variable: Inspect, answered by Value
	OpInput     Op = "input"     // the answer to an InputRequest: Input
	OpInterrupt Op = "interrupt" // stop the running cell: Interrupt
	OpGoGet     Op = "goget"     // %go get: GoGet
	OpNative    Op = "native"    // %%native: Native
	OpShell     Op = "shell"     // !command: Shell
	OpChdir     Op = "chdir"     // %cd: Chdir
	OpSetenv    Op = "setenv"    // %env NAME=VALUE: Setenv
	OpEnv       Op = "env"       // %env [PREFIX]: Env
	OpReadFile  Op = "readfile"  // %load: ReadFile, its Done carries the content
	OpWriteFile Op = "writefile" // %%writefile: WriteFile
)

// Request is the payload of a command; its type says which operation it is.
type Request interface {
	// Op is the operation the payload belongs to.
	Op() Op
}

// Command is a request with the id its Done (or Value) event will carry;
// the ID is 0 for input and interrupt, which have no answer. Replays use
// negative ids.
type Command struct {
	ID      int
	Request Request
}

// The JSON tags below keep the field names of the first, untyped
// protocol ("code" and "value" served several purposes), so that the
// wire bytes did not change when the payloads got their own types.

// Exec runs a cell.
type Exec struct {
	Cell            string            `json:"cell,omitempty"` // file name stem, e.g. "cell3"
	Code            string            `json:"code,omitempty"`
	AllowStdin      bool              `json:"allow_stdin,omitempty"`
	UserExpressions map[string]string `json:"user_expressions,omitempty"`
}

// Replay runs again, in a new worker, the declarations an earlier worker's
// cell made (Done.Replay); it shows no result.
type Replay struct {
	Cell string `json:"cell,omitempty"`
	Code string `json:"code,omitempty"`
}

// Inspect asks for the type and value of an expression, without running
// anything that prints or commits.
type Inspect struct {
	Expr string `json:"code,omitempty"`
}

// Input answers the worker's InputRequest: the line the user typed, or
// an error (InputEOF when the input ended).
type Input struct {
	Value string `json:"value,omitempty"`
	Err   string `json:"err,omitempty"`
}

// InputEOF is Input.Err when the user's input ended.
const InputEOF = "EOF"

// Interrupt stops the running cell and the processes it started.
type Interrupt struct{}

// GoGet fetches modules: Args is the magic's argument line ("get
// path@version ...").
type GoGet struct {
	Args string `json:"code,omitempty"`
}

// Native builds a cell with the Go toolchain and runs the program.
type Native struct {
	Cell       string `json:"cell,omitempty"`
	Code       string `json:"code,omitempty"`
	AllowStdin bool   `json:"allow_stdin,omitempty"`
	Flags      string `json:"value,omitempty"` // build flags, then "--" and the program's arguments
}

// Shell runs a command line with the system shell.
type Shell struct {
	Line string `json:"code,omitempty"`
}

// Chdir changes the working directory; an empty Dir means home.
type Chdir struct {
	Dir string `json:"code,omitempty"`
}

// Setenv sets an environment variable: Assignment is "NAME=VALUE".
type Setenv struct {
	Assignment string `json:"code,omitempty"`
}

// Env prints the environment variables whose names start with Prefix.
type Env struct {
	Prefix string `json:"code,omitempty"`
}

// ReadFile reads a file; its Done event's Content is the file's content.
type ReadFile struct {
	Name string `json:"code,omitempty"`
}

// WriteFile writes Body to the file Name.
type WriteFile struct {
	Body string `json:"code,omitempty"`
	Name string `json:"value,omitempty"`
}

// Op implements Request.
func (Exec) Op() Op { return OpExec }

// Op implements Request.
func (Replay) Op() Op { return OpReplay }

// Op implements Request.
func (Inspect) Op() Op { return OpInspect }

// Op implements Request.
func (Input) Op() Op { return OpInput }

// Op implements Request.
func (Interrupt) Op() Op { return OpInterrupt }

// Op implements Request.
func (GoGet) Op() Op { return OpGoGet }

// Op implements Request.
func (Native) Op() Op { return OpNative }

// Op implements Request.
func (Shell) Op() Op { return OpShell }

// Op implements Request.
func (Chdir) Op() Op { return OpChdir }

// Op implements Request.
func (Setenv) Op() Op { return OpSetenv }

// Op implements Request.
func (Env) Op() Op { return OpEnv }

// Op implements Request.
func (ReadFile) Op() Op { return OpReadFile }

// Op implements Request.
func (WriteFile) Op() Op { return OpWriteFile }

// requests decodes each operation's payload.
var requests = map[Op]func([]byte) (Request, error){
	OpExec: decode[Request, Exec], OpReplay: decode[Request, Replay], OpInspect: decode[Request, Inspect],
	OpInput: decode[Request, Input], OpInterrupt: decode[Request, Interrupt], OpGoGet: decode[Request, GoGet],
	OpNative: decode[Request, Native], OpShell: decode[Request, Shell], OpChdir: decode[Request, Chdir],
	OpSetenv: decode[Request, Setenv], OpEnv: decode[Request, Env], OpReadFile: decode[Request, ReadFile],
	OpWriteFile: decode[Request, WriteFile],
}
