"""Drives an installed gokernel through jupyter_client for the reliability
tests (kernel/tests/reliability). Run with /usr/bin/python3; JUPYTER_PATH must
hold the kernelspec. Usage: drive.py SCENARIO [N]; prints one JSON object.
"""
import json
import os
import queue
import signal
import statistics
import sys
import threading
import time

import zmq
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import KernelManager


def start(env=None, **kw):
    km = KernelManager(kernel_name="gokernel", **kw)
    km.start_kernel(**({"env": env} if env else {}))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def kernel_pid(km):
    return km.provisioner.process.pid


def children(pid):
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if ppid == pid:
            out.append((int(d), [c.decode(errors="replace") for c in cmd]))
    return out


def worker_pid(km):
    for pid, cmd in children(kernel_pid(km)):
        if len(cmd) > 1 and cmd[1] == "worker":
            return pid
    return None


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None


def reply_to(kc, msg_id, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            m = kc.get_shell_msg(timeout=max(0.01, deadline - time.time()))
        except queue.Empty:
            break
        if m["parent_header"].get("msg_id") == msg_id:
            return m
    return None


def result_of(kc, msg_id, timeout=10):
    """The text/plain result and the reply of execute msg_id."""
    reply = reply_to(kc, msg_id, timeout)
    text = None
    deadline = time.time() + 2
    while time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            break
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "execute_result":
            text = m["content"]["data"].get("text/plain")
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    return text, reply


def addr(km, port):
    if km.transport == "tcp":
        return f"tcp://{km.ip}:{port}"
    return f"ipc://{km.ip}-{port}"


def control_kernel_info(km, kc, timeout):
    ctx = zmq.Context.instance()
    s = ctx.socket(zmq.DEALER)
    s.linger = 0
    s.connect(addr(km, km.control_port))
    t0 = time.time()
    msg = kc.session.send(s, "kernel_info_request", {})
    deadline = t0 + timeout
    try:
        while time.time() < deadline:
            if not s.poll(int(max(1, (deadline - time.time()) * 1000))):
                return None
            _, m = kc.session.recv(s)
            if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return time.time() - t0
        return None
    finally:
        s.close()


def hb_ping(km, timeout):
    ctx = zmq.Context.instance()
    s = ctx.socket(zmq.REQ)
    s.linger = 0
    s.connect(addr(km, km.hb_port))
    t0 = time.time()
    s.send(b"ping")
    ok = s.poll(int(timeout * 1000))
    s.close()
    return time.time() - t0 if ok else None


def scenario_killworker(_):
    km, kc = start()
    try:
        msg_id = kc.execute("time.Sleep(60 * time.Second)")
        time.sleep(1.5)
        wpid = worker_pid(km)
        t0 = time.time()
        os.kill(wpid, signal.SIGKILL)
        reply = reply_to(kc, msg_id, 15)
        took = time.time() - t0
        _, nxt = None, None
        text, nxt = result_of(kc, kc.execute("1+1"), 30)
        return {
            "worker_pid": wpid,
            "reply_status": reply and reply["content"]["status"],
            "reply_ename": reply and reply["content"].get("ename"),
            "reply_evalue": reply and reply["content"].get("evalue"),
            "reply_after_s": took,
            "next_result": text,
            "next_status": nxt and nxt["content"]["status"],
            "new_worker_pid": worker_pid(km),
        }
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def scenario_hog(_):
    km, kc = start()
    try:
        msg_id = kc.execute("for i := 0; i < 4; i++ {\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n}\nfor {\n}")
        time.sleep(2)
        res = {"hb_s": [], "control_kernel_info_s": [], "shell_kernel_info_s": []}
        for _ in range(5):
            res["hb_s"].append(hb_ping(km, 1))
            res["control_kernel_info_s"].append(control_kernel_info(km, kc, 1))
            t0 = time.time()
            try:
                kc.kernel_info(reply=True, timeout=1)
                res["shell_kernel_info_s"].append(time.time() - t0)
            except (TimeoutError, queue.Empty):
                res["shell_kernel_info_s"].append(None)
            time.sleep(0.2)
        cpu0 = sum(int(x) for x in open(f"/proc/{worker_pid(km)}/stat").read().rsplit(")", 1)[1].split()[11:13])
        t0 = time.time()
        km.interrupt_kernel()
        reply = reply_to(kc, msg_id, 10)
        res["interrupt_reply_s"] = time.time() - t0 if reply else None
        res["interrupt_reply_ename"] = reply and reply["content"].get("ename")
        time.sleep(1)
        wpid = worker_pid(km)
        c1 = sum(int(x) for x in open(f"/proc/{wpid}/stat").read().rsplit(")", 1)[1].split()[11:13])
        time.sleep(1)
        c2 = sum(int(x) for x in open(f"/proc/{wpid}/stat").read().rsplit(")", 1)[1].split()[11:13])
        res["worker_cpu_ticks_per_s_after_interrupt"] = c2 - c1
        res["cpu_ticks_before"] = cpu0
        text, _ = result_of(kc, kc.execute("1+1"), 30)
        res["next_result"] = text
        return res
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def scenario_sigterm(_):
    ipdir = os.environ["GOKERNEL_IPC_DIR"]
    km, kc = start(transport="ipc", ip=os.path.join(ipdir, "kernel-ipc"))
    text, _ = result_of(kc, kc.execute('reliabilityMarker := "sigterm-flush"\nreliabilityMarker'), 30)
    pid = kernel_pid(km)
    proc = km.provisioner.process
    wpid = worker_pid(km)
    files_before = sorted(os.listdir(ipdir))
    t0 = time.time()
    os.kill(pid, signal.SIGTERM)
    exited = None
    while time.time() - t0 < 5:
        if proc.poll() is not None:
            exited = time.time() - t0
            break
        time.sleep(0.01)
    files_after = sorted(os.listdir(ipdir))
    worker_alive = wpid is not None and os.path.exists(f"/proc/{wpid}") and "zombie" not in open(f"/proc/{wpid}/status").read()
    kc.stop_channels()
    try:
        km.shutdown_kernel(now=True)
    except Exception:
        pass
    return {"result": text, "exit_after_s": exited, "exit_code": proc.returncode,
            "ipc_files_before": files_before, "ipc_files_after": files_after, "worker_alive_after": worker_alive}


def scenario_restarts(n):
    km, kc = start()
    ports0 = (km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port)
    times, failures = [], []
    try:
        for i in range(n):
            t0 = time.time()
            try:
                km.restart_kernel(now=False)
                kc.wait_for_ready(timeout=30)
                text, _ = result_of(kc, kc.execute(f"{i}+1"), 30)
                if text != str(i + 1):
                    failures.append(f"restart {i}: result {text!r}")
            except Exception as e:  # noqa: BLE001
                failures.append(f"restart {i}: {e!r}")
            times.append(time.time() - t0)
        ports1 = (km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port)
        return {"restarts": n, "failures": failures, "same_ports": ports0 == ports1,
                "max_s": max(times), "median_s": statistics.median(times)}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def scenario_load(n):
    km, kc = start()
    res = {}
    try:
        for _ in range(50):  # warm up
            result_of(kc, kc.execute("1+1"), 30)
        kpid, wpid = kernel_pid(km), worker_pid(km)
        rss0 = (rss_kib(kpid), rss_kib(wpid))
        lat, wrong = [], 0
        t_all = time.time()
        for i in range(n):
            t0 = time.time()
            mid = kc.execute("1+1")
            reply = reply_to(kc, mid, 30)
            lat.append(time.time() - t0)
            if reply is None or reply["content"]["status"] != "ok":
                wrong += 1
            # drain iopub so that it does not pile up in the client
            while True:
                try:
                    kc.get_iopub_msg(timeout=0)
                except queue.Empty:
                    break
        res["executes"] = n
        res["executes_s"] = time.time() - t_all
        res["execute_failed"] = wrong
        res["execute_p50_ms"] = pct(lat, 0.5) * 1000
        res["execute_p99_ms"] = pct(lat, 0.99) * 1000
        rss1 = (rss_kib(kpid), rss_kib(wpid_now := worker_pid(km)))
        res["worker_restarted"] = wpid_now != wpid
        res["rss_kib_before"] = rss0
        res["rss_kib_after"] = rss1

        # Four clients while a long cell runs.
        long_id = kc.execute("time.Sleep(8 * time.Second)")
        stop = time.time() + 6
        results = []

        def loop(kind):
            # Its own session, hence its own ZeroMQ identity: km.client()
            # would share the manager's, and replies to one identity go to
            # every connection that has it.
            c = BlockingKernelClient(connection_file=km.connection_file)
            c.load_connection_file()
            c.start_channels()
            lat, lost, misrouted, count = [], 0, 0, 0
            want = {"complete": "complete_reply", "inspect": "inspect_reply",
                    "kernel_info": "kernel_info_reply", "history": "history_reply"}[kind]
            while time.time() < stop:
                t0 = time.time()
                if kind == "complete":
                    mid = c.complete("fmt.Print", 9)
                elif kind == "inspect":
                    mid = c.inspect("strings.ToUpper", 10)
                elif kind == "kernel_info":
                    mid = c.kernel_info()
                else:
                    mid = c.history(hist_access_type="tail", n=10)
                try:
                    m = c.get_shell_msg(timeout=5)
                except queue.Empty:
                    lost += 1
                    continue
                count += 1
                if m["parent_header"].get("msg_id") != mid or m["msg_type"] != want:
                    misrouted += 1
                lat.append(time.time() - t0)
            c.stop_channels()
            results.append({"kind": kind, "requests": count, "lost": lost, "misrouted": misrouted,
                            "p50_ms": pct(lat, 0.5) * 1000 if lat else None,
                            "p99_ms": pct(lat, 0.99) * 1000 if lat else None})

        threads = [threading.Thread(target=loop, args=(k,)) for k in ("complete", "inspect", "kernel_info", "history")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        res["concurrent"] = results
        long_reply = reply_to(kc, long_id, 15)
        res["long_cell_status"] = long_reply and long_reply["content"]["status"]
        res["rss_kib_end"] = (rss_kib(kpid), rss_kib(worker_pid(km)))
        return res
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def scenario_reconnect(_):
    """A client disconnects while a cell streams output; a new client
    connected to the same kernel receives the rest of the output."""
    km, kc = start()
    try:
        code = ('for i := range 40 {\n\tfmt.Println("line", i)\n\t'
                'time.Sleep(50 * time.Millisecond)\n}')
        msg_id = kc.execute(code)
        time.sleep(0.5)
        kc.stop_channels()  # the first client goes away mid-stream
        time.sleep(0.3)
        kc2 = km.client()
        kc2.session.session = kc2.session.session + "-2"  # its own identity
        kc2.start_channels()
        texts, reply = [], None
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                m = kc2.get_iopub_msg(timeout=0.5)
            except queue.Empty:
                continue
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "stream":
                texts.append(m["content"]["text"])
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        text, nxt = result_of(kc2, kc2.execute("1+1"), 15)
        kc2.stop_channels()
        return {
            "last_line_seen": "line 39" in " ".join("".join(texts).splitlines()),
            "lines_after_reconnect": len("".join(texts).splitlines()),
            "next_result": text,
        }
    finally:
        km.shutdown_kernel(now=True)


def owned_dir(km):
    """The scratch directory the kernel holds the owner lock of."""
    fds = f"/proc/{kernel_pid(km)}/fd"
    for _ in range(500):
        for fd in os.listdir(fds):
            try:
                target = os.readlink(os.path.join(fds, fd))
            except OSError:
                continue
            if target.endswith("/.gokernel-owner"):
                return os.path.basename(os.path.dirname(target))
        time.sleep(0.01)
    return None


def scenario_leftovers(_):
    """Six kernels with a private TMPDIR: one restarted and then shut down,
    one shut down, one ended by SIGTERM, two killed with SIGKILL, one kept
    alive; then a new kernel starts. Lists the kernels' TMPDIR after each
    step (the client's own temporary files go elsewhere)."""
    tmp = os.path.join(os.environ["TMPDIR"], "kernels")
    os.mkdir(tmp)
    env = dict(os.environ, TMPDIR=tmp)
    kernels = [start(env) for _ in range(6)]
    dirs = [owned_dir(km) for km, _ in kernels]
    started = sorted(os.listdir(tmp))
    restarted, shut, termed, killed, alive = kernels[0], kernels[1], kernels[2], kernels[3:5], kernels[5]
    restarted[0].restart_kernel(now=False)
    restarted[1].wait_for_ready(timeout=60)
    after_restart = owned_dir(restarted[0])
    restarted[1].stop_channels()
    restarted[0].shutdown_kernel(now=False)
    shut[1].stop_channels()
    shut[0].shutdown_kernel(now=False)
    termed[1].stop_channels()
    os.kill(kernel_pid(termed[0]), signal.SIGTERM)
    termed[0].provisioner.process.wait()
    termed[0].cleanup_resources()
    after_exits = sorted(os.listdir(tmp))
    for km, kc in killed:
        kc.stop_channels()
        os.kill(kernel_pid(km), signal.SIGKILL)
        km.provisioner.process.wait()
        km.cleanup_resources()
    after_kills = sorted(os.listdir(tmp))
    new = start(env)
    new_dir = owned_dir(new[0])
    after_new = sorted(os.listdir(tmp))
    text, _ = result_of(alive[1], alive[1].execute("40+2"), 30)
    for km, kc in (alive, new):
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return {"dirs": dirs, "started": started, "after_restart": after_restart, "after_exits": after_exits,
            "after_kills": after_kills, "new": new_dir, "after_new": after_new, "alive_result": text,
            "final": sorted(os.listdir(tmp))}

if __name__ == "__main__":
    name = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    out = globals()["scenario_" + name](n)
    print(json.dumps(out))
