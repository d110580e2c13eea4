#!/usr/bin/python3
"""kernelbench: measure Jupyter kernels side by side through jupyter_client.

    /usr/bin/python3 kernel/tests/bench/kernelbench.py gokernel python3 xpython

For each installed kernel named on the command line (kernelspec names, as in
`jupyter kernelspec list`) it measures, in this order and in one run:

  startup   launch -> first kernel_info_reply (median of --startups fresh
            launches); also launch -> BlockingKernelClient.wait_for_ready()
            returning, which adds jupyter_client's own fixed waits (it drains
            iopub until 0.2 s pass without a message).
  memory    RSS (and PSS) of the kernel process and all its descendants,
            read from /proc, after start (ready + one trivial cell, so
            lazily started helper processes are counted) and after the runs.
  execute   round trip of a trivial cell (`1+1`): execute_request sent ->
            execute_reply received and status idle seen (median, p99).
  compute   the seed's cpu_task (sum of i*i for i < 1,000,000, four times),
            written in the kernel's language; execute -> idle.
  output    a cell printing --lines short lines (the numbers 0..N-1) and one
            printing --bytes bytes (lines of 1023 'x' + newline): execute ->
            idle, bytes received vs printed (the received text must equal
            the printed text), number of iopub stream messages, peak stream
            message rate (most messages within any sliding 1 s window).

A cell that does not go idle within --timeout seconds is recorded as
"timeout"; the kernel is interrupted (and restarted if that does not help)
and the benchmark goes on.

It prints one table (ratios to the --baseline kernel, python3 by default)
and then one JSON line per kernel, starting with {"kernelbench": 1.
"""

import argparse
import datetime
import json
import os
import platform
import queue
import statistics
import sys
import time

try:
    from jupyter_client.manager import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
except ImportError as e:  # pragma: no cover - reported to the user
    sys.exit("kernelbench: cannot import jupyter_client (%s); install Debian's "
             "jupyter-client and run with /usr/bin/python3" % e)

SCHEMA = 1

# Cells per language. "lines" and "bytes" take the number of lines to print.
CELLS = {
    "python": {
        "trivial": "1+1",
        "trivial_result": "2",
        "cpu_def": ("def cpu_task(n):\n"
                    "    s = 0\n"
                    "    for i in range(n):\n"
                    "        s += i * i\n"
                    "    return s\n"),
        "cpu_run": "cpu_task(1000000) + cpu_task(1000000) + cpu_task(1000000) + cpu_task(1000000)",
        "lines": "for i in range({n}):\n    print(i)\n",
        "bytes": "s = 'x' * 1023\nfor _ in range({n}):\n    print(s)\n",
    },
    "go": {
        "trivial": "1+1",
        "trivial_result": "2",
        "cpu_def": ("func cpuTask(n int) int {\n"
                    "\ts := 0\n"
                    "\tfor i := 0; i < n; i++ {\n"
                    "\t\ts += i * i\n"
                    "\t}\n"
                    "\treturn s\n"
                    "}\n"),
        "cpu_run": "cpuTask(1000000) + cpuTask(1000000) + cpuTask(1000000) + cpuTask(1000000)",
        "lines": "for i := 0; i < {n}; i++ {{\n\tfmt.Println(i)\n}}\n",
        "bytes": "s := strings.Repeat(\"x\", 1023)\nfor i := 0; i < {n}; i++ {{\n\tfmt.Println(s)\n}}\n",
    },
}
CPU_RESULT = str(4 * sum(i * i for i in range(1000000)))
BIG_LINE = "x" * 1023 + "\n"


class CellTimeout(Exception):
    pass


# ---------------------------------------------------------------- /proc


def _children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                stat = f.read()
        except OSError:
            continue
        # comm may contain spaces and parentheses: split after the last ')'.
        fields = stat[stat.rfind(")") + 2:].split()
        kids.setdefault(int(fields[1]), []).append(int(d))
    return kids


