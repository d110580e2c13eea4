"""Executes smoke.ipynb through the installed kernelspec "gokernel".

First in-process with nbclient, then as `jupyter nbconvert --to notebook
--execute` in a subprocess; both saved notebooks must hold the expected
outputs and execution counts 1..n. Run with /usr/bin/python3 and
JUPYTER_PATH set (the Go test kernel/tests/e2e does both).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOK = os.path.join(HERE, "smoke.ipynb")


def jupyter():
    for p in ("/usr/bin/jupyter", "/usr/local/bin/jupyter"):
        if os.path.exists(p):
            return p
    return shutil.which("jupyter") or "jupyter"


def describe(cell):
    return "cell %r\noutputs: %r" % (cell.source, cell.outputs)


class NotebookTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="gokernel-nb-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def check_outputs(self, nb):
        code = [c for c in nb.cells if c.cell_type == "code"]
        self.assertEqual(len(code), 5)

        # Execution counts 1..n, in order.
        self.assertEqual([c.execution_count for c in code], list(range(1, len(code) + 1)),
                         "execution counts")
        for c in code:
            for o in c.outputs:
                self.assertNotEqual(o.output_type, "error", describe(c))
                if o.output_type == "stream":
                    self.assertEqual(o.name, "stdout", describe(c))

        decl, prints, expr, html, goroutines = code

        # A declaration shows nothing.
        self.assertEqual(decl.outputs, [], describe(decl))

        # Prints become stdout stream text (possibly split over several outputs).
        self.assertTrue(prints.outputs, describe(prints))
        self.assertTrue(all(o.output_type == "stream" for o in prints.outputs), describe(prints))
        self.assertEqual("".join(o.text for o in prints.outputs), "answer is 42\nsecond line\n",
                         describe(prints))

        # A final expression becomes exactly one execute_result.
        self.assertEqual(len(expr.outputs), 1, describe(expr))
        out = expr.outputs[0]
        self.assertEqual(out.output_type, "execute_result", describe(expr))
        self.assertEqual(out.data["text/plain"], "43", describe(expr))
        self.assertEqual(out.execution_count, expr.execution_count, describe(expr))

        # display.HTML publishes display_data and no result.
        self.assertEqual(len(html.outputs), 1, describe(html))
        out = html.outputs[0]
        self.assertEqual(out.output_type, "display_data", describe(html))
        self.assertIn("text/html", out.data, describe(html))
        self.assertEqual(out.data["text/html"], "<b>bold</b>", describe(html))

        # Goroutines and a WaitGroup.
        self.assertTrue(goroutines.outputs, describe(goroutines))
        self.assertTrue(all(o.output_type == "stream" for o in goroutines.outputs),
                        describe(goroutines))
        self.assertEqual("".join(o.text for o in goroutines.outputs), "squares: [0 1 4 9]\n",
                         describe(goroutines))

        # The kernel told the notebook its language.
        self.assertEqual(nb.metadata.get("language_info", {}).get("name"), "go")

    def test_nbclient(self):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name="gokernel",
            timeout=60,
            startup_timeout=60,
            allow_errors=False,
            resources={"metadata": {"path": self.tmp}},
        )
        start = time.monotonic()
        client.execute()
        print("nbclient executed smoke.ipynb in %.2f s" % (time.monotonic() - start))
        out = os.path.join(self.tmp, "smoke.nbclient.ipynb")
        nbformat.write(nb, out)
        saved = nbformat.read(out, as_version=4)
        nbformat.validate(saved)
        self.check_outputs(saved)

    def test_nbconvert(self):
        src = os.path.join(self.tmp, "smoke.ipynb")
        shutil.copy(NOTEBOOK, src)
        cmd = [jupyter(), "nbconvert", "--to", "notebook", "--execute",
               "--ExecutePreprocessor.kernel_name=gokernel",
               "--ExecutePreprocessor.timeout=60",
               "--output-dir", self.tmp, "--output", "executed", src]
        start = time.monotonic()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=120, cwd=self.tmp)
        print("nbconvert --execute exited %d in %.2f s" % (proc.returncode,
                                                            time.monotonic() - start))
        self.assertEqual(proc.returncode, 0, "%s\n%s" % (" ".join(cmd), proc.stdout))
        saved = nbformat.read(os.path.join(self.tmp, "executed.ipynb"), as_version=4)
        nbformat.validate(saved)
        self.check_outputs(saved)


if __name__ == "__main__":
    prog = unittest.main(verbosity=2, exit=False)
    r = prog.result
    if r.skipped or not r.wasSuccessful() or r.testsRun == 0:
        sys.exit(1)
