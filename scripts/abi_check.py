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
import re
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


# make bench's run: Linux's stub (bench=1), then the sample hypervisor's
# module installed and removed, its EL2 instructions read around each
# insmod/rmmod (count=1 reads the counter at EL1: two reads with nothing
# between must agree, with and without the hypervisor).
BENCH_SCRIPT = """insmod /abi_check.ko bench=1 && echo '@@ abi_check: ok' || echo '@@ abi_check: FAIL insmod'
rmmod abi_check
count() { insmod /abi_check.ko count=1; rmmod abi_check; }
count; count
if [ -e /hypstub_hyp.ko ]; then
  for p in 0 0 0 1; do
    echo "LINUXBENCHHYP install protect=$p"
    insmod /hypstub_hyp.ko protect=$p || echo '@@ hyp: FAIL insmod'
    count; count
    echo "LINUXBENCHHYP remove"
    rmmod hypstub_hyp || echo '@@ hyp: FAIL rmmod'
    count
  done
fi
"""


def run(info, cpu="cortex-a57", smp=1, bench=False, hyp_ko=None, log_name=None, timeout=600):
    """Boot Debian's kernel, insmod abi_check, rmmod it; with `bench`, make
    bench's run (BENCH_SCRIPT, with `hyp_ko` the sample hypervisor's
    module) under -icount shift=0,sleep=off on one CPU. (exit code, console
    text, log path); the code is 0 when the boot ran to its end."""
    ko = build(info)
    out_dir = os.path.join(ROOT, "build", "late")
    name = log_name or "abi_check-%s-%s-%s-%d" % ("bench" if bench else "checks", info["LINUX"],
                                                  cpu, smp)
    extra = [("abi_check.ko", ko, 0o644)]
    if bench and hyp_ko:
        extra.append(("hypstub_hyp.ko", hyp_ko, 0o644))
    steps = BENCH_SCRIPT if bench else (
        "insmod /abi_check.ko && echo '@@ abi_check: ok' || echo '@@ abi_check: FAIL insmod'\n"
        "rmmod abi_check\n")
    initrd = late.initramfs(os.path.join(out_dir, name + ".cpio"), steps, info["USERLAND"],
                            extra=extra)
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


def hyp_figures(text):
    """The sample hypervisor's install and removal at EL2 from make bench's
    run: ({figure: value}, [problems]). Each install is the counter's
    advance over its insmod (the first read after it), each removal over
    its rmmod; protect=0 three times (they must agree), protect=1 once."""
    figs, problems = {}, []
    seq = []
    for what, value in re.findall(
            r"LINUXBENCHHYP (install protect=\d|remove)|LINUXBENCHCOUNT (\d+)", text):
        seq.append(("count", int(value)) if value else (what, None))
    if len(seq) < 2 or seq[0][0] != "count" or seq[1][0] != "count":
        return figs, ["no counter reads"]
    if seq[1][1] != seq[0][1]:
        problems.append("two reads with nothing between differ by %d" % (seq[1][1] - seq[0][1]))
    last, protect = seq[1][1], "0"
    installs = {"0": [], "1": []}
    removes = {"0": [], "1": []}
    pos = 2
    while pos < len(seq):
        what = seq[pos][0]
        reads = []
        pos += 1
        while pos < len(seq) and seq[pos][0] == "count":
            reads.append(seq[pos][1])
            pos += 1
        if what.startswith("install") and len(reads) == 2:
            protect = what[-1]
            installs[protect].append(reads[0] - last)
            if reads[1] != reads[0]:
                problems.append("under the hypervisor, two reads differ by %d"
                                % (reads[1] - reads[0]))
            last = reads[1]
        elif what == "remove" and len(reads) == 1:
            removes[protect].append(reads[0] - last)
            last = reads[0]
        else:
            problems.append("the install/remove sequence broke off at %s" % what)
            break
    for key, name in (("0", ""), ("1", "_protect")):
        for label, values in (("install", installs[key]), ("remove", removes[key])):
            if values:
                figs["hyp.%s%s.el2" % (label, name)] = sorted(values)[len(values) // 2]
                if len(set(values)) != 1:
                    problems.append("%s%s differ: %s" % (label, name, values))
    return figs, problems