def process_tree(pid):
    """pid and all its live descendants."""
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _status_kb(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(pid):
    """RSS and PSS in MB of pid and its descendants, and the process count."""
    pids = process_tree(pid)
    rss = sum(_status_kb(p, "VmRSS") for p in pids)
    pss = sum(_pss_kb(p) for p in pids)
    return {"rss_mb": round(rss / 1024, 1), "pss_mb": round(pss / 1024, 1), "processes": len(pids)}


# ---------------------------------------------------------------- helpers


def percentile(values, p):
    s = sorted(values)
    if not s:
        return None
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))  # nearest rank
    return s[k]


def peak_rate(times, window=1.0):
    """The most timestamps within any window of `window` seconds."""
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] > window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    for obj in (prov, getattr(prov, "process", None), getattr(km, "kernel", None)):
        pid = getattr(obj, "pid", None)
        if isinstance(pid, int):
            return pid
    raise RuntimeError("cannot find the kernel's pid")


class Kernel:
    """One running kernel and a blocking client."""

    def __init__(self, name, ready_timeout):
        self.name = name
        self.km = KernelManager(kernel_name=name)
        self.kc = None
        self.ready_timeout = ready_timeout

    def start(self, wait_for_ready=True):
        """Starts the kernel; returns (time to first kernel_info_reply,
        time until wait_for_ready returned or None)."""
        t0 = time.perf_counter()
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        msg_id = self.kc.kernel_info()
        deadline = t0 + self.ready_timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError("%s: no kernel_info_reply within %ss" % (self.name, self.ready_timeout))
            try:
                msg = self.kc.get_shell_msg(timeout=min(left, 1.0))
            except queue.Empty:
                if not self.km.is_alive():
                    raise RuntimeError("%s died before replying to kernel_info" % self.name)
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                break
        t_info = time.perf_counter() - t0
        t_ready = None
        if wait_for_ready:
            self.kc.wait_for_ready(timeout=self.ready_timeout)
            t_ready = time.perf_counter() - t0
        return t_info, t_ready

    def stop(self):
        try:
            if self.kc is not None:
                self.kc.stop_channels()
        finally:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:
                pass
            self.km.cleanup_resources()

    @property
    def pid(self):
        return kernel_pid(self.km)

    def drain(self):
        for get in (self.kc.get_iopub_msg, self.kc.get_shell_msg):
            while True:
                try:
                    get(timeout=0)
                except queue.Empty:
                    break

    def run(self, code, timeout, collect=False):
        """Runs code; returns a dict with the elapsed time to reply + idle,
        the execute_result text, and (collect) the stream messages."""
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code)
        deadline = t0 + timeout
        r = {"reply": None, "result": None, "error": None, "stream_msgs": 0,
             "stream_bytes": 0, "stream_times": [], "texts": [] if collect else None,
             "stderr": ""}
        idle = False
        while not idle:
            left = deadline - time.perf_counter()
            if left <= 0:
                r["elapsed"] = time.perf_counter() - t0
                raise CellTimeout(r)
            try:
                msg = self.kc.get_iopub_msg(timeout=left)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            t = msg["msg_type"]
            c = msg["content"]
            if t == "stream":
                r["stream_msgs"] += 1
                r["stream_times"].append(time.perf_counter())
                if c.get("name") == "stdout":
                    r["stream_bytes"] += len(c["text"].encode("utf-8"))
                    if collect:
                        r["texts"].append(c["text"])
                else:
                    r["stderr"] += c.get("text", "")
            elif t == "execute_result":
                r["result"] = c["data"].get("text/plain")
            elif t == "error":
                r["error"] = "%s: %s" % (c.get("ename"), c.get("evalue"))
            elif t == "status" and c.get("execution_state") == "idle":
                idle = True
        while r["reply"] is None:
            left = deadline - time.perf_counter()
            if left <= 0:
                r["elapsed"] = time.perf_counter() - t0
                raise CellTimeout(r)
            try:
                msg = self.kc.get_shell_msg(timeout=left)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                r["reply"] = msg["content"]["status"]
        r["elapsed"] = time.perf_counter() - t0
        return r

    def recover(self, grace=15.0):
        """After a timeout: interrupt, wait for idle, else restart. Returns
        True if the kernel had to be restarted."""
        try:
            self.km.interrupt_kernel()
        except Exception:
            pass
        end = time.perf_counter() + grace
        while time.perf_counter() < end:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.5)
            except queue.Empty:
                continue
            if (msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                    and msg["parent_header"].get("msg_type") == "execute_request"):
                # Make sure it is really responsive again.
                try:
                    self.drain()
                    self.run("1+1", 10)
                    return False
                except CellTimeout:
                    break
        self.kc.stop_channels()
        self.km.restart_kernel(now=True)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=self.ready_timeout)
        return True


