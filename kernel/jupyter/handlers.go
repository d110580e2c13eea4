package jupyter

import (
	"runtime"
	"unicode/utf8"

	"github.com/gokernel/gokernel/kernel/jupyter/history"
	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// handler answers one request type.
type handler func(k *Kernel, c *channel, m *wire.Message)

// handlers maps every non-execute request type to its handler.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"kernel_info_request": (*Kernel).kernelInfo,
		"complete_request":    (*Kernel).complete,
		"inspect_request":     (*Kernel).inspect,
		"is_complete_request": (*Kernel).isComplete,
		"history_request":     (*Kernel).history,
		"comm_info_request":   (*Kernel).commInfo,
		"comm_open":           (*Kernel).commOpen,
		"comm_msg":            (*Kernel).commIgnore,
		"comm_close":          (*Kernel).commIgnore,
		"shutdown_request":    (*Kernel).shutdownRequest,
		"interrupt_request":   (*Kernel).interruptRequest,
	}
}

func (k *Kernel) kernelInfo(c *channel, m *wire.Message) {
	info := k.cfg.Info
	links := info.HelpLinks
	if links == nil {
		links = []HelpLink{}
	}
	k.reply(c, m, "kernel_info_reply", map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         info.Implementation,
		"implementation_version": info.ImplementationVersion,
		"banner":                 info.Banner,
		"help_links":             links,
		"language_info": map[string]any{
			"name":               "go",
			"version":            info.LanguageVersion,
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "script",
		},
		"supported_features": []string{},
		"debugger":           false,
		"os":                 runtime.GOOS,
	})
}

type codeCursor struct {
	Code      string `json:"code"`
	CursorPos *int   `json:"cursor_pos"`
	Detail    int    `json:"detail_level"`
}

// byteCursor converts the request's cursor, counted in Unicode code points
// (protocol 5.2), to a byte offset; a missing cursor means the end.
func (cc codeCursor) byteCursor() int {
	if cc.CursorPos == nil {
		return len(cc.Code)
	}
	return runeToByte(cc.Code, *cc.CursorPos)
}

func runeToByte(s string, runes int) int {
	if runes <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}

func byteToRune(s string, b int) int {
	b = min(max(b, 0), len(s))
	return utf8.RuneCountInString(s[:b])
}

func (k *Kernel) complete(c *channel, m *wire.Message) {
	var req codeCursor
	if !k.decode(c, m, &req) {
		return
	}
	comp := k.cfg.Interpreter.Complete(req.Code, req.byteCursor())
	matches := comp.Matches
	if matches == nil {
		matches = []string{}
	}
	meta := map[string]any{}
	if len(comp.Types) > 0 {
		types := make([]CompletionType, len(comp.Types))
		for i, t := range comp.Types {
			t.Start, t.End = byteToRune(req.Code, t.Start), byteToRune(req.Code, t.End)
			types[i] = t
		}
		meta["_jupyter_types_experimental"] = types
	}
	k.reply(c, m, "complete_reply", map[string]any{
		"status":       "ok",
		"matches":      matches,
		"cursor_start": byteToRune(req.Code, comp.Start),
		"cursor_end":   byteToRune(req.Code, comp.End),
		"metadata":     meta,
	})
}

func (k *Kernel) inspect(c *channel, m *wire.Message) {
	var req codeCursor
	if !k.decode(c, m, &req) {
		return
	}
	text, found := k.cfg.Interpreter.Inspect(req.Code, req.byteCursor(), req.Detail)
	data := map[string]any{}
	if found {
		data["text/plain"] = text
	}
	k.reply(c, m, "inspect_reply", map[string]any{
		"status": "ok", "found": found, "data": data, "metadata": map[string]any{},
	})
}

func (k *Kernel) isComplete(c *channel, m *wire.Message) {
	var req codeCursor
	if !k.decode(c, m, &req) {
		return
	}
	status, indent := k.cfg.Interpreter.IsComplete(req.Code)
	content := map[string]any{"status": status}
	if status == "incomplete" {
		content["indent"] = indent
	}
	k.reply(c, m, "is_complete_reply", content)
}

type historyRequest struct {
	Output         bool   `json:"output"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

func (k *Kernel) history(c *channel, m *wire.Message) {
	var req historyRequest
	if !k.decode(c, m, &req) {
		return
	}
	var entries []history.Entry
	if h := k.cfg.History; h != nil {
		switch req.HistAccessType {
		case "tail":
			entries = h.Tail(req.N)
		case "range":
			entries = h.Range(req.Session, req.Start, req.Stop)
		case "search":
			entries = h.Search(req.Pattern, req.N, req.Unique)
		}
	}
	items := make([]any, 0, len(entries))
	for _, e := range entries {
		if req.Output {
			items = append(items, []any{e.Session, e.Line, []any{e.Input, e.Output}})
		} else {
			items = append(items, []any{e.Session, e.Line, e.Input})
		}
	}
	k.reply(c, m, "history_reply", map[string]any{"status": "ok", "history": items})
}

func (k *Kernel) commInfo(c *channel, m *wire.Message) {
	k.reply(c, m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
}

// commOpen answers a comm_open with comm_close: gokernel has no comm targets.
func (k *Kernel) commOpen(c *channel, m *wire.Message) {
	var req struct {
		CommID string `json:"comm_id"`
	}
	if !k.decode(c, m, &req) {
		return
	}
	k.publish(m, "comm_close", map[string]any{"comm_id": req.CommID, "data": map[string]any{}})
}

// commIgnore accepts comm_msg and comm_close for comms that do not exist;
// they have no reply.
func (k *Kernel) commIgnore(c *channel, m *wire.Message) {}

func (k *Kernel) shutdownRequest(c *channel, m *wire.Message) {
	var req struct {
		Restart bool `json:"restart"`
	}
	if !k.decode(c, m, &req) {
		return
	}
	k.Interrupt()
	k.reply(c, m, "shutdown_reply", map[string]any{"status": "ok", "restart": req.Restart})
	k.restart.Store(req.Restart)
	k.stopping.Store(true)
}

func (k *Kernel) interruptRequest(c *channel, m *wire.Message) {
	k.Interrupt()
	k.reply(c, m, "interrupt_reply", map[string]any{"status": "ok"})
}
