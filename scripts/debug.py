#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`make debug`: QEMU halted at its first instruction, waiting for gdb.

Prints the one gdb-multiarch command that attaches with the symbols of
the shim (where QEMU's Linux loader puts it, its link address), the stub
(at its run address: the copy in the resident region at the top of RAM)
and the payload (an ELF, at its own addresses), then runs QEMU in the
foreground with its console here. --check runs docs/TESTING.md's walk-through
in gdb's batch mode instead and says whether it worked.
"""
import argparse
import os
import re
import shlex
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hsqemu  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAM_BASE = 0x40000000  # QEMU virt
MEMORY_MIB = 512  # hsqemu's default -m
CROSS = {"arm64": "aarch64-linux-gnu-", "arm": "arm-none-eabi-"}


def bootinfo_constant(name):
    """A constant of the resident region's layout, as the shim has it."""
    with open(os.path.join(ROOT, "include", "hypstub", "bootinfo.h")) as f:
        m = re.search(r"#define\s+%s\s+(?:HS_UL\()?(0x[0-9a-fA-F]+)" % name, f.read())
    return int(m.group(1), 16)


def symbol(arch, elf, name):
    out = subprocess.run([CROSS[arch] + "nm", elf], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    raise SystemExit("debug: %s has no symbol %s" % (elf, name))


def stub_run_address():
    """Where the shim copies the stub: the top HS_RESIDENT_SIZE of RAM."""
    ram_end = RAM_BASE + (MEMORY_MIB << 20)
    return ram_end - bootinfo_constant("HS_RESIDENT_SIZE") + bootinfo_constant(
        "HS_RESIDENT_STUB_OFFSET")


def is_elf(path):
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def check_stub_layout(arch, shim_elf, stub_elf):
    """hs-stub.elf must lay the stub out as the shim does, or its symbols would lie."""
    for name in ("hs_stub_vectors", "hs_stub_sync", "hs_stub_end"):
        in_shim = symbol(arch, shim_elf, name) - symbol(arch, shim_elf, "hs_stub_start")
        if symbol(arch, stub_elf, name) != in_shim:
            raise SystemExit("debug: %s and %s disagree on %s: rebuild" % (stub_elf, shim_elf,
                                                                          name))


def gdb_command(arch, shim_elf, stub_elf, payload, port):
    """The gdb-multiarch command line: symbols first, then attach."""
    check_stub_layout(arch, shim_elf, stub_elf)
    cmd = ["gdb-multiarch", "-q", "-ex", "set pagination off",
           "-ex", "file %s" % shim_elf,
           "-ex", "add-symbol-file %s -o 0x%x" % (stub_elf, stub_run_address())]
    if is_elf(payload):
        cmd += ["-ex", "add-symbol-file %s" % payload]
    cmd += ["-ex", "target remote 127.0.0.1:%d" % port]
    return cmd


def qemu_debug_command(args, port):
    cmd = hsqemu.qemu_command(args.arch, args.cpu, args.smp, args.gic, args.el, args.shim,
                              args.payload, memory="%dM" % MEMORY_MIB)
    return cmd + ["-S", "-gdb", "tcp:127.0.0.1:%d" % port]


# docs/TESTING.md's walk-through, as gdb commands: stop at the payload's `hvc`,
# step it into the stub's vector at EL2/HYP, go on to the dispatcher.
WALKTHROUGH = {
    "arm64": ["break arch_hvc0", "continue", "x/i $pc", "stepi", "info symbol $pc",
              "print/x $pc", "print/x $cpsr & 0xc", "break hs_stub_sync", "continue",
              "backtrace", "print/x f->x[0]", "finish"],
    "arm": ["break arch_hvc0", "continue", "x/i $pc", "stepi", "info symbol $pc",
            "print/x $pc", "print/x $cpsr & 0x1f", "break hs_stub_sync", "continue",
            "backtrace", "finish"],
}
# Where the hvc lands: the stub's vector for a call from the level below
# (synchronous, lower EL, AArch64: +0x400; the HYP trap vector: +0x14).
HVC_VECTOR = {"arm64": 0x400, "arm": 0x14}
# What the batch run must show: the hvc; the resident stub's vector, by its
# address and in hs-stub.elf's symbols; EL2 (CurrentEL 0x8) or HYP mode
# (0x1a); the dispatcher's breakpoint.
EXPECT = {
    "arm64": [r"hvc\s+#0x0", r"in section \.stub of \S*hs-stub\.elf", r"= 0x%x\b",
              r"\$\d+ = 0x8\b", r"Breakpoint [\d.]+, hs_stub_sync"],
    "arm": [r"hvc\s+#0", r"in section \.stub of \S*hs-stub\.elf", r"= 0x%x\b",
            r"\$\d+ = 0x1a\b", r"Breakpoint [\d.]+, hs_stub_sync"],
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(args):
    """Run the walk-through in batch mode against a fresh halted QEMU."""
    port = free_port()
    qemu = subprocess.Popen(qemu_debug_command(args, port), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        time.sleep(0.5)
        gdb = gdb_command(args.arch, args.shim_elf, args.stub_elf, args.payload, port)
        gdb[1:1] = ["-batch", "-nx"]
        for line in WALKTHROUGH[args.arch]:
            gdb += ["-ex", line]
        proc = subprocess.run(gdb, capture_output=True, text=True, timeout=60, check=False)
    finally:
        qemu.kill()
        qemu.wait()
    out = proc.stdout + proc.stderr
    vector = stub_run_address() + HVC_VECTOR[args.arch]
    expect = [e % vector if "%x" in e else e for e in EXPECT[args.arch]]
    missing = [e for e in expect if not re.search(e, out)]
    if missing:
        print(out)
    for e in missing:
        print("debug check (%s): gdb never showed /%s/" % (args.arch, e))
    print("debug check (%s): %s" % (args.arch, "FAILED" if missing else "ok"))
    return 1 if missing else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--arch", default="arm64")
    ap.add_argument("--cpu", default="cortex-a57")
    ap.add_argument("--smp", default="1")
    ap.add_argument("--gic", default="3")
    ap.add_argument("--el", default="2")
    ap.add_argument("--shim", required=True, help="the image QEMU boots (hypstub.bin)")
    ap.add_argument("--shim-elf", required=True, help="its symbols (hypstub.elf)")
    ap.add_argument("--stub-elf", required=True, help="the stub's symbols from 0 (hs-stub.elf)")
    ap.add_argument("--payload", required=True)
    ap.add_argument("--port", type=int, default=1234)
    ap.add_argument("--check", action="store_true", help="run the walk-through in gdb -batch")
    args = ap.parse_args()
    if args.check:
        return check(args)
    gdb = gdb_command(args.arch, args.shim_elf, args.stub_elf, args.payload, args.port)
    print("[debug] QEMU is halted at its first instruction. In another terminal:\n")
    print("  " + " ".join(shlex.quote(a) for a in gdb) + "\n", flush=True)
    if not is_elf(args.payload):
        print("[debug] (the payload is a raw binary: no symbols for it)\n", flush=True)
    cmd = qemu_debug_command(args, args.port)
    print("[debug] " + " ".join(cmd), flush=True)
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