# ---------------------------------------------------------------- phases


def measure_startup(name, runs, ready_timeout):
    info, ready = [], []
    for _ in range(runs):
        k = Kernel(name, ready_timeout)
        try:
            ti, tr = k.start()
        finally:
            k.stop()
        info.append(ti)
        ready.append(tr)
        time.sleep(0.2)
    return {
        "median": statistics.median(info), "min": min(info), "runs": [round(x, 4) for x in info],
        "wait_for_ready_median": statistics.median(ready),
    }


def output_cell(k, code, expected, timeout):
    try:
        r = k.run(code, timeout, collect=True)
    except CellTimeout as e:
        r = e.args[0]
        return {"status": "timeout", "time_s": round(r["elapsed"], 3), "bytes_printed": len(expected),
                "bytes_received": r["stream_bytes"], "stream_msgs": r["stream_msgs"],
                "peak_msgs_per_s": peak_rate(r["stream_times"]), "complete": False,
                "restarted": k.recover()}
    text = "".join(r["texts"])
    out = {
        "status": "ok" if r["error"] is None and r["reply"] == "ok" else "error",
        "time_s": round(r["elapsed"], 4),
        "bytes_printed": len(expected.encode("utf-8")),
        "bytes_received": r["stream_bytes"],
        "stream_msgs": r["stream_msgs"],
        "peak_msgs_per_s": peak_rate(r["stream_times"]),
        "complete": text == expected,
    }
    if r["error"]:
        out["error"] = r["error"]
    if r["stderr"]:
        out["stderr"] = r["stderr"][:500]
    return out


