"""jupyter_kernel_test's conformance suite, run against gokernel.

Run with /usr/bin/python3 and JUPYTER_PATH pointing at a directory that holds
kernels/gokernel (the Go test kernel/tests/e2e sets that up). Every sample attribute
is set, so every test of the suite runs; the script exits non-zero if any
test fails, errors or is skipped, or if a test of the suite did not run.
"""

import sys
import unittest

import jupyter_kernel_test as jkt


class GoKernelTests(jkt.KernelTests):
    kernel_name = "gokernel"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "oops")'

    # The matches replace code[cursor_start:cursor_end].
    completion_samples = [{"text": "fmt.Printl", "matches": {"fmt.Println"}}]

    # for, if and switch headers hold semicolons of their own; magic and
    # shell lines are complete lines; a cell magic ends at an empty line.
    complete_code_samples = [
        "x := 1",
        "func f() int { return 1 }",
        'fmt.Println("hi")',
        "for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}",
        "if x := 1; x > 0 {\n}",
        "switch x := 2; x {\ncase 1:\n}",
        "for ;; {\n\tbreak\n}",
        "x := 1; y := 2",
        "%time x := 1",
        "!ls",
        "%%native\npackage main\n\nfunc main() {}\n",
    ]
    incomplete_code_samples = [
        "func f() int {",
        "if true {",
        "for i := 0; i < 3; i++ {\n\tfmt.Println(i)",
        "for i := 0; i < 3; i++ {",
        "if x := 1; x > 0 {",
        "switch x := 2; x {\ncase 1:",
        "switch x := f(); x {",
        "for ;; {\n\tbreak",
        "x := 1; y :=",
        "s := []int{1,",
        'fmt.Println("a",',
        "s := `raw\nstring",
        "%%native\npackage main",
    ]
    invalid_code_samples = ["x := := 1", "}"]

    code_page_something = "fmt.Println?"
    code_generate_error = 'panic("boom")'
    code_execute_result = [
        {"code": "1+2+3", "result": "6"},
        {"code": "[]int{1, 4, 9}", "result": "[1 4 9]"},
    ]
    code_display_data = [{"code": 'display.HTML("<b>x</b>")', "mime": "text/html"}]

    # Matches "1+2+3" from code_execute_result and nothing else.
    code_history_pattern = "1?2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "fmt.Println"
    code_clear_output = "display.ClearOutput(false)"

    def flush_channels(self):
        # The validator of jkt 0.4.5 raises KeyError on message types it does
        # not know (iopub_welcome, comm_*, debug_event): skip those.
        for get in (self.kc.get_shell_msg, self.kc.get_iopub_msg):
            while True:
                try:
                    m = get(timeout=0.1)
                except Exception:
                    break
                t = m["msg_type"]
                if t in ("iopub_welcome", "debug_event") or t.startswith("comm_"):
                    continue
                jkt.validate_message(m)


# Every test jupyter_kernel_test 0.4.5 defines; all of them must run.
EXPECTED_TESTS = {
    "test_kernel_info",
    "test_execute_stdout",
    "test_execute_stderr",
    "test_completion",
    "test_is_complete",
    "test_pager",
    "test_error",
    "test_execute_result",
    "test_display_data",
    "test_history",
    "test_inspect",
    "test_clear_output",
}


class StrictResult(unittest.TextTestResult):
    """Records which tests ran, and counts skipped subtests as skips."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.started = set()

    def startTest(self, test):
        self.started.add(test.id().rsplit(".", 1)[-1])
        super().startTest(test)


def main():
    loader = unittest.TestLoader()
    suite = loader.loadTestsFromTestCase(GoKernelTests)
    names = {t.id().rsplit(".", 1)[-1] for t in suite}
    runner = unittest.TextTestRunner(verbosity=2, resultclass=StrictResult, stream=sys.stdout)
    result = runner.run(suite)

    problems = []
    missing_defs = EXPECTED_TESTS - names
    if missing_defs:
        problems.append("the suite lacks tests: %s" % sorted(missing_defs))
    not_run = EXPECTED_TESTS - result.started
    if not_run:
        problems.append("tests did not run: %s" % sorted(not_run))
    for test, reason in result.skipped:
        problems.append("SKIPPED (not allowed): %s: %s" % (test.id(), reason))
    for test, tb in result.failures:
        problems.append("FAILED: %s" % test.id())
    for test, tb in result.errors:
        problems.append("ERROR: %s" % test.id())
    for test in getattr(result, "unexpectedSuccesses", []):
        problems.append("unexpected success: %s" % test)
    if result.testsRun == 0:
        problems.append("no test ran")

    print("\nconformance: %d tests run, %d failures, %d errors, %d skipped"
          % (result.testsRun, len(result.failures), len(result.errors), len(result.skipped)))
    if problems:
        print("conformance FAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("conformance OK: all %d jupyter_kernel_test tests passed, none skipped"
          % len(EXPECTED_TESTS))


if __name__ == "__main__":
    main()
