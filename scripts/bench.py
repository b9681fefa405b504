#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run hypstub's benchmarks: one table on stdout, the figures in build/bench.json.

Every figure is a count of guest instructions (QEMU -icount shift=0,
read through the PMU's INST_RETIRED event) or a size in bytes; never
wall-clock time. The benchmark payload (bench/) checks its own counters
first and prints "BENCH <name> <value>" lines; sizes come from the link
map and the stub's disassembly. Exit code 0 when every check passed
(budgets that are not met are reported, not failed).

An architecture is one ARCHES entry (paths, CPUs, how to read its stack
frames); `make bench BENCH_ARCHS="arm64 arm"` runs several.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_linux  # noqa: E402
import abi_check  # noqa: E402
import hsqemu  # noqa: E402
import late  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def arm64_frame(insn):
    """Bytes an AArch64 prologue instruction pushes, or 0."""
    m = re.search(r"\[sp, #-(\d+)\]!", insn)
    if m and re.match(r"\s*(stp|str)\b", insn):
        return int(m.group(1))
    m = re.match(r"\s*sub\s+sp, sp, #(0x[0-9a-f]+|\d+)", insn)
    return int(m.group(1), 0) if m else 0


def arm_frame(insn):
    """Bytes an AArch32 (ARM state) prologue instruction pushes, or 0."""
    insn = insn.split("@")[0]  # objdump's comment repeats the instruction
    m = re.match(r"\s*(push|stmdb\s+sp!,)\s*\{([^}]*)\}", insn)
    if m:
        return 4 * len(m.group(2).split(","))
    m = re.match(r"\s*str\s+\w+, \[sp, #-(\d+)\]!", insn)
    if m:
        return int(m.group(1))
    m = re.match(r"\s*sub\s+sp, sp, #(\d+)", insn)
    return int(m.group(1)) if m else 0


ARCHES = {
    "arm64": {
        "cpus": ["cortex-a57", "max"],
        "gic": 3,
        "shim": "build/arm64/hypstub.bin",
        "elf": "build/arm64/hypstub.elf",
        "payload": "build/arm64/bench.elf",
        "map": "build/arm64/hypstub.map",
        "objdump": "aarch64-linux-gnu-objdump",
        "frame": arm64_frame,
        "call": re.compile(r"\tbl\s+[0-9a-f]+ <(\w+)>"),
        # Where the stub's crash path frame size is defined, and its name.
        "crash_frame": ("arch/arm64/include/arch/crash_entry.S.inc", "HS_CRASH_FRAME_SIZE"),
        "crash_entry": "hs_report_crash",
        # Each CPU's own EL2 stack (include/hypstub/bootinfo.h) and what a
        # crash saves on it before it takes the slow-path stack.
        "el2_stack": "HS_EL2_STACK_SIZE_ARM64",
        "crash_save": ("arch/arm64/stub_vectors.S", "HS_CRASH_SAVE"),
        "qemu": "qemu-system-aarch64",
        "el2": "EL2",
        "counting": "PMEVTYPER<n>_EL0 filters (P, U, NSH), PMCCFILTR_EL0",
    },
    # ARMv7-A HYP mode: the ARMv7 PMU through PMSELR/PMXEVTYPER/PMXEVCNTR
    # (PMUv2 mode filters with the Virtualization Extensions), the cycle
    # filter at PMSELR.SEL = 31, CNTPCT read with mrrc.
    "arm": {
        "cpus": ["cortex-a15", "cortex-a7"],
        "gic": 2,
        "shim": "build/arm/hypstub.bin",
        "elf": "build/arm/hypstub.elf",
        "payload": "build/arm/bench.elf",
        "map": "build/arm/hypstub.map",
        "objdump": "arm-none-eabi-objdump",
        "frame": arm_frame,
        "call": re.compile(r"\tblx?\s+[0-9a-f]+ <(\w+)>"),
        "crash_frame": ("arch/arm/include/arch/exc_frame.h", "HS_EXC_FRAME_SIZE"),
        "crash_entry": "hs_report_crash",
        "el2_stack": "HS_EL2_STACK_SIZE_ARM",
        "crash_save": ("arch/arm/include/arch/crash_entry.S.inc", "HS_CRASH_SAVE"),
        "qemu": "qemu-system-arm",
        "el2": "HYP",
        "counting": "PMSELR + PMXEVTYPER filters (P, U, NSH), PMXEVCNTR; "
                    "cycles filtered at PMSELR.SEL=31",
    },
}

REPS = 101
# CPUs per run: 1 for the stub's figures; the CPU figures come from the
# two-CPU run, and every run gives the shim's boot figure.
SMP = [1, 2, 8]
# bench/<arch>/bench_arch.h: the CPU_ON call on the boot CPU, the started
# CPU's CPU_OFF (both 3 on both architectures).
PSCI_CALL = 3
CPU_OFF = 3
ICOUNT = "shift=0,sleep=off"
TIMEOUT = 180

# name -> (row label, unit, budget as (op, limit) or None)
CALLS = [
    ("set", "SET_VECTORS"),
    ("reset", "RESET_VECTORS"),
    ("err", "unknown call (STUB_ERR)"),
    ("bad", "misaligned SET_VECTORS"),
]
# The sample hypervisor (bench/hyp.c): EL2/HYP instructions of each call under it.
HYP_CALLS = [
    ("err", "under the hypervisor: unknown call"),
    ("set", "under the hypervisor: SET_VECTORS (refused)"),
    ("status", "under the hypervisor: its STATUS call"),
    ("protect", "under the hypervisor: PROTECT, a page already so"),
    ("reset", "under the hypervisor: RESET_VECTORS (teardown + stub's)"),
]
CALL_BUDGET = 48
RESTART_BUDGET = 100
RESIDENT_BUDGET = 4096
PER_CPU_BUDGET = 64
# The kexec loader (bench/kexec.c, a run of its own on each architecture's
# first CPU model): copy plus cache maintenance per byte of image, and the
# Linux boot budget (scripts/bench_linux.py): what the shim and the kexec
# loader add to Debian's Linux reaching its "Hyp mode initialized" line.
KEXEC_BUDGET = 0.25
KEXEC_SIZES = (1, 4, 16)
LINUX_BUDGET_PCT = 1.0
LINUX_CPUS = {"arm64": ["cortex-a57", "max"], "arm": ["cortex-a15"]}


def header_value(path, name):
    """The value of a simple #define: a number, or digits, HS_UL(), other such
    #defines of the same file, and * + << ( ) between them."""
    with open(os.path.join(ROOT, path)) as f:
        defines = dict(re.findall(r"^#define\s+(\w+)\s+(.*?)\s*(?:/\*.*)?$", f.read(), re.M))

    def value(n, depth=0):
        if n not in defines or depth > 8:
            sys.exit("bench: no numeric #define %s in %s" % (n, path))
        expr = re.sub(r"\bHS_UL\(([^()]*)\)", r"(\1)", defines[n])
        expr = re.sub(r"[A-Z_][A-Z0-9_]*", lambda m: "(%d)" % value(m.group(0), depth + 1), expr)
        expr = re.sub(r"\b(0x[0-9a-f]+|\d+)[ul]+\b", r"\1", expr)
        if not re.fullmatch(r"[0-9a-fx()*+<< ]+", expr):
            sys.exit("bench: #define %s in %s is not a simple number" % (n, path))
        return int(eval(expr))  # digits, * + << and parentheses only, checked above

    return value(name)


def stub_sizes(map_path, part="hs_stub"):
    """Code, read-only data, data and padding of the stub (or, part="hs_cpu",
    the CPU entry) from <part>_start to <part>_end, from the map."""
    text = open(os.path.join(ROOT, map_path)).read()
    start = int(re.search(r"(0x[0-9a-f]+)\s+%s_start = \." % part, text).group(1), 16)
    end = int(re.search(r"(0x[0-9a-f]+)\s+%s_end = \." % part, text).group(1), 16)
    region = text[text.index("%s_start = ." % part):text.index("%s_end = ." % part)]
    sizes = {"code": 0, "rodata": 0, "data": 0}
    # " .section  0xADDR  0xSIZE  file", the name alone on its line when long.
    for m in re.finditer(r"^ (\.\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)", region, re.M):
        name, size = m.group(1), int(m.group(3), 16)
        name = name[len(".hs_cpu"):] if name.startswith(".hs_cpu.") else name
        if name.startswith(".text"):
            sizes["code"] += size
        elif name.startswith(".rodata"):
            sizes["rodata"] += size
        else:
            sizes["data"] += size
    sizes["total"] = end - start
    sizes["padding"] = sizes["total"] - sizes["code"] - sizes["rodata"] - sizes["data"]
    return sizes


def crash_stack(cfg):
    """Stack the crash report needs below the frame: its deepest C call chain."""
    out = subprocess.run([cfg["objdump"], "-d", os.path.join(ROOT, cfg["elf"])],
                         check=True, capture_output=True, text=True).stdout
    frames, calls, fn = {}, {}, None
    for line in out.splitlines():
        m = re.match(r"[0-9a-f]+ <(\w+)>:", line)
        if m:
            fn = m.group(1)
            frames[fn], calls[fn] = 0, set()
            continue
        if fn is None:
            continue
        fields = line.split("\t")  # address, encoding, mnemonic, operands
        frames[fn] += cfg["frame"](" ".join(fields[2:]))
        m = cfg["call"].search(line)
        if m:
            calls[fn].add(m.group(1))

    def depth(f, path):
        # A function calling itself does so once (hs_putc: '\n' then '\r').
        best = 0
        for g in calls.get(f, ()):
            if g == f:
                best = max(best, frames[f])
            elif g not in path:
                best = max(best, depth(g, path | {g}))
        return frames.get(f, 0) + best

    return depth(cfg["crash_entry"], {cfg["crash_entry"]})


def run_guest(arch, cpu, smp, kernel=None):
    """One bench run; smp == "kexec": the kexec loader's run (bench=kexec),
    with `kernel` staged in RAM as the kexec tests stage it."""
    cfg = ARCHES[arch]
    extra = []
    if smp == "kexec":
        extra = ["-append", "bench=kexec"]
        if kernel:
            extra = ["-device", "loader,file=%s,addr=%#x,force-raw=on" % (
                kernel, hsqemu.KEXEC_STAGE), "-append", "bench=kexec kexec=%#x,%d" % (
                hsqemu.KEXEC_STAGE, os.path.getsize(kernel))]
    # -icount shift=0 as hsqemu's icount=True, but sleep=off: with sleep on,
    # real time leaks into the virtual clock while QEMU starts, and the boot
    # figure (read off that clock) moves by a few percent from run to run.
    # With -icount QEMU runs all CPUs on one thread, in turn (never
    # hsqemu's multi-threaded TCG, which -icount excludes).
    cmd = hsqemu.machine_command(arch, cpu, 1 if smp == "kexec" else smp, cfg["gic"], 2) + [
        "-kernel", cfg["shim"], "-initrd", cfg["payload"], "-icount", ICOUNT] + extra
    os.makedirs(os.path.join(ROOT, "build", "bench-logs"), exist_ok=True)
    log_path = os.path.join(ROOT, "build", "bench-logs", "%s-%s-%s%s.log" % (
        arch, cpu, smp, "" if smp == "kexec" else "cpu"))
    with open(log_path, "wb") as log:
        log.write((" ".join(cmd) + "\n").encode())
        code, out = hsqemu.run(cmd, TIMEOUT, out=None, log=log)
    figures, checks, info = {}, [], {}
    for line in out.decode(errors="replace").splitlines():
        parts = line.split()
        if line.startswith("BENCH ") and len(parts) == 3:
            figures[parts[1]] = int(parts[2])
        elif line.startswith("BENCHCHECK "):
            checks.append(line)
        elif line.startswith("BENCHINFO ") and len(parts) >= 3:
            info[parts[1]] = " ".join(parts[2:])
    failed = [c for c in checks if not c.startswith("BENCHCHECK ok")]
    if code != 0 or "BENCHEND failures=0" not in out.decode(errors="replace"):
        failed.append("guest exit code %d (log: %s)" % (code, os.path.relpath(log_path, ROOT)))
    return {"arch": arch, "cpu": cpu, "smp": smp, "figures": figures, "failed": failed,
            "info": info, "checks": len(checks)}


# Linux's own stub, counted by the abi_check module (linux/abi_check/bench.c)
# in Debian's kernel booted at EL2 (nVHE, kvm-arm.mode=none) under the same
# -icount, on this CPU model; beside hypstub's stub in one table.
LINUX_STUB_CPU = "cortex-a57"
LINUX_STUB_CALLS = [
    ("set", "stub.set.el2", "SET_VECTORS (the stub's own vectors)"),
    ("reset", "stub.reset.el2", "RESET_VECTORS (stub in place)"),
    ("err", "stub.err.el2", "unknown call (STUB_ERR)"),
    ("restart", "stub.restart.el2", "SOFT_RESTART, hvc to next code"),
]

# The sample hypervisor under Linux (its module's insmod and rmmod on one
# CPU, all they make EL2 run) beside hypstub's own install and teardown.
LINUX_HYP = [
    ("hyp.install.el2", "hyp.install.el2", "hypervisor install on a CPU (insmod protect=0)"),
    ("hyp.remove.el2", "hyp.reset.el2", "hypervisor teardown on a CPU (rmmod)"),
    ("hyp.install_protect.el2", None, "hypervisor install, kernel text protected"),
    ("hyp.remove_protect.el2", None, "hypervisor teardown after protecting"),
]


def run_linux_stub():
    """Linux's stub's figures: a run record (smp "linux-stub"); raises late.Skip."""
    rec = {"arch": "arm64", "cpu": LINUX_STUB_CPU, "smp": "linux-stub", "figures": {},
           "failed": [], "info": {}, "checks": 0}
    info = late.fetch()
    rec["info"]["kernel"] = info["LINUX"]
    # The sample hypervisor's module (linux/, scripts/late.py): its install
    # and removal are counted in the same boot when it builds.
    try:
        hyp_ko = late.build_module(info)
    except RuntimeError as e:
        hyp_ko = None
        rec["failed"].append("the sample hypervisor's module: %s" % str(e)[-300:])
    try:
        code, text, log = abi_check.run(info, cpu=LINUX_STUB_CPU, bench=True, hyp_ko=hyp_ko,
                                        log_name="abi_check-bench", timeout=TIMEOUT * 3)
    except RuntimeError as e:
        rec["failed"].append(str(e))
        return rec
    m = re.search(r"hypervisor loaded at \S+ \(RAM (\S+)\)", text)
    if m:
        rec["info"]["ram"] = m.group(1)
    if hyp_ko:
        figs, problems = abi_check.hyp_figures(text)
        rec["figures"].update(figs)
        rec["failed"] += ["the sample hypervisor under Linux: %s" % p for p in problems]
    for m in re.finditer(r"LINUXBENCH (\S+) (-?\d+)", text):
        rec["figures"][m.group(1)] = int(m.group(2))
    checks = re.findall(r"LINUXBENCHCHECK (\S+) (\S+)", text)
    rec["checks"] = len(checks)
    rec["failed"] += ["Linux's stub: check %s failed" % w for v, w in checks if v != "ok"]
    if code != 0 or "LINUXBENCHEND failures=0" not in text:
        rec["failed"].append("Linux's stub run: exit code %d (log: %s)" % (
            code, os.path.relpath(log, ROOT)))
    return rec


def kexec_derive(r):
    """The loader's figures from its run: instructions per MiB (the slope
    from the 1 to the 16 MiB image; the 4 MiB image must lie on the line,
    to the instruction) and the fixed cost (the intercept)."""
    f = r["figures"]
    small, mid, big = ("kexec.%dmib.loader" % n for n in KEXEC_SIZES)
    if not all(k in f for k in (small, mid, big, "kexec.floor.copy_clean")):
        r["failed"].append("no kexec figures (log: build/bench-logs/)")
        return
    span = KEXEC_SIZES[2] - KEXEC_SIZES[0]
    per_mib = (f[big] - f[small]) / span
    if (f[mid] - f[small]) * span != (f[big] - f[small]) * (KEXEC_SIZES[1] - KEXEC_SIZES[0]):
        r["failed"].append("the 4 MiB image is off the 1..16 MiB line: %d" % f[mid])
    f["kexec.per_mib"] = round(per_mib, 1)
    f["kexec.per_byte"] = round(per_mib / (1 << 20), 4)
    f["kexec.fixed"] = round(f[small] - per_mib * KEXEC_SIZES[0])
    f["kexec.floor.per_byte"] = round(f["kexec.floor.copy_clean"] / f["kexec.floor.bytes"], 4)


def verdict(value, op, limit):
    ok = value <= limit if op == "<=" else value < limit
    return "met" if ok else "NOT MET"


def side_by_side(by):
    """hypstub's stub and Linux's own, call by call, from this run's two boots."""
    hyp = by.get(("arm64", LINUX_STUB_CPU, 1))
    lin = by.get(("arm64", LINUX_STUB_CPU, "linux-stub"))
    if not hyp or not lin:
        return
    print("hypstub's stub beside Linux's own (Debian's %s), arm64/%s: instructions at EL2 "
          "(INST_RETIRED filtered to EL2, -icount %s), median of %d" % (
              lin["info"].get("kernel", "?"), LINUX_STUB_CPU, ICOUNT, REPS))
    head = "  %-48s %8s %8s" % ("call", "hypstub", "Linux")
    print(head)
    print("  " + "-" * (len(head) - 2))
    for key, hkey, label in LINUX_STUB_CALLS:
        print("  %-48s %8s %8s" % (label, hyp["figures"].get(hkey, "-"),
                                   lin["figures"].get("linux.%s.el2" % key, "-")))
    for key, hkey, label in LINUX_HYP:
        print("  %-48s %8s %8s" % (label, hyp["figures"].get(hkey, "-") if hkey else "-",
                                   lin["figures"].get(key, "-")))
    print("  hypstub: its client's install (status call, SET_VECTORS, INIT) of an image "
          "already loaded once (the\n  first install, which loads it, is not measured); "
          "teardown = RESET_VECTORS through the hypervisor and\n  the stub. Linux: all that "
          "the module's insmod / rmmod make EL2 run on the one CPU (each insmod loads\n  the "
          "image anew, its RAM %s), read at EL1 before and after (two reads with nothing "
          "between agree)." % lin["info"].get("ram", "as QEMU gives it"))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", action="append", default=None, choices=sorted(ARCHES))
    ap.add_argument("--cpu", action="append", help="CPU models (default: each arch's list)")
    ap.add_argument("--json", default=os.path.join(ROOT, "build", "bench.json"))
    args = ap.parse_args()
    arches = args.arch or list(ARCHES)
    jobs = [(a, c, n) for a in arches for c in (args.cpu or ARCHES[a]["cpus"]) for n in SMP]
    for a in arches:
        for key in ("shim", "payload", "map", "elf"):
            if not os.path.isfile(os.path.join(ROOT, ARCHES[a][key])):
                sys.exit("bench: %s missing: run `make bench`" % ARCHES[a][key])
    versions = {}
    for a in arches:
        v = subprocess.run([ARCHES[a]["qemu"], "--version"], capture_output=True,
                           text=True).stdout.splitlines()[0]
        versions.setdefault(v, []).append(ARCHES[a]["qemu"])
    qemu = "; ".join("%s (%s)" % (v, ", ".join(b)) for v, b in versions.items())
    # Debian's kernels (cached in build/linux/): without one, its figures
    # are skipped, loudly.
    kernels, skipped = {}, []
    for a in arches:
        kernels[a], why = bench_linux.fetch(a)
        if why:
            skipped.append("%s: %s: the kexec figures of a real kernel and the Linux boot "
                           "budget are SKIPPED" % (a, why))
            print("bench: " + skipped[-1], file=sys.stderr)
    cpus = {a: args.cpu or ARCHES[a]["cpus"] for a in arches}
    kexec_jobs = [(a, cpus[a][0], "kexec", kernels[a]) for a in arches]
    linux_jobs = [(a, c, kernels[a], ARCHES[a]["gic"]) for a in arches if kernels[a]
                  for c in LINUX_CPUS[a] if c in cpus[a]]
    # At most two QEMUs at once: the machine is shared.
    with ThreadPoolExecutor(max_workers=2) as pool:
        stub_future = None
        if "arm64" in arches and LINUX_STUB_CPU in cpus["arm64"]:
            stub_future = pool.submit(run_linux_stub)
        linux_futures = [pool.submit(bench_linux.figures, *j) for j in linux_jobs]
        all_runs = list(pool.map(lambda j: run_guest(*j), jobs))
        extra_runs = list(pool.map(lambda j: run_guest(*j), kexec_jobs))
        extra_runs += [f.result() for f in linux_futures]
        if stub_future:
            try:
                extra_runs.append(stub_future.result())
            except late.Skip as e:
                skipped.append("arm64: %s: Linux's own stub's figures are SKIPPED" % e)
                print("bench: " + skipped[-1], file=sys.stderr)
    # The single-CPU runs give the table's columns and the stub's figures;
    # the others add the CPU figures, and must agree on everything else.
    runs = [r for r in all_runs if r["smp"] == 1]
    by = {(r["arch"], r["cpu"], r["smp"]): r for r in all_runs + extra_runs}
    for r in extra_runs:
        if r["smp"] == "kexec":
            kexec_derive(r)
    for r in all_runs:
        one = by[(r["arch"], r["cpu"], 1)]
        for k, v in one["figures"].items():
            if k != "boot.shim" and r["figures"].get(k) != v:
                r["failed"].append("%s is %s with %d CPUs, %s with 1" % (
                    k, r["figures"].get(k), r["smp"], v))
        two = by.get((r["arch"], r["cpu"], 2), r)
        for k, v in two["figures"].items():
            if k.startswith("cpu.") and r["smp"] > 1 and r["figures"].get(k) != v:
                r["failed"].append("%s is %s with %d CPUs, %s with 2" % (
                    k, r["figures"].get(k), r["smp"], v))
        if r["smp"] > 1 and "cpu.on.to_payload" not in r["figures"]:
            r["failed"].append("no CPU figures with %d CPUs" % r["smp"])

    rows = []  # (label, unit, {column: value}, floor column, budget text, verdict text)
    records = []

    def add(name, label, unit, per_run, floor=None, budget=None, note="", smp=1):
        values = {}
        for r in runs:
            r = by.get((r["arch"], r["cpu"], smp))
            if r is None:
                continue
            v = per_run(r)
            if v is None:
                continue
            values[(r["arch"], r["cpu"])] = v
            records.append({"name": name, "arch": r["arch"], "cpu": r["cpu"], "value": v,
                            "unit": unit})
        fl = {}
        if floor:
            for r in runs:
                r = by.get((r["arch"], r["cpu"], smp))
                if r is None:
                    continue
                v = floor(r)
                if v is not None:
                    fl[(r["arch"], r["cpu"])] = v
        verdicts = {k: verdict(v, *budget) for k, v in values.items()} if budget else {}
        rows.append((label, unit, values, fl, budget, verdicts, note))

    fig = lambda key: (lambda r: r["figures"].get(key))  # noqa: E731
    for key, label in CALLS:
        add("stub.%s.el2" % key, "%s, at EL2/HYP" % label, "insn",
            fig("stub.%s.el2" % key), floor=fig("floor.%s.el2" % key),
            budget=("<=", CALL_BUDGET))
    for key, label in CALLS:
        add("floor.%s.el2" % key, "%s, floor at EL2/HYP" % label, "insn",
            fig("floor.%s.el2" % key))
    for key, label in CALLS:
        add("stub.%s.ratio_to_floor" % key, "%s, hypstub / floor" % label, "ratio",
            lambda r, k=key: round(r["figures"]["stub.%s.el2" % k] /
                                   r["figures"]["floor.%s.el2" % k], 1)
            if "stub.%s.el2" % k in r["figures"] else None)
    for key, label in CALLS:
        add("stub.%s.round_trip" % key, "%s, round trip (hvc + EL2/HYP)" % label, "insn",
            fig("stub.%s.total" % key))
    for key, label in CALLS:
        add("client.%s" % key, "%s, client call (bl..ret)" % label, "insn",
            fig("client.%s" % key))
    add("stub.soft_restart.el2", "SOFT_RESTART, hvc to next code, EL2/HYP", "insn",
        fig("stub.restart.el2"), floor=fig("floor.restart.el2"), budget=("<", RESTART_BUDGET))
    add("floor.soft_restart.el2", "SOFT_RESTART, floor at EL2/HYP", "insn",
        fig("floor.restart.el2"))
    for key, label in HYP_CALLS:
        add("hyp.%s.el2" % key, "%s, at EL2/HYP" % label, "insn", fig("hyp.%s.el2" % key))
    add("hyp.restart.el2", "SOFT_RESTART from under the hypervisor, hvc to next code",
        "insn", fig("hyp.restart.el2"))
    add("hyp.install.total", "hypervisor install on a CPU, client call (bl..ret)", "insn",
        fig("hyp.install.total"))
    add("hyp.install.el2", "  of which at EL2/HYP (status call, SET_VECTORS, INIT)", "insn",
        fig("hyp.install.el2"))
    for key, label in (("touch", "touch 1024 pages"), ("chase", "chase 1024 pages")):
        add("hyp.stage2.%s.plain" % key, "EL1 loop, %s, no hypervisor" % label, "insn",
            fig("hyp.stage2.%s.plain" % key))
        add("hyp.stage2.%s.under" % key, "EL1 loop, %s, under stage 2" % label, "insn",
            fig("hyp.stage2.%s.under" % key))
        add("hyp.stage2.%s.ratio" % key, "  under stage 2 / without (instructions)", "ratio",
            lambda r, k=key: round(r["figures"]["hyp.stage2.%s.under" % k] /
                                   r["figures"]["hyp.stage2.%s.plain" % k], 3)
            if "hyp.stage2.%s.plain" % k in r["figures"] else None)
    add("shim.reset_to_payload", "shim, reset to payload's 1st instruction", "insn",
        fig("boot.shim"))
    add("overhead.window", "overhead (empty window), subtracted", "insn",
        fig("overhead.all"))

    # The other CPUs (bench/smp.c), from the two-CPU runs: CPU1 started by CPU0.
    add("cpu.on.to_payload", "CPU_ON via CPU entry: entry to payload's 1st insn", "insn",
        fig("cpu.on.to_payload"), smp=2,
        floor=lambda r: r["figures"].get("cpu.floor.all", 0) - PSCI_CALL - CPU_OFF)
    add("cpu.park.to_off", "CPU entry at boot (no start record) to CPU_OFF", "insn",
        fig("cpu.park.to_off"), smp=2)
    add("cpu.round_trip", "hyp_cpu_on() round trip, to the CPU's CPU_OFF", "insn",
        fig("cpu.round_trip"), smp=2)
    add("cpu.floor.window", "CPU_ON floor window (smc, direct entry, CPU_OFF)", "insn",
        fig("cpu.floor.all"), smp=2)
    for n in SMP[1:]:
        add("shim.reset_to_payload.%dcpus" % n, "shim, reset to payload's 1st insn, %d CPUs" % n,
            "insn", fig("boot.shim"), smp=n)
    for n in SMP[1:]:
        add("shim.per_cpu.%dcpus" % n, "shim, each CPU more (%d CPUs - 1) / %d" % (n, n - 1),
            "insn", lambda r, n=n: (r["figures"]["boot.shim"] -
                                    by[(r["arch"], r["cpu"], 1)]["figures"]["boot.shim"])
            // (n - 1) if "boot.shim" in r["figures"] else None, smp=n)
    add("shim.per_cpu.cpu", "  of which that CPU (CPU entry to CPU_OFF)", "insn",
        fig("cpu.park.to_off"), smp=2)
    add("shim.per_cpu.boot_cpu", "  of which the boot CPU (DT, PSCI, console)", "insn",
        lambda r: r["figures"]["boot.shim"] - by[(r["arch"], r["cpu"], 1)]["figures"][
            "boot.shim"] - r["figures"]["cpu.park.to_off"]
        if "cpu.park.to_off" in r["figures"] else None, smp=2)

    # The kexec loader (its own run: bench=kexec) and the Linux boot budget.
    for n in KEXEC_SIZES:
        add("kexec.loader.%dmib" % n, "kexec loader, start to hvc: %d MiB image" % n, "insn",
            fig("kexec.%dmib.loader" % n), smp="kexec")
    add("kexec.loader.linux", "kexec loader, start to hvc: Debian's Linux image", "insn",
        fig("kexec.linux.loader"), smp="kexec")
    add("kexec.linux.bytes", "  that image's size", "bytes", fig("kexec.linux.bytes"),
        smp="kexec")
    add("kexec.per_mib", "kexec copy + clean per MiB (slope 1..16 MiB)", "insn",
        fig("kexec.per_mib"), smp="kexec")
    add("kexec.per_byte", "kexec copy + clean per byte of image", "insn/B",
        fig("kexec.per_byte"), floor=fig("kexec.floor.per_byte"),
        budget=("<=", KEXEC_BUDGET), smp="kexec")
    add("kexec.floor.per_byte", "  floor: fused copy + clean loop, per byte", "insn/B",
        fig("kexec.floor.per_byte"), smp="kexec")
    add("kexec.fixed", "kexec fixed cost (intercept at 0 bytes)", "insn", fig("kexec.fixed"),
        smp="kexec")
    add("kexec.request_plan", "  of which request + plan (DT read, checks)", "insn",
        fig("kexec.request_plan"), smp="kexec")
    add("linux.direct", "Linux direct (QEMU -kernel) to its HYP line", "insn",
        fig("linux.direct"), smp="linux")
    add("linux.direct.spread", "  spread of 3 (the stop's lag after the line)", "insn",
        fig("linux.direct.spread"), smp="linux")
    add("linux.via_hypstub", "Linux via shim + kexec to the same line", "insn",
        fig("linux.via_hypstub"), smp="linux")
    add("linux.via_hypstub.spread", "  spread of 3 (the stop's lag after the line)", "insn",
        fig("linux.via_hypstub.spread"), smp="linux")
    add("linux.hypstub_to_hvc", "  of which shim + kexec payload to the hvc (exact)", "insn",
        fig("linux.hypstub_to_hvc"), smp="linux")
    add("linux.after_hvc", "  of which Linux after the restart", "insn",
        fig("linux.after_hvc"), smp="linux")
    add("linux.hypstub_pct", "shim + kexec (to the hvc) / Linux direct", "%",
        fig("linux.hypstub_pct"), budget=("<=", LINUX_BUDGET_PCT), smp="linux")
    add("linux.added_pct", "(via hypstub - direct) / direct, to the line", "%",
        fig("linux.added_pct"), smp="linux")

    # Linux's own stub (Debian's kernel, the abi_check module), the same method.
    for key, _, label in LINUX_STUB_CALLS:
        add("linux_stub.%s.el2" % key, "Linux's stub: %s, at EL2" % label, "insn",
            fig("linux.%s.el2" % key), smp="linux-stub")
    for key, _, label in LINUX_HYP:
        add("linux_%s" % key, "under Linux: %s, at EL2" % label, "insn", fig(key),
            smp="linux-stub")

    sizes = {a: stub_sizes(ARCHES[a]["map"]) for a in arches}
    bootinfo = "include/hypstub/bootinfo.h"
    stack = {a: header_value(bootinfo, ARCHES[a]["el2_stack"]) for a in arches}
    slow = header_value(bootinfo, "HS_SLOW_STACK_SIZE")
    max_cpus = header_value(bootinfo, "HS_MAX_CPUS")
    cpu_row = header_value("include/hypstub/cpus.h", "HS_CPU_SIZE")
    crash_save = {a: header_value(*ARCHES[a]["crash_save"]) for a in arches}
    crash = {a: (header_value(*ARCHES[a]["crash_frame"]), crash_stack(ARCHES[a]))
             for a in arches}
    add("stub.resident.total", "stub resident at EL2/HYP (link map)", "bytes",
        lambda r: sizes[r["arch"]]["total"], budget=("<=", RESIDENT_BUDGET))
    for part, label in (("code", "code"), ("rodata", "read-only data"),
                        ("data", "data (bss)"), ("padding", "alignment padding")):
        add("stub.resident.%s" % part, "  of which %s" % label, "bytes",
            lambda r, p=part: sizes[r["arch"]][p])
    cpu_sizes = {a: stub_sizes(ARCHES[a]["map"], "hs_cpu") for a in arches}
    add("cpu_entry.resident.total", "CPU entry resident at EL2/HYP (link map)", "bytes",
        lambda r: cpu_sizes[r["arch"]]["total"])
    for part, label in (("code", "code"), ("rodata", "read-only data"),
                        ("data", "data (bss: hs_cpu_table)"), ("padding", "alignment padding")):
        add("cpu_entry.resident.%s" % part, "  of which %s" % label, "bytes",
            lambda r, p=part: cpu_sizes[r["arch"]][p])
    add("resident.code_data", "stub + CPU entry, without stacks", "bytes",
        lambda r: sizes[r["arch"]]["total"] + cpu_sizes[r["arch"]]["total"])
    add("stub.per_cpu", "per-CPU state at EL2/HYP (own stack + table row)", "bytes",
        lambda r: stack[r["arch"]] + cpu_row, budget=("<=", PER_CPU_BUDGET))
    add("stub.per_cpu.stack", "  of which its own EL2/HYP stack (HS_EL2_STACK_SIZE)", "bytes",
        lambda r: stack[r["arch"]])
    add("stub.per_cpu.row", "  of which its struct hs_cpu (in the bss above)", "bytes",
        lambda r: cpu_row)
    add("stub.stack.calls", "  own stack the calls use (measured)", "bytes",
        fig("stub.stack_used"))
    add("stub.stack.crash_save", "  own stack a crash uses before the slow one", "bytes",
        lambda r: crash_save[r["arch"]])
    add("cpu_entry.own_stack", "  own stack the CPU entry uses (measured)", "bytes",
        fig("cpu.on.own_stack_used"), smp=2)
    add("stub.slow_stack", "slow-path stack, shared by all CPUs, once", "bytes",
        lambda r: slow)
    add("stub.stack.crash", "  of it the crash report needs", "bytes",
        lambda r: sum(crash[r["arch"]]))
    add("cpu_entry.stack", "  of it the CPU entry uses (measured)", "bytes",
        fig("cpu.on.stack_used"), smp=2)
    add("stub.slow_stack.worst", "  of it a crash in the CPU entry's C needs", "bytes",
        lambda r: (by[(r["arch"], r["cpu"], 2)]["figures"].get("cpu.on.stack_used", 0)
                   + crash_save[r["arch"]] + sum(crash[r["arch"]])),
        budget=("<=", slow))
    add("stub.spare", "spare own stack + row (unlisted CPUs), once", "bytes",
        lambda r: stack[r["arch"]] + cpu_row)
    add("resident.stacks", "EL2/HYP stacks reserved (slow + %d CPUs + spare)" % max_cpus,
        "bytes", lambda r: slow + stack[r["arch"]] * (max_cpus + 1))

    cols = [(r["arch"], r["cpu"]) for r in runs]
    width = max(len(r[0]) for r in rows)
    print()
    print("hypstub benchmarks - %s, -icount %s: guest instructions retired\n"
          "(PMU INST_RETIRED), median of %d runs each, the empty window's overhead "
          "subtracted (%s instructions)" % (qemu, ICOUNT, REPS, ", ".join(
              "%s/%s: %s" % (r["arch"], r["cpu"], r["figures"].get("overhead.all", "?"))
              for r in runs)))
    print()
    head = "%-*s %-6s" % (width, "measurement", "unit")
    for a, c in cols:
        head += " %16s" % ("%s/%s" % (a, c))
    head += "  %-5s %-8s %s" % ("floor", "budget", "verdict")
    print(head)
    print("-" * len(head))
    for label, unit, values, fl, budget, verdicts, note in rows:
        line = "%-*s %-6s" % (width, label, unit)
        for col in cols:
            v = values.get(col)
            line += " %16s" % ("-" if v is None else v)
        # One floor per architecture, in column order: "arm64/arm".
        floors = []
        for col in cols:
            if col in fl and fl[col] not in floors:
                floors.append(fl[col])
        line += "  %-5s" % ("/".join(str(f) for f in floors) if floors else "")
        if budget:
            line += " %-8s %s" % ("%s %s" % budget, "/".join(sorted(set(verdicts.values()))))
        print(line.rstrip())
    print()
    side_by_side(by)
    for a in arches:
        frame, c_frames = crash[a]
        print("%s: per-CPU budget %s: each CPU keeps a %d-byte %s stack (the call path's "
              "frame; the calls use %s of it, the CPU entry %s) and its %d-byte struct hs_cpu "
              "(with the slow-path lock's two bytes), %d against %d. The crash report's "
              "%d-byte frame and %d bytes of C, and the CPU entry's C, run on the one "
              "%d-byte slow-path stack, one CPU at a time." % (
                  a, verdict(stack[a] + cpu_row, "<=", PER_CPU_BUDGET), stack[a],
                  ARCHES[a]["el2"],
                  "/".join(sorted({str(r["figures"].get("stub.stack_used"))
                                   for r in runs if r["arch"] == a})),
                  "/".join(sorted({str(r["figures"].get("cpu.on.own_stack_used"))
                                   for r in all_runs if r["arch"] == a and r["smp"] == 2})),
                  cpu_row, stack[a] + cpu_row, PER_CPU_BUDGET, frame, c_frames, slow))
        for r in all_runs:
            used = r["figures"].get("stub.stack_used")
            if r["arch"] == a and used is not None and used > stack[a]:
                r["failed"].append("the calls used %d bytes of a %d-byte own stack"
                                   % (used, stack[a]))
    failed = [(r, f) for r in all_runs + extra_runs for f in r["failed"]]
    for r in all_runs:
        cfg = ARCHES[r["arch"]]
        pmceid0 = r["info"].get("pmceid0")
        print("%s/%s, %d CPU%s: %d counter and result checks, %d failed; %s" % (
            r["arch"], r["cpu"], r["smp"], "s" if r["smp"] > 1 else "", r["checks"],
            len(r["failed"]),
            "PMU version field %s, %s counters, counting at %s %s%s" % (
                r["info"].get("pmu_version", "?"), r["info"].get("pmu_counters", "?"),
                cfg["el2"],
                "re-allowed (MDCR_EL2.HPMD cleared)" if r["info"].get(
                    "el2_counting_reallowed") == "1" else "allowed as the shim left it",
                "; PMCEID0 UNDEFINED here, so INST_RETIRED is known only by the checks"
                if pmceid0 == "undefined" else "")))
    for a in arches:
        print("%s counting: %s" % (a, ARCHES[a]["counting"]))
    for r in extra_runs:
        if r["smp"] == "kexec":
            print("%s/%s, kexec run (bench=kexec, 1 CPU): %d checks, %d failed" % (
                r["arch"], r["cpu"], r["checks"], len(r["failed"])))
        elif r["smp"] == "linux-stub":
            print("%s/%s, Linux's own stub (Debian's %s, abi_check bench=1, 1 CPU): %d checks, "
                  "%d failed" % (r["arch"], r["cpu"], r["info"].get("kernel", "?"), r["checks"],
                                 len(r["failed"])))
        else:
            print("%s/%s, Linux boots (1 CPU, record/replay, 3 each way): line %r, %d failed"
                  % (r["arch"], r["cpu"], r["info"].get("line", "?"), len(r["failed"])))
    for line in skipped:
        print("SKIPPED " + line)
    for r, f in failed:
        print("FAILED %s/%s, %s CPUs: %s" % (r["arch"], r["cpu"], r["smp"], f))
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(records, f, indent=1)
    print("wrote %s (%d figures)" % (os.path.relpath(args.json, ROOT), len(records)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
