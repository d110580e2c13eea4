package jupyter

import (
	"context"
	"log"

	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

// orTrue reads an optional boolean that defaults to true.
func orTrue(b *bool) bool { return b == nil || *b }

// execute runs one execute_request: execute_input, the cell's outputs,
// execute_result or error, then the reply (busy and idle are the caller's).
func (k *Kernel) execute(ctx context.Context, m *wire.Message) {
	var req executeRequest
	if !k.decode(k.socks.shell, m, &req) {
		return
	}
	stored := !req.Silent && orTrue(req.StoreHistory)
	count := k.nextCount(stored)
	if !req.Silent {
		k.publish(m, "execute_input", map[string]any{"code": req.Code, "execution_count": count})
	}
	out := &cellOutput{k: k, parent: m, allowStdin: orTrue(req.AllowStdin)}
	res := k.cfg.Interpreter.Execute(ctx, ExecuteRequest{
		Code: req.Code, ExecutionCount: count, Silent: req.Silent,
		AllowStdin: out.allowStdin, UserExpressions: req.UserExpressions,
	}, out)
	if !req.Silent {
		k.publishResult(m, count, res)
	}
	if stored {
		k.record(count, req.Code, res)
	}
	k.pub.flush()
	k.reply(k.socks.shell, m, "execute_reply", executeReply(count, res))
	if res.Error != nil && orTrue(req.StopOnError) {
		k.abortQueued()
	}
}

func (k *Kernel) publishResult(m *wire.Message, count int, res ExecuteResult) {
	if res.Error != nil {
		k.publish(m, "error", errorMessage(res.Error))
		return
	}
	if res.Data != nil {
		k.publish(m, "execute_result", map[string]any{
			"execution_count": count, "data": res.Data, "metadata": orEmptyMap(res.Metadata),
		})
	}
}

func (k *Kernel) record(count int, code string, res ExecuteResult) {
	if k.cfg.History == nil {
		return
	}
	output, _ := res.Data["text/plain"].(string)
	if err := k.cfg.History.Append(count, code, output); err != nil {
		log.Printf("history: %v", err)
	}
}

func errorMessage(e *ErrorInfo) map[string]any {
	tb := e.Traceback
	if tb == nil {
		tb = []string{}
	}
	return map[string]any{"ename": e.Name, "evalue": e.Value, "traceback": tb}
}

func executeReply(count int, res ExecuteResult) map[string]any {
	if res.Error != nil {
		reply := errorMessage(res.Error)
		reply["status"] = "error"
		reply["execution_count"] = count
		return reply
	}
	payload := res.Payload
	if payload == nil {
		payload = []map[string]any{}
	}
	return map[string]any{
		"status":           "ok",
		"execution_count":  count,
		"payload":          payload,
		"user_expressions": orEmptyMap(res.UserExpressions),
	}
}

func orEmptyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// abortQueued answers every execute_request already queued with an error,
// as stop_on_error asks after a failed cell.
func (k *Kernel) abortQueued() {
	for {
		select {
		case m := <-k.execQueue:
			k.status(m, "busy")
			count := k.nextCount(false)
			k.reply(k.socks.shell, m, "execute_reply", executeReply(count, ExecuteResult{Error: &ErrorInfo{
				Name:      "ExecutionAborted",
				Value:     "not run because an earlier cell failed",
				Traceback: []string{"ExecutionAborted: not run because an earlier cell failed"},
			}}))
			k.status(m, "idle")
		default:
			return
		}
	}
}

// cellOutput publishes what one cell produces with the cell's request as
// parent, also after the cell finished (goroutines keep printing).
type cellOutput struct {
	k          *Kernel
	parent     *wire.Message
	allowStdin bool
}

func (o *cellOutput) Stream(name, text string) {
	o.k.pub.stream(o.parent.RawHeader(), name, text)
}

func (o *cellOutput) Display(d DisplayData) {
	content := map[string]any{"data": orEmptyMap(d.Data), "metadata": orEmptyMap(d.Metadata)}
	msgType := "display_data"
	if d.DisplayID != "" {
		content["transient"] = map[string]any{"display_id": d.DisplayID}
	}
	if d.Update {
		msgType = "update_display_data"
	}
	o.k.publish(o.parent, msgType, content)
}

func (o *cellOutput) Clear(wait bool) {
	o.k.publish(o.parent, "clear_output", map[string]any{"wait": wait})
}

func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", errStdinNotAllowed
	}
	o.k.pub.flush()
	return o.k.stdin.ask(o.parent, prompt, password, o.k.session)
}
