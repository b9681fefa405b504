#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The 1% Linux budget of `make bench`: instructions a Debian Linux kernel
needs to reach its "Hyp mode initialized" line booted by QEMU directly,
against what hypstub's shim and kexec loader add in front of it.

Every count is QEMU's own instruction count: the machine runs under
-icount shift=0 in record/replay's record mode, where QMP `query-replay`
answers the number of instructions executed since reset. Two kinds of
stop:

- exact: a gdb-stub breakpoint on the kexec loader's `hvc` (the kexec
  payload runs with the MMU off, so its link address is the breakpoint's
  address); the count read there is every instruction before the `hvc`:
  the shim, the kexec payload and the loader.
- at a console line: QEMU is stopped (QMP `stop`) as soon as the line
  arrives; the instructions run between the line and the stop are a lag,
  whose size the repetitions show (their spread is reported).

Used by scripts/bench.py; `python3 scripts/bench_linux.py --arch arm64`
runs it alone.
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hsqemu  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 120

# arch -> (Linux kernel's file, its line that ends the count, hvc of the loader)
LINES = {
    "arm64": {"kernel": "Image", "line": b"Hyp mode initialized successfully",
              "vhe_line": b"VHE mode initialized successfully",
              "objdump": "aarch64-linux-gnu-objdump", "hvc": r"\thvc\s+#0x0"},
    "arm": {"kernel": "zImage", "line": b"CPU: All CPU(s) started in HYP mode.",
            "objdump": "arm-none-eabi-objdump", "hvc": r"\thvc\s+(#0|0)\b"},
}


def connect(path):
    """A unix socket to QEMU: its file can appear a moment before QEMU
    listens on it, so a refused connection is tried again for a while."""
    deadline = time.monotonic() + 10
    while True:
        sock = socket.socket(socket.AF_UNIX)
        sock.settimeout(TIMEOUT)
        try:
            sock.connect(path)
            return sock
        except ConnectionRefusedError:
            sock.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class Qmp:
    """QEMU's machine protocol on a unix socket: one command at a time."""

    def __init__(self, path):
        self.sock = connect(path)
        self.f = self.sock.makefile("rwb")
        json.loads(self.f.readline())  # the greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.f.write((json.dumps(msg) + "\n").encode())
        self.f.flush()
        while True:
            r = json.loads(self.f.readline())
            if "error" in r:
                raise RuntimeError("QMP %s: %s" % (name, r["error"]))
            if "return" in r:
                return r["return"]


