#!/usr/bin/python3
"""driver.py: run Go programs as notebook cells in one gokernel, in order.

    /usr/bin/python3 driver.py --timeout 20 --isolation reset JOBS.json

JOBS.json is a list of {"id": ..., "cells": [source, ...]}. For each job it
prints one JSON line on stdout (flushed, so a partial run is kept):

    {"id": ..., "stdout": "...", "stderr": "...", "cells_run": N,
     "status": "ok" | "error" | "timeout" | "kernel_died",
     "ename": ..., "evalue": ..., "traceback0": ..., "seconds": ...}

Between jobs the interpreter starts afresh: with --isolation reset the
driver runs %reset (gokernel starts a new worker), with restart it
restarts the kernel. A job that does not go idle within --timeout seconds
is interrupted and the kernel restarted; a kernel that dies is restarted.
Cells run with allow_stdin=False. stdout/stderr are the stream outputs of
all the job's cells; the job stops at the first cell that fails.
"""

import argparse
import json
import queue
import re
import sys
import time

from jupyter_client.manager import KernelManager

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Kernel:
    def __init__(self, name, cwd):
        self.name, self.cwd = name, cwd
        self.km = self.kc = None

    def start(self):
        self.km = KernelManager(kernel_name=self.name)
        self.km.start_kernel(cwd=self.cwd)
        self.kc = self.km.client()
        self.kc.allow_stdin = False
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def stop(self):
        try:
            self.kc.stop_channels()
        except Exception:
            pass
        try:
            self.km.shutdown_kernel(now=True)
        except Exception:
            pass

    def restart(self):
        self.stop()
        self.start()

    def run(self, code, timeout, out):
        """Runs one cell; returns (status, error content or None)."""
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False)
        deadline = time.monotonic() + timeout
        reply = error = None
        idle = False
        while not (idle and reply):
            if time.monotonic() > deadline:
                return "timeout", None
            try:
                msg = self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                msg = None
            if msg is not None and msg["parent_header"].get("msg_id") == msg_id:
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    out[content["name"]].append(content["text"])
                elif kind == "error":
                    error = content
                elif kind == "status" and content["execution_state"] == "idle":
                    idle = True
            if reply is None:
                try:
                    r = self.kc.get_shell_msg(timeout=0)
                    if r["parent_header"].get("msg_id") == msg_id:
                        reply = r["content"]
                except queue.Empty:
                    pass
            if msg is None and not self.km.is_alive():
                return "kernel_died", error
        if reply.get("status") == "error":
            return "error", error or reply
        return "ok", None

    def interrupt(self):
        try:
            self.km.interrupt_kernel()
        except Exception:
            pass


def first_line(text):
    for line in ANSI.sub("", text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


def run_job(k, job, timeout):
    out = {"stdout": [], "stderr": []}
    res = {"id": job["id"], "cells_run": 0}
    start = time.monotonic()
    status, error = "ok", None
    for code in job["cells"]:
        left = timeout - (time.monotonic() - start)
        status, error = k.run(code, max(left, 0.1), out)
        res["cells_run"] += 1
        if status != "ok":
            break
    res["seconds"] = round(time.monotonic() - start, 3)
    res["status"] = status
    res["stdout"] = "".join(out["stdout"])
    res["stderr"] = "".join(out["stderr"])
    if error:
        res["ename"] = error.get("ename", "")
        res["evalue"] = error.get("evalue", "")
        tb = error.get("traceback") or []
        res["traceback0"] = first_line(tb[0] if tb else "")
    return res


def fresh(k, isolation):
    """Starts the next job on an empty interpreter."""
    if isolation == "restart":
        k.restart()
        return
    status, _ = k.run("%reset", 30, {"stdout": [], "stderr": []})
    if status != "ok":
        k.restart()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jobs")
    ap.add_argument("--kernel", default="gokernel")
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--isolation", choices=["reset", "restart"], default="reset")
    ap.add_argument("--cwd", default=None)
    a = ap.parse_args()
    with open(a.jobs) as f:
        jobs = json.load(f)
    k = Kernel(a.kernel, a.cwd)
    k.start()
    for i, job in enumerate(jobs):
        if i > 0:
            fresh(k, a.isolation)
        res = run_job(k, job, a.timeout)
        if res["status"] == "timeout":
            k.interrupt()
            k.restart()
        elif res["status"] == "kernel_died" or not k.km.is_alive():
            res["status"] = "kernel_died"
            k.restart()
        print(json.dumps(res), flush=True)
    k.stop()


if __name__ == "__main__":
    main()