def bench_kernel(name, args):
    spec = KernelSpecManager().get_kernel_spec(name)
    lang = spec.language.lower()
    if lang not in CELLS:
        raise RuntimeError("%s: no benchmark cells for language %r" % (name, spec.language))
    cells = CELLS[lang]
    res = {"kernelbench": SCHEMA, "kernel": name, "display_name": spec.display_name,
           "language": lang, "argv0": os.path.basename(spec.argv[0])}
    log = lambda *a: print("  [%s]" % name, *a, file=sys.stderr, flush=True)

    log("startup x%d" % args.startups)
    res["startup_s"] = measure_startup(name, args.startups, args.ready_timeout)

    k = Kernel(name, args.ready_timeout)
    k.start()
    try:
        # One trivial cell so that lazily started processes exist, then memory.
        first = k.run(cells["trivial"], args.timeout)
        if first["result"] != cells["trivial_result"]:
            raise RuntimeError("%s: %r gave %r (%s)" % (name, cells["trivial"], first["result"], first["error"]))
        time.sleep(0.5)
        res["memory_after_start"] = memory(k.pid)

        log("execute x%d" % args.execs)
        for _ in range(args.warmup):
            k.run(cells["trivial"], args.timeout)
        times = []
        for _ in range(args.execs):
            r = k.run(cells["trivial"], args.timeout)
            if r["result"] != cells["trivial_result"]:
                raise RuntimeError("%s: trivial cell gave %r (%s)" % (name, r["result"], r["error"]))
            times.append(r["elapsed"])
        res["execute_ms"] = {"median": statistics.median(times) * 1e3, "p99": percentile(times, 99) * 1e3,
                             "min": min(times) * 1e3, "n": len(times)}

        log("cpu_task x%d" % args.cpu_runs)
        d = k.run(cells["cpu_def"], args.timeout)
        if d["error"]:
            raise RuntimeError("%s: cpu_task definition failed: %s" % (name, d["error"]))
        cpu = []
        res["cpu_task_s"] = None
        for _ in range(args.cpu_runs):
            try:
                r = k.run(cells["cpu_run"], args.timeout)
            except CellTimeout:
                res["cpu_task_s"] = {"status": "timeout", "restarted": k.recover()}
                break
            if r["result"] != CPU_RESULT:
                raise RuntimeError("%s: cpu_task gave %r (%s)" % (name, r["result"], r["error"]))
            cpu.append(r["elapsed"])
        if cpu:
            res["cpu_task_s"] = {"status": "ok", "median": statistics.median(cpu), "min": min(cpu),
                                 "runs": [round(x, 4) for x in cpu]}

        restarted = False
        log("output: %d lines" % args.lines)
        expected = "".join("%d\n" % i for i in range(args.lines))
        res["lines"] = output_cell(k, cells["lines"].format(n=args.lines), expected, args.timeout)
        res["lines"]["lines"] = args.lines
        restarted |= res["lines"].get("restarted", False)

        n = max(1, args.bytes // len(BIG_LINE))
        log("output: %d bytes" % (n * len(BIG_LINE)))
        res["bytes"] = output_cell(k, cells["bytes"].format(n=n), BIG_LINE * n, args.timeout)
        restarted |= res["bytes"].get("restarted", False)

        time.sleep(0.5)
        res["memory_after_runs"] = memory(k.pid)
        if restarted:
            res["memory_after_runs"]["note"] = "kernel restarted after a timeout: measured on the new kernel"
    finally:
        k.stop()
    return res


# ---------------------------------------------------------------- report


def fmt(v, unit=""):
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if isinstance(v, float):
        if abs(v) >= 100:
            s = "%.0f" % v
        elif abs(v) >= 10:
            s = "%.1f" % v
        elif abs(v) >= 1:
            s = "%.2f" % v
        else:
            s = "%.3f" % v
    else:
        s = str(v)
    return s + unit


def rows(res):
    """(label, value, display, lower_is_better, target ratio) per table row."""
    out = []

    def add(label, value, shown=None, target=None):
        out.append((label, value, shown if shown is not None else fmt(value), target))

    s = res.get("startup_s") or {}
    add("startup: launch -> kernel_info_reply, median (s)", s.get("median"), target=0.1)
    add("startup: launch -> wait_for_ready, median (s)", s.get("wait_for_ready_median"))
    e = res.get("execute_ms") or {}
    add("execute 1+1: median (ms)", e.get("median"), target=0.5)
    add("execute 1+1: p99 (ms)", e.get("p99"), target=0.5)
    c = res.get("cpu_task_s") or {}
    add("cpu_task x4 (s)", c.get("median") if c.get("status") == "ok" else None,
        fmt(c.get("median")) if c.get("status") == "ok" else c.get("status", "-"), target=1.0)
    for key, title in (("lines", "%d lines" % (res.get("lines") or {}).get("lines", 0)),
                       ("bytes", "%.0f MB" % ((res.get("bytes") or {}).get("bytes_printed", 0) / 1e6))):
        o = res.get(key) or {}
        ok = o.get("status") == "ok"
        add("%s: time to idle (s)" % title, o.get("time_s") if ok else None,
            fmt(o.get("time_s")) if ok else "timeout (>%ss)" % fmt(o.get("time_s")), target=1.0)
        add("%s: bytes received / printed" % title, None,
            "%s / %s%s" % (o.get("bytes_received"), o.get("bytes_printed"), "" if o.get("complete") else " INCOMPLETE"))
        add("%s: iopub stream messages" % title, o.get("stream_msgs"))
        add("%s: peak stream msgs per 1 s window" % title, o.get("peak_msgs_per_s"))
    for key, title in (("memory_after_start", "after start"), ("memory_after_runs", "after runs")):
        m = res.get(key) or {}
        add("memory %s: RSS, all processes (MB)" % title, m.get("rss_mb"),
            target=0.5 if key == "memory_after_start" else None)
        add("memory %s: PSS, all processes (MB)" % title, m.get("pss_mb"))
    return out


def print_table(results, baseline, stream=sys.stdout, markdown=False):
    names = [r["kernel"] for r in results]
    base = next((r for r in results if r["kernel"] == baseline), None)
    others = [r for r in results if base is not None and r is not base]
    header = ["metric"] + names + ["%s/%s" % (r["kernel"], baseline) for r in others]
    table = [rows(r) for r in results]
    body = []
    for i, row in enumerate(table[0]):
        line = [row[0]] + [t[i][2] for t in table]
        for r in others:
            a, b = rows(r)[i][1], rows(base)[i][1]
            ratio = "%.2fx" % (a / b) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "-"
            line.append(ratio)
        body.append(line)
    if markdown:
        print("| " + " | ".join(header) + " |", file=stream)
        print("|" + "|".join("---" if j == 0 else "--:" for j in range(len(header))) + "|", file=stream)
        for line in body:
            print("| " + " | ".join(line) + " |", file=stream)
        return
    widths = [max(len(str(x[j])) for x in [header] + body) for j in range(len(header))]
    for line in [header] + body:
        print("  ".join(str(c).ljust(w) if j == 0 else str(c).rjust(w) for j, (c, w) in enumerate(zip(line, widths))),
              file=stream)


def verdicts(results, baseline, subject):
    """Target checks of subject against baseline (the issue's targets)."""
    by = {r["kernel"]: r for r in results}
    if subject not in by or baseline not in by:
        return []
    g, b = by[subject], by[baseline]

    def ratio(a, c):
        return a / c if isinstance(a, (int, float)) and isinstance(c, (int, float)) and c else None

    out = []

    def check(label, r, limit, extra_ok=True, detail=""):
        ok = r is not None and r <= limit and extra_ok
        out.append({"target": label, "ratio": None if r is None else round(r, 3), "limit": limit,
                    "met": bool(ok), "detail": detail})

    check("startup (kernel_info_reply) <= 0.1x", ratio(g["startup_s"]["median"], b["startup_s"]["median"]), 0.1)
    check("execute median <= 0.5x", ratio(g["execute_ms"]["median"], b["execute_ms"]["median"]), 0.5)
    check("execute p99 <= 0.5x", ratio(g["execute_ms"]["p99"], b["execute_ms"]["p99"]), 0.5)
    for key in ("lines", "bytes"):
        go, bo = g[key], b[key]
        good = go.get("status") == "ok" and go.get("complete") and go.get("peak_msgs_per_s", 1e9) <= 100
        check("%s time <= 1.0x, complete, <= 100 stream msgs/s" % key,
              ratio(go.get("time_s"), bo.get("time_s")) if go.get("status") == "ok" and bo.get("status") == "ok" else None,
              1.0, good, "complete=%s peak=%s msgs/s" % (go.get("complete"), go.get("peak_msgs_per_s")))
    gc, bc = g.get("cpu_task_s") or {}, b.get("cpu_task_s") or {}
    check("cpu_task <= 1.0x", ratio(gc.get("median"), bc.get("median")), 1.0)
    check("memory after start (RSS) <= 0.5x",
          ratio(g["memory_after_start"]["rss_mb"], b["memory_after_start"]["rss_mb"]), 0.5)
    return out


def print_verdicts(v, subject, baseline, markdown=False):
    if not v:
        return
    print()
    if markdown:
        print("| target (%s / %s) | ratio | met |" % (subject, baseline))
        print("|---|--:|---|")
        for c in v:
            print("| %s | %s | %s |" % (c["target"], "-" if c["ratio"] is None else "%.2fx" % c["ratio"],
                                       ("yes" if c["met"] else "**no**") + ((" (" + c["detail"] + ")") if c["detail"] else "")))
        return
    print("targets for %s (ratios to %s):" % (subject, baseline))
    for c in v:
        print("  %-4s %-55s %s%s" % ("MET" if c["met"] else "MISS", c["target"],
                                     "-" if c["ratio"] is None else "%.3fx" % c["ratio"],
                                     ("  " + c["detail"]) if c["detail"] else ""))


def machine():
    mem_kb = 0
    try:
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "mem_gb": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
            "kernel": platform.release(), "python": platform.python_version(), "loadavg": loadavg()}


