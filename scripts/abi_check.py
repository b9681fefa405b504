#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The abi_check module (linux/abi_check/) in Debian's own kernel, on the
late-launch pieces of scripts/late.py (fetch, initramfs, QEMU at EL2 with
kvm-arm.mode=none: Linux's own stub in VBAR_EL2):

  info = late.fetch(linux)                 # raises late.Skip without the mirror
  code, text, log = run(info, smp=2)       # the checks (ABICHECK lines)
  code, text, log = run(info, bench=True)  # make bench's counts (LINUXBENCH lines)

Used by scripts/conformance.py and scripts/bench.py.
"""
import os
import shutil
import subprocess

import late

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APPEND = "kvm-arm.mode=none"


def build(info):
    """linux/abi_check/ built against info["HEADERS"] from a copy in
    build/late/abi_check-<LINUX>/ (the source tree stays clean): the .ko."""
    src = os.path.join(ROOT, "linux", "abi_check")
    out = os.path.join(ROOT, "build", "late", "abi_check-" + info["LINUX"])
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(src):
        if os.path.isfile(os.path.join(src, name)):
            shutil.copy2(os.path.join(src, name), os.path.join(out, name))
    proc = subprocess.run(["make", "-C", out, "KDIR=" + info["HEADERS"],
                           "ABI_DIR=" + os.path.join(ROOT, "tests", "abi"),
                           "CROSS_COMPILE=" + late.CROSS],
                          capture_output=True, text=True, check=False)
    ko = os.path.join(out, "abi_check.ko")
    if proc.returncode != 0 or not os.path.isfile(ko):
        raise RuntimeError("linux/abi_check did not build:\n%s%s" % (proc.stdout[-2000:],
                                                                      proc.stderr[-2000:]))
    return ko


def run(info, cpu="cortex-a57", smp=1, bench=False, log_name=None, timeout=600):
    """Boot Debian's kernel, insmod abi_check (bench=1 with `bench`, under
    -icount shift=0,sleep=off on one CPU), rmmod it. (exit code, console text,
    log path); the code is 0 when the boot ran to its end."""
    ko = build(info)
    out_dir = os.path.join(ROOT, "build", "late")
    name = log_name or "abi_check-%s-%s-%d" % ("bench" if bench else "checks", cpu, smp)
    initrd = late.initramfs(os.path.join(out_dir, name + ".cpio"),
                            "insmod /abi_check.ko%s && echo '@@ abi_check: ok' || "
                            "echo '@@ abi_check: FAIL insmod'\nrmmod abi_check\n" % (
                                " bench=1" if bench else ""),
                            info["USERLAND"], extra=[("abi_check.ko", ko, 0o644)])
    cmd = late.qemu_command(info["IMAGE"], initrd, cpu=cpu, smp=1 if bench else smp,
                            append=APPEND)
    if bench:
        # make bench's clock: one instruction a tick, the CPUs in turn on one thread.
        cmd += ["-icount", "shift=0,sleep=off"]
    log = os.path.join(out_dir, name + ".log")
    code, text = late.boot(cmd, log, timeout=timeout)
    if "@@ end" not in text and code == 0:
        code = 1
    return code, text, log
