"""Drives gokernel with jupyter_client's KernelManager and BlockingKernelClient.

stdin through input_request, allow_stdin=False, interrupting `for {}`, a
panicking goroutine, restart, messages with bad signatures, message headers,
and the measured figures (startup to kernel_info_reply, `1+1` round trip,
interrupt latency), printed at the end. Run with /usr/bin/python3 and
JUPYTER_PATH set (the Go test kernel/tests/e2e does both).
"""

import datetime
import faulthandler
import os
import signal
import statistics
import sys
import tempfile
import time
import unittest
import uuid
from queue import Empty

from jupyter_client import KernelManager
from jupyter_client.session import Session

KERNEL = "gokernel"
TIMEOUT = 30
FIGURES = {}


def start_kernel():
    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


def stop_kernel(km, kc):
    try:
        kc.stop_channels()
    finally:
        if km.has_kernel:
            km.shutdown_kernel()


def brief(m):
    """A message as a short readable tuple, for failure reports."""
    c = dict(m["content"])
    if m["msg_type"] == "error":
        c = {k: c.get(k) for k in ("ename", "evalue", "traceback")}
    return (m["msg_type"], c)


def sequence(msgs):
    return "\n    ".join(repr(brief(m)) for m in msgs)


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("no shell reply to %s within %ss" % (msg_id, timeout))
        try:
            m = kc.get_shell_msg(timeout=remaining)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") == msg_id:
            return m


def iopub_until_idle(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages whose parent is msg_id, up to and including idle."""
    msgs = []
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("no idle for %s within %ss; got:\n    %s"
                                 % (msg_id, timeout, sequence(msgs)))
        try:
            m = kc.get_iopub_msg(timeout=remaining)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return msgs


def iopub_more(kc, msg_id, wait):
    """Further iopub messages with parent msg_id arriving within wait seconds."""
    msgs = []
    deadline = time.monotonic() + wait
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return msgs
        try:
            m = kc.get_iopub_msg(timeout=remaining)
        except Empty:
            return msgs
        if m["parent_header"].get("msg_id") == msg_id:
            msgs.append(m)


def run(kc, code, timeout=TIMEOUT, **kw):
    """Executes code; returns the reply and the cell's iopub messages."""
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id, timeout)
    return reply, iopub_until_idle(kc, msg_id, timeout)


def stream(msgs, name):
    return "".join(m["content"]["text"] for m in msgs
                   if m["msg_type"] == "stream" and m["content"]["name"] == name)


def results(msgs):
    return [m["content"]["data"].get("text/plain") for m in msgs
            if m["msg_type"] == "execute_result"]


class ClientTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = start_kernel()

    def tearDown(self):
        stop_kernel(self.km, self.kc)

    def assertResult(self, code, want):
        reply, msgs = run(self.kc, code)
        self.assertEqual(reply["content"]["status"], "ok",
                         "%r: reply %r\n    %s" % (code, reply["content"], sequence(msgs)))
        self.assertEqual(results(msgs), [want], "%r:\n    %s" % (code, sequence(msgs)))
        return reply, msgs

    # (a) stdin
    def test_stdin_input_request(self):
        code = 'var s string; fmt.Scanln(&s); fmt.Println("hi", s)'
        msg_id = self.kc.execute(code, allow_stdin=True)
        try:
            req = self.kc.get_stdin_msg(timeout=15)
        except Empty:
            msgs = iopub_more(self.kc, msg_id, 1)
            self.fail("no input_request within 15 s; iopub:\n    %s" % sequence(msgs))
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["parent_header"].get("msg_id"), msg_id)
        self.assertIn("prompt", req["content"])
        self.assertFalse(req["content"].get("password"))
        self.kc.input("gopher")
        reply = shell_reply(self.kc, msg_id)
        msgs = iopub_until_idle(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok", "%r\n    %s"
                         % (reply["content"], sequence(msgs)))
        self.assertEqual(stream(msgs, "stdout"), "hi gopher\n", sequence(msgs))

    # (b) allow_stdin=False fails fast
    def test_stdin_not_allowed(self):
        code = 'var s string; fmt.Scanln(&s); fmt.Println("hi", s)'
        start = time.monotonic()
        reply, msgs = run(self.kc, code, timeout=10, allow_stdin=False)
        elapsed = time.monotonic() - start
        print("allow_stdin=False: reply with status %r after %.3f s: %s: %s"
              % (reply["content"]["status"], elapsed, reply["content"].get("ename"),
                 reply["content"].get("evalue")))
        self.assertEqual(reply["content"]["status"], "error",
                         "with allow_stdin=False a cell that reads stdin must fail with an "
                         "error reply; got %r with iopub:\n    %s"
                         % (reply["content"], sequence(msgs)))
        self.assertLess(elapsed, 3.0, "allow_stdin=False took %.3f s to fail" % elapsed)
        with self.assertRaises(Empty, msg="input_request sent although allow_stdin=False"):
            self.kc.get_stdin_msg(timeout=0.2)
        self.assertResult("1+1", "2")

    # (c) interrupt
    def test_interrupt_infinite_loop(self):
        msg_id = self.kc.execute("for {}")
        time.sleep(0.5)
        t0 = time.monotonic()
        self.km.interrupt_kernel()
        try:
            reply = shell_reply(self.kc, msg_id, timeout=10)
        except AssertionError:
            msgs = iopub_more(self.kc, msg_id, 0.5)
            self.fail("no execute_reply within 10 s of the interrupt; iopub:\n    %s"
                      % sequence(msgs))
        latency = time.monotonic() - t0
        FIGURES["interrupt latency (interrupt_kernel -> execute_reply)"] = "%.1f ms" % (latency * 1000)
        print("interrupt of `for {}`: reply %.1f ms after km.interrupt_kernel()" % (latency * 1000))
        msgs = iopub_until_idle(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "error",
                         "%r\n    %s" % (reply["content"], sequence(msgs)))
        self.assertLess(latency, 1.0, "the interrupted cell replied %.3f s after the interrupt"
                        % latency)
        self.assertResult("1+1", "2")

    def test_interrupt_keeps_state(self):
        self.assertResult("y := 5\ny", "5")
        msg_id = self.kc.execute("for {}")
        time.sleep(0.5)
        self.km.interrupt_kernel()
        reply = shell_reply(self.kc, msg_id, timeout=10)
        msgs = iopub_until_idle(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "error", sequence(msgs))
        reply, msgs = run(self.kc, "y * 2")
        self.assertEqual(results(msgs), ["10"],
                         "variables defined before an interrupt are lost: `y * 2` gave %r\n    %s"
                         % (reply["content"], sequence(msgs)))

    def test_interrupt_sigint(self):
        # interrupt_mode is "message" in kernel.json, but SIGINT must work too.
        msg_id = self.kc.execute("for {}")
        time.sleep(0.5)
        t0 = time.monotonic()
        self.km.signal_kernel(signal.SIGINT)
        try:
            reply = shell_reply(self.kc, msg_id, timeout=10)
        except AssertionError:
            msgs = iopub_more(self.kc, msg_id, 0.5)
            self.fail("no execute_reply within 10 s of SIGINT; iopub:\n    %s" % sequence(msgs))
        latency = time.monotonic() - t0
        FIGURES["interrupt latency (SIGINT -> execute_reply)"] = "%.1f ms" % (latency * 1000)
        msgs = iopub_until_idle(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "error",
                         "%r\n    %s" % (reply["content"], sequence(msgs)))
        self.assertLess(latency, 1.0, "replied %.3f s after SIGINT" % latency)
        self.assertTrue(self.km.is_alive(), "SIGINT killed the kernel")
        self.assertResult("1+1", "2")

    def test_control_during_cell(self):
        # Control is served while a cell runs: kernel_info answers at once.
        msg_id = self.kc.execute("time.Sleep(2 * time.Second)")
        time.sleep(0.3)
        t0 = time.monotonic()
        req = self.kc.session.msg("kernel_info_request")
        self.kc.control_channel.send(req)
        while True:
            m = self.kc.get_control_msg(timeout=5)
            if m["parent_header"].get("msg_id") == req["header"]["msg_id"]:
                break
        elapsed = time.monotonic() - t0
        self.assertEqual(m["msg_type"], "kernel_info_reply")
        self.assertEqual(m["content"]["language_info"]["name"], "go")
        self.assertLess(elapsed, 1.0, "kernel_info on control took %.3f s during a cell" % elapsed)
        reply = shell_reply(self.kc, msg_id)
        iopub_until_idle(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")

    def test_stdin_eof(self):
        code = 'var s string; _, err := fmt.Scanln(&s); fmt.Println("err:", err)'
        msg_id = self.kc.execute(code, allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=15)
        self.assertEqual(req["msg_type"], "input_request")
        self.kc.input("\x04")
        reply = shell_reply(self.kc, msg_id)
        msgs = iopub_until_idle(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok", sequence(msgs))
        self.assertEqual(stream(msgs, "stdout"), "err: EOF\n", sequence(msgs))

    # (d) a panicking goroutine does not take the kernel down
    def test_goroutine_panic(self):
        self.assertResult("z := 7\nz", "7")
        code = 'go func() { panic("x") }()\ntime.Sleep(100 * time.Millisecond)'
        msg_id = self.kc.execute(code)
        reply = shell_reply(self.kc, msg_id)
        msgs = iopub_until_idle(self.kc, msg_id)
        msgs += iopub_more(self.kc, msg_id, 1.0)
        print("goroutine panic cell: reply %r\n    %s"
              % ({k: reply["content"].get(k) for k in ("status", "ename", "evalue")},
                 sequence(msgs)))
        self.assertTrue(self.km.is_alive(), "the kernel process died")
        err = stream(msgs, "stderr")
        self.assertIn("panic", err, "stderr does not report the panic:\n    %s" % sequence(msgs))
        self.assertIn("x", err)
        self.assertResult("1+1", "2")

    # magics and rich results over the protocol (issue 7)
    def test_magics(self):
        reply, msgs = run(self.kc, "%help")
        self.assertEqual(reply["content"]["status"], "ok", sequence(msgs))
        self.assertIn("%%native", stream(msgs, "stdout"))
        reply, msgs = run(self.kc, "!echo from the shell\n%env GK_E2E=yes\nfmt.Println(os.Getenv(\"GK_E2E\"))")
        self.assertEqual(stream(msgs, "stdout"), "from the shell\nyes\n", sequence(msgs))
        reply, msgs = run(self.kc, "%%time\nx := 0\nfor i := range 1000 { x += i }\nx")
        self.assertEqual(results(msgs), ["499500"], sequence(msgs))
        self.assertIn("wall time", stream(msgs, "stdout"))
        reply, msgs = run(self.kc, "%tiem 1")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("did you mean %time", reply["content"]["evalue"])
        reply, msgs = run(self.kc, "%%native\nfmt.Println(\"native\", 6*7)", timeout=120)
        self.assertEqual(reply["content"]["status"], "ok", "%r\n    %s" % (reply["content"], sequence(msgs)))
        self.assertEqual(stream(msgs, "stdout"), "native 42\n", sequence(msgs))
        reply, msgs = run(self.kc, 'p := display.NewProgress(2, "p")\np.Add(2)')
        kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertEqual(kinds[0], "display_data", sequence(msgs))
        self.assertEqual(kinds[-1], "update_display_data", sequence(msgs))
        reply, msgs = run(self.kc, "type Row struct{ A int }\n[]Row{{1}, {2}}")
        data = [m["content"]["data"] for m in msgs if m["msg_type"] == "execute_result"]
        self.assertIn("<td>2</td>", data[0].get("text/html", ""), sequence(msgs))

    # (e) restart
    def test_restart(self):
        self.assertResult("x := 41\nx + 1", "42")
        old_pid = self.km.provisioner.process.pid
        t0 = time.monotonic()
        self.km.restart_kernel(now=False)
        restart = time.monotonic() - t0
        FIGURES["restart_kernel (graceful) duration"] = "%.1f ms" % (restart * 1000)
        print("km.restart_kernel() took %.3f s" % restart)
        self.kc.stop_channels()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        new_pid = self.km.provisioner.process.pid
        self.assertNotEqual(old_pid, new_pid)
        with self.assertRaises(ProcessLookupError, msg="the old kernel process still runs"):
            os.kill(old_pid, 0)
        # The old kernel exits by itself on shutdown_request; jupyter_client
        # kills it only after 5 s.
        self.assertLess(restart, 4.0, "restart took %.3f s: the kernel did not exit promptly "
                        "after shutdown_request(restart=True)" % restart)

        msg_id = self.kc.kernel_info()
        info = shell_reply(self.kc, msg_id)
        self.assertEqual(info["content"]["status"], "ok")
        self.assertEqual(info["content"]["language_info"]["name"], "go")

        reply, msgs = run(self.kc, "x")
        self.assertEqual(reply["content"]["status"], "error",
                         "x survived the restart:\n    %s" % sequence(msgs))
        reply, _ = self.assertResult("1+1", "2")

        # History persists on disk across restarts.
        msg_id = self.kc.history(hist_access_type="tail", n=20, output=False, raw=True)
        hist = shell_reply(self.kc, msg_id)["content"]["history"]
        self.assertIn("x := 41\nx + 1", [h[2] for h in hist],
                      "history after restart: %r" % hist)

    # (f) messages with a bad signature are dropped, never executed
    def test_bad_signature_not_executed(self):
        workdir = tempfile.mkdtemp(prefix="gokernel-sig-", dir=os.environ.get("E2E_WORKDIR"))
        good_key = self.km.session.key
        self.assertTrue(good_key, "the connection file has no key, signing is off")
        sock = self.km.connect_shell(identity=uuid.uuid4().bytes)
        try:
            def send(session, path):
                code = 'os.WriteFile(%s, []byte("pwned"), 0o644)' % go_string(path)
                session.send(sock, "execute_request", content={
                    "code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
                })

            def replies(wait):
                got = []
                deadline = time.monotonic() + wait
                while time.monotonic() < deadline:
                    if sock.poll(50):
                        got.append(sock.recv_multipart())
                return got

            cases = [
                ("wrong key", Session(key=b"not-the-key", username="mallory")),
                ("empty signature", Session(key=b"", username="mallory")),
                ("tampered", Tampered(key=good_key, username="mallory")),
            ]
            for name, session in cases:
                path = os.path.join(workdir, name.replace(" ", "-"))
                send(session, path)
                got = replies(1.5)
                self.assertEqual(got, [], "%s: the kernel replied to a badly signed message" % name)
                self.assertFalse(os.path.exists(path), "%s: the badly signed cell ran" % name)
                self.assertResult(
                    "_, err := os.Stat(%s)\nos.IsNotExist(err)" % go_string(path), "true")

            # Control: the same message correctly signed does run, so the
            # cases above failed only for their signatures.
            good = Session(key=good_key, username="alice")
            path = os.path.join(workdir, "good")
            send(good, path)
            deadline = time.monotonic() + 10
            while not os.path.exists(path) and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertTrue(os.path.exists(path), "the correctly signed control message did not run")
        finally:
            sock.close(linger=0)

    # Headers: one session per process, dates jupyter_client parses, version.
    def test_headers(self):
        reply, msgs = self.assertResult("1+1", "2")
        all_msgs = [reply] + msgs
        sessions = {m["header"]["session"] for m in all_msgs}
        self.assertEqual(len(sessions), 1, "several sessions: %r" % sessions)
        ids = [m["header"]["msg_id"] for m in all_msgs]
        self.assertEqual(len(ids), len(set(ids)), "duplicate msg_ids")
        for m in all_msgs:
            d = m["header"]["date"]
            self.assertIsInstance(d, datetime.datetime,
                                  "%s: header date %r is not ISO 8601 as jupyter_client parses it"
                                  % (m["msg_type"], d))
            self.assertIsNotNone(d.tzinfo, "%s: date %r has no zone" % (m["msg_type"], d))
            self.assertRegex(m["header"]["version"], r"^5\.[2-9]")
        types = [m["msg_type"] for m in msgs]
        self.assertEqual(types, ["status", "execute_input", "execute_result", "status"], types)
        self.assertEqual(reply["content"]["execution_count"], msgs[2]["content"]["execution_count"])

    # (g) figures
    def test_figures_roundtrip(self):
        self.assertResult("1+1", "2")
        to_reply, to_idle = [], []
        for _ in range(200):
            t0 = time.monotonic()
            msg_id = self.kc.execute("1+1")
            reply = shell_reply(self.kc, msg_id)
            t1 = time.monotonic()
            msgs = iopub_until_idle(self.kc, msg_id)
            t2 = time.monotonic()
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(results(msgs), ["2"])
            to_reply.append(t1 - t0)
            to_idle.append(t2 - t0)
        med = statistics.median(to_reply)
        p95 = sorted(to_reply)[int(len(to_reply) * 0.95)]
        FIGURES["`1+1` round trip, execute -> execute_reply (median of 200)"] = "%.2f ms" % (med * 1000)
        FIGURES["`1+1` round trip, execute -> execute_reply (p95 of 200)"] = "%.2f ms" % (p95 * 1000)
        FIGURES["`1+1` round trip, execute -> idle (median of 200)"] = "%.2f ms" % (
            statistics.median(to_idle) * 1000)
        self.assertLess(med, 5.0, "median round trip %.3f s" % med)

    def test_figures_startup(self):
        times = []
        for _ in range(5):
            km = KernelManager(kernel_name=KERNEL)
            t0 = time.monotonic()
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            try:
                msg_id = kc.kernel_info()
                reply = shell_reply(kc, msg_id, timeout=TIMEOUT)
                times.append(time.monotonic() - t0)
                self.assertEqual(reply["content"]["status"], "ok")
            finally:
                stop_kernel(km, kc)
        med = statistics.median(times)
        FIGURES["start_kernel -> kernel_info_reply (median of 5)"] = "%.1f ms" % (med * 1000)
        FIGURES["start_kernel -> kernel_info_reply (all 5)"] = ", ".join(
            "%.0f" % (t * 1000) for t in times) + " ms"
        self.assertLess(med, 5.0, "median startup %.3f s" % med)


class Tampered(Session):
    """Signs correctly, then changes the content after signing."""

    def serialize(self, msg, ident=None):
        frames = super().serialize(msg, ident)
        i = frames.index(b"<IDS|MSG>")
        content = frames[i + 5]
        frames[i + 5] = content.replace(b"pwned", b"PWNED")
        return frames


def go_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    faulthandler.dump_traceback_later(170, exit=True)
    prog = unittest.main(verbosity=2, exit=False)
    print("\n==== gokernel figures ====")
    for k, v in FIGURES.items():
        print("  %-62s %s" % (k, v))
    print("==========================")
    r = prog.result
    if r.skipped or not r.wasSuccessful() or r.testsRun == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