def loadavg():
    """The 1-minute load average: other work on the machine skews every figure."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return None


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("kernels", nargs="*", help="kernelspec names, e.g. gokernel python3 xpython")
    p.add_argument("--report", metavar="FILE",
                   help="do not run: print the table of the JSON lines saved in FILE (output of an earlier run)")
    p.add_argument("--baseline", default="python3", help="kernel the ratios are computed against (python3)")
    p.add_argument("--startups", type=int, default=7, help="launches for the startup median (7)")
    p.add_argument("--execs", type=int, default=1000, help="trivial round trips (1000)")
    p.add_argument("--warmup", type=int, default=20, help="untimed trivial round trips first (20)")
    p.add_argument("--cpu-runs", type=int, default=3, help="cpu_task runs (median) (3)")
    p.add_argument("--lines", type=int, default=100000, help="lines printed by the lines cell (100000)")
    p.add_argument("--bytes", type=int, default=10 * 1024 * 1024, help="bytes printed by the bytes cell (10 MiB)")
    p.add_argument("--timeout", type=float, default=60, help="per-cell timeout in seconds (60)")
    p.add_argument("--ready-timeout", type=float, default=60, help="kernel start timeout in seconds (60)")
    p.add_argument("--quick", action="store_true",
                   help="few iterations (smoke test): 2 startups, 30 execs, 1 cpu run, 10000 lines, 1 MiB")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = p.parse_args(argv)
    if args.report:
        with open(args.report) as f:
            results = [json.loads(line) for line in f if line.startswith('{"')]
        ok = [r for r in results if "failed" not in r]
        if not ok:
            sys.exit("kernelbench: no results in %s" % args.report)
        m = ok[0].get("machine", {})
        print("kernelbench %s, %s CPUs (%s), %s GB RAM, Linux %s, load %s -> %s%s" % (
            ok[0].get("date"), m.get("nproc"), m.get("cpu"), m.get("mem_gb"), m.get("kernel"),
            m.get("loadavg_before"), m.get("loadavg"), ", gokernel " + ok[0]["revision"] if ok[0].get("revision") else ""))
        print()
        print_table(ok, args.baseline, markdown=args.markdown)
        v = verdicts(ok, args.baseline, ok[0]["kernel"]) if ok[0]["kernel"] != args.baseline else []
        print_verdicts(v, ok[0]["kernel"], args.baseline, args.markdown)
        return 0
    if not args.kernels:
        p.error("name at least one kernel (or --report FILE)")
    if args.quick:
        args.startups, args.execs, args.warmup, args.cpu_runs = 2, 30, 3, 1
        args.lines, args.bytes = 10000, 1024 * 1024

    ksm = KernelSpecManager()
    specs = ksm.find_kernel_specs()
    missing = [k for k in args.kernels if k not in specs]
    if missing:
        sys.exit("kernelbench: kernel(s) not installed: %s (installed: %s; JUPYTER_PATH=%s)" % (
            ", ".join(missing), ", ".join(sorted(specs)), os.environ.get("JUPYTER_PATH", "")))

    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = loadavg()
    results = []
    failed = False
    for name in args.kernels:
        print("kernelbench: %s" % name, file=sys.stderr, flush=True)
        try:
            results.append(bench_kernel(name, args))
        except Exception as e:  # report and go on with the other kernels
            failed = True
            print("kernelbench: %s failed: %s: %s" % (name, type(e).__name__, e), file=sys.stderr, flush=True)
            results.append({"kernelbench": SCHEMA, "kernel": name, "failed": "%s: %s" % (type(e).__name__, e)})

    ok = [r for r in results if "failed" not in r]
    m = machine()
    m["loadavg_before"] = load_before
    revision = os.environ.get("KERNELBENCH_REVISION", "")
    print("kernelbench %s UTC, %d CPUs (%s), %.1f GB RAM, Linux %s, load %s -> %s%s" % (
        started.strftime("%Y-%m-%d %H:%M"), m["nproc"], m["cpu"], m["mem_gb"], m["kernel"],
        load_before, m["loadavg"], ", gokernel " + revision if revision else ""))
    if ok:
        print_table(ok, args.baseline, markdown=args.markdown)
        v = verdicts(ok, args.baseline, ok[0]["kernel"]) if ok[0]["kernel"] != args.baseline else []
        print_verdicts(v, ok[0]["kernel"], args.baseline, args.markdown)
        if v:
            ok[0]["targets"] = v
    for r in results:
        r["date"] = started.isoformat(timespec="seconds")
        r["machine"] = m
        if revision:
            r["revision"] = revision
        r["args"] = {k: v for k, v in vars(args).items() if k != "kernels"}
        print(json.dumps(r, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
