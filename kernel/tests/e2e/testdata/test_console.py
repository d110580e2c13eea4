"""Types Go into `jupyter console --kernel gokernel` through a pseudo-terminal.

A print shows its output; a multi-line function gets continuation prompts
(the console asks the kernel's is_complete after each line), and so does a
three-clause for loop; calling the function shows its value as Out[n];
Ctrl-D exits cleanly and shuts the kernel down. Run with /usr/bin/python3
and JUPYTER_PATH set (the Go test kernel/tests/e2e does both).
"""

import faulthandler
import os
import re
import shutil
import sys
import time
import unittest

import pexpect

TIMEOUT = 20
# prompt_toolkit draws with escape sequences; strip them to read the screen.
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r")


def jupyter():
    for p in ("/usr/bin/jupyter", "/usr/local/bin/jupyter"):
        if os.path.exists(p):
            return p
    return shutil.which("jupyter") or "jupyter"


def kernel_pids():
    """Pids of running processes of the gokernel binary under test."""
    binary = os.environ.get("GOKERNEL_BIN")
    if not binary:
        return set()
    pids = set()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if argv and argv[0] == binary.encode():
            pids.add(int(d))
    return pids


class ConsoleTests(unittest.TestCase):
    def setUp(self):
        self.before = kernel_pids()
        env = dict(os.environ)
        env["TERM"] = "xterm"
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"
        env.pop("JUPYTER_CONSOLE_TEST", None)  # that would force the one-line prompt
        self.log = open(os.path.join(os.environ.get("E2E_WORKDIR", "/tmp"),
                                     "console-%d.log" % os.getpid()), "w")
        self.child = pexpect.spawn(
            jupyter(), ["console", "--kernel", "gokernel",
                        "--ZMQTerminalInteractiveShell.highlighting_style=bw"],
            env=env, encoding="utf-8", codec_errors="replace",
            timeout=TIMEOUT, dimensions=(40, 200))
        self.child.logfile_read = self.log
        self.raw, self.pos, self.eof = "", 0, False

    def tearDown(self):
        if self.child.isalive():
            self.child.terminate(force=True)
        self.log.close()

    def expect(self, pattern, what, timeout=TIMEOUT):
        """Waits until pattern (a regexp, or pexpect.EOF) appears in the
        output with escape sequences removed, after the previous match."""
        deadline = time.monotonic() + timeout
        while True:
            screen = ANSI.sub("", self.raw)
            if pattern is pexpect.EOF:
                if self.eof:
                    return None
            else:
                m = re.compile(pattern).search(screen, self.pos)
                if m:
                    self.pos = m.end()
                    return m
            if self.eof or time.monotonic() > deadline:
                self.fail("%s: did not see %r (%s); screen so far:\n%s"
                          % (what, pattern, "EOF" if self.eof else "timeout", screen))
            try:
                self.raw += self.child.read_nonblocking(size=65536, timeout=0.1)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                self.eof = True

    def screen(self):
        return ANSI.sub("", self.raw)

    def type_line(self, text):
        # Type like a person, so prompt_toolkit sees keys, then press Enter.
        for ch in text:
            self.child.send(ch)
            time.sleep(0.005)
        time.sleep(0.05)
        self.child.send("\r")

    def test_console(self):
        start = time.monotonic()
        self.expect(r"In \[1\]", "the first prompt")
        print("jupyter console: first prompt after %.2f s" % (time.monotonic() - start))

        # A print: "from console" alone on a line (the echoed input has quotes).
        self.type_line('fmt.Println("from console")')
        self.expect(r"\nfrom console\r?\n", "the printed line")
        self.expect(r"In \[2\]", "the second prompt")

        # A multi-line function: Enter after an incomplete line continues it.
        self.type_line("func f() int {")
        self.expect(r"\.\.\.: ", "the continuation prompt after `func f() int {`")
        self.type_line("return 42")
        self.expect(r"\.\.\.: ", "the continuation prompt after `return 42`")
        self.type_line("}")
        self.expect(r"In \[3\]", "the prompt after the function")

        # A three-clause loop: its header's semicolons do not end the cell.
        self.type_line("for i := 0; i < 3; i++ {")
        self.expect(r"\.\.\.: ", "the continuation prompt after the loop header")
        self.type_line("fmt.Println(i * 10)")
        self.expect(r"\.\.\.: ", "the continuation prompt after the loop body")
        self.type_line("}")
        self.expect(r"\n0\r?\n10\r?\n20\r?\n", "the loop's output")
        self.expect(r"In \[4\]", "the prompt after the loop")

        # Its value.
        self.type_line("f()")
        self.expect(r"Out\[4\]:", "Out[4]")
        self.expect(r"42", "the value 42")
        self.expect(r"In \[5\]", "the prompt after f()")

        # Ctrl-D, confirmed, leaves and shuts the kernel down.
        self.child.sendcontrol("d")
        self.expect(r"exit \(\[y\]/n\)\?", "the exit confirmation")
        self.type_line("y")
        self.expect(pexpect.EOF, "the console exiting on Ctrl-D")
        self.child.close()
        self.assertEqual(self.child.exitstatus, 0,
                         "jupyter console exited with %r (signal %r); screen:\n%s"
                         % (self.child.exitstatus, self.child.signalstatus, self.screen()))
        screen = self.screen()
        self.assertIn("Shutting down kernel", screen)
        for bad in ("Traceback", "Error", "panic"):
            self.assertNotIn(bad, screen, "the console session shows %r:\n%s" % (bad, screen))

        # The kernel the console started is gone.
        deadline = time.monotonic() + 5
        left = kernel_pids() - self.before
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = kernel_pids() - self.before
        self.assertEqual(left, set(), "gokernel processes left after the console exited")


if __name__ == "__main__":
    faulthandler.dump_traceback_later(80, exit=True)
    prog = unittest.main(verbosity=2, exit=False)
    r = prog.result
    if r.skipped or not r.wasSuccessful() or r.testsRun == 0:
        sys.exit(1)