class Gdb:
    """The gdb remote protocol, only what a breakpoint needs."""

    def __init__(self, path):
        self.sock = connect(path)  # its timeout: a breakpoint never reached ends the run
        self.buf = b""

    def send(self, body):
        pkt = b"$%s#%02x" % (body, sum(body) & 0xff)
        self.sock.sendall(pkt)

    def reply(self):
        while True:
            m = re.search(rb"\$([^#]*)#[0-9a-fA-F]{2}", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                self.sock.sendall(b"+")
                return m.group(1)
            data = self.sock.recv(4096)
            if not data:
                raise RuntimeError("gdb stub closed")
            self.buf += data

    def request(self, body):
        self.send(body)
        return self.reply()


def wait_for(path, proc):
    while not os.path.exists(path):
        if proc.poll() is not None:
            raise RuntimeError("QEMU ended before its sockets appeared")
        time.sleep(0.01)


def run(cmd, line, tmp, break_at=None):
    """Run `cmd` under record/replay until `line` is on the console.
    Returns (instructions before `break_at`, or None; instructions when
    QEMU was stopped after the line; console bytes after the line)."""
    qmp_path, gdb_path = os.path.join(tmp, "qmp"), os.path.join(tmp, "gdb")
    for p in (qmp_path, gdb_path):
        if os.path.exists(p):
            os.unlink(p)
    cmd = cmd + ["-icount", "shift=0,sleep=off,rr=record,rrfile=%s" % os.path.join(tmp, "rr"),
                 "-qmp", "unix:%s,server=on,wait=off" % qmp_path]
    if break_at is not None:
        cmd += ["-chardev", "socket,id=hsgdb,path=%s,server=on,wait=off" % gdb_path,
                "-gdb", "chardev:hsgdb", "-S"]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        wait_for(qmp_path, proc)
        qmp = Qmp(qmp_path)
        at_break = None
        if break_at is not None:
            wait_for(gdb_path, proc)
            gdb = Gdb(gdb_path)
            if gdb.request(b"Z0,%x,4" % break_at) != b"OK":
                raise RuntimeError("the gdb stub refused a breakpoint at %#x" % break_at)
            gdb.send(b"c")
            stop = gdb.reply()
            if not stop.startswith(b"T05") and not stop.startswith(b"S05"):
                raise RuntimeError("stopped by %r, not the breakpoint" % stop)
            at_break = qmp.cmd("query-replay")["icount"]
            gdb.request(b"z0,%x,4" % break_at)
            gdb.send(b"c")
        out = b""
        deadline = time.monotonic() + TIMEOUT
        while line not in out:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("no %r on the console (%s)" % (
                    line.decode(), out[-300:].decode(errors="replace")))
            out += os.read(proc.stdout.fileno(), 4096)
        qmp.cmd("stop")
        at_line = qmp.cmd("query-replay")["icount"]
        after = len(out) - out.index(line) - len(line)
    finally:
        proc.kill()
        proc.wait()
    return at_break, at_line, after


def hvc_address(arch, elf):
    """The kexec loader's `hvc` in the kexec payload (arch_kexec_restart)."""
    cfg = LINES[arch]
    out = subprocess.run([cfg["objdump"], "-d", elf], check=True, capture_output=True,
                         text=True).stdout
    fn = out[out.index("<arch_kexec_restart>:"):]
    fn = fn[:fn.index("\n\n")] if "\n\n" in fn else fn
    for ln in fn.splitlines():
        if re.search(cfg["hvc"], ln):
            return int(ln.split(":")[0], 16)
    raise RuntimeError("no hvc in arch_kexec_restart of %s" % elf)


def measure(arch, cpu, kernel, reps=3, gic=3):
    """The figures for one CPU model, or raise RuntimeError."""
    line = LINES[arch]["vhe_line"] if arch == "arm64" and cpu == "max" else LINES[arch]["line"]
    shim = os.path.join(ROOT, "build", arch, "hypstub.bin")
    payload = os.path.join(ROOT, "build", arch, "kexec.elf")
    brk = hvc_address(arch, payload)
    direct_cmd = hsqemu.machine_command(arch, cpu, 1, gic, 2) + [
        "-kernel", kernel, "-append", hsqemu.KEXEC_CMDLINE]
    kexec_cmd = hsqemu.kexec_command(arch, cpu, 1, gic, 2, shim, payload, kernel)
    direct, total, hvc, lag = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="hs-bench-linux-") as tmp:
        for _ in range(reps):
            _, n, after = run(direct_cmd, line, tmp)
            direct.append(n)
            lag.append(after)
            h, n, after = run(kexec_cmd, line, tmp, break_at=brk)
            hvc.append(h)
            total.append(n)
            lag.append(after)
    return {"line": line.decode(), "direct": direct, "total": total, "hvc": hvc,
            "after_bytes": lag, "hvc_address": brk}


def fetch(arch):
    """Debian's kernel for `arch`: (path, None), or (None, why there is none)."""
    return hsqemu.fetch_linux(arch)


def figures(arch, cpu, kernel, gic, reps=3):
    """The figures of one CPU model for scripts/bench.py: a run record."""
    run_rec = {"arch": arch, "cpu": cpu, "smp": "linux", "figures": {}, "failed": [],
               "info": {}, "checks": 0}
    try:
        r = measure(arch, cpu, kernel, reps, gic)
    except (RuntimeError, OSError, ValueError) as e:
        run_rec["failed"].append("Linux boot figures: %s" % e)
        return run_rec
    f = run_rec["figures"]
    med = lambda v: sorted(v)[len(v) // 2]  # noqa: E731
    f["linux.direct"] = med(r["direct"])
    f["linux.direct.spread"] = max(r["direct"]) - min(r["direct"])
    f["linux.via_hypstub"] = med(r["total"])
    f["linux.via_hypstub.spread"] = max(r["total"]) - min(r["total"])
    f["linux.hypstub_to_hvc"] = med(r["hvc"])
    if len(set(r["hvc"])) != 1:
        run_rec["failed"].append("the count at the loader's hvc moved: %s" % r["hvc"])
    f["linux.hypstub_pct"] = round(100.0 * f["linux.hypstub_to_hvc"] / f["linux.direct"], 2)
    f["linux.added_pct"] = round(100.0 * (f["linux.via_hypstub"] - f["linux.direct"]) /
                                 f["linux.direct"], 2)
    f["linux.after_hvc"] = f["linux.via_hypstub"] - f["linux.hypstub_to_hvc"]
    run_rec["info"]["line"] = r["line"]
    run_rec["checks"] = reps
    return run_rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default="arm64", choices=sorted(LINES))
    ap.add_argument("--cpu", default=None)
    ap.add_argument("--kernel", default=None)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    cpu = args.cpu or ("cortex-a57" if args.arch == "arm64" else "cortex-a15")
    kernel = args.kernel or os.path.join(ROOT, "build", "linux", args.arch,
                                         LINES[args.arch]["kernel"])
    r = measure(args.arch, cpu, kernel, args.reps, 3 if args.arch == "arm64" else 2)
    print(json.dumps(r, indent=1))


if __name__ == "__main__":
    main()
