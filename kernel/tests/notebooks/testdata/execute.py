"""Executes Jupyter notebooks through an installed kernelspec with nbclient.

    execute.py --inplace NOTEBOOK...          write the fresh outputs back
    execute.py --out-dir DIR NOTEBOOK...      write the executed copies to DIR

Each notebook runs in a kernel of its own (the kernelspec named in its
metadata, "gokernel" by default) with the notebook's directory as the working
directory, unless --cwd says otherwise. Cells run to the end even when one
fails; every error output is reported on stderr as

    ERROR <notebook> cell <index> [<example id>]: <ename>: <evalue>

With --inplace a notebook whose cells raised is not written back. With
--out-dir the executed copy is always written, so the caller can inspect it.
The exit status is 1 when any cell raised, a cell timed out or the kernel
died, else 0. Run with /usr/bin/python3 (Debian's Jupyter packages).
"""

import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--inplace", action="store_true", help="write outputs back")
    where.add_argument("--out-dir", help="write executed copies here")
    p.add_argument("--cwd", help="working directory of the kernels")
    p.add_argument("--timeout", type=int, default=180, help="seconds per cell")
    p.add_argument("notebooks", nargs="+")
    return p.parse_args()


def example_id(cell):
    return (cell.get("metadata", {}).get("gokernel") or {}).get("example", "")


def report_errors(path, nb):
    """Prints every error output of nb; returns how many there were."""
    count = 0
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                count += 1
                tag = example_id(cell)
                where = "cell %d%s" % (i, " [%s]" % tag if tag else "")
                print("ERROR %s %s: %s: %s" % (path, where, out.get("ename"), out.get("evalue")),
                      file=sys.stderr, flush=True)
    return count


def execute(path, args):
    """Executes one notebook; returns True when no cell raised."""
    nb = nbformat.read(path, as_version=4)
    name = nb.metadata.get("kernelspec", {}).get("name") or "gokernel"
    cwd = args.cwd or os.path.dirname(os.path.abspath(path))
    client = NotebookClient(nb, kernel_name=name, timeout=args.timeout, startup_timeout=60,
                            allow_errors=True, record_timing=False,
                            resources={"metadata": {"path": cwd}})
    start = time.monotonic()
    try:
        client.execute()
    except Exception as e:  # a timeout or a dead kernel: nothing to write
        print("ERROR %s: %s: %s" % (path, type(e).__name__, e), file=sys.stderr, flush=True)
        return False
    errors = report_errors(path, nb)
    print("executed %s in %.1f s: %d cells, %d errors" %
          (path, time.monotonic() - start, len(nb.cells), errors), flush=True)
    if args.out_dir:
        nbformat.write(nb, os.path.join(args.out_dir, os.path.basename(path)))
    elif errors == 0:
        nbformat.write(nb, path)
    else:
        print("not written back: %s" % path, file=sys.stderr, flush=True)
    return errors == 0


def main():
    args = parse_args()
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
    ok = True
    for path in args.notebooks:
        ok = execute(path, args) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
