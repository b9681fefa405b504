#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run the guest conformance matrix: one fresh QEMU per (configuration, group).

Boots run in parallel (one per core by default), each with a timeout. Every
TEST() a payload reports counts as one test "<config>/<suite>.<name>"; a
boot whose expectations fail (exit code, console lines, a report that never
came) counts as one failed test "<config>/<group>". Logs go to
build/test-logs/. The last line is "guest matrix: N passed, N failed, N skipped".
"""
import argparse
import concurrent.futures
import fnmatch
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
sys.path.insert(0, os.path.dirname(__file__))
import hsqemu  # noqa: E402
import matrix  # noqa: E402
import uboot  # noqa: E402

RESULT = re.compile(r"^\[ *(OK|FAIL|SKIP) *\] (\S+)", re.M)
SUMMARY = re.compile(r"^guest: (\d+) passed, (\d+) failed, (\d+) skipped", re.M)


def jobs_list(pattern):
    jobs = []
    for config in matrix.CONFIGS:
        for group in matrix.groups_for(config):
            name = "%s/%s" % (config, group)
            if fnmatch.fnmatch(name, pattern):
                jobs.append((config, group))
    return jobs


# Debian's Linux per architecture for the "linux" boots: its path, or why there is none.
LINUX = {}


def fetch_linux(archs):
    """Fetch (or find cached) Debian's kernel for each architecture, once."""
    for arch in sorted(archs):
        LINUX[arch] = hsqemu.fetch_linux(arch, echo=True)


# Each board's Debian tree and kernel: (dtb, kernel, why there are none).
BOARD_FILES = {}


def fetch_boards(boards):
    for board in sorted(boards):
        BOARD_FILES[board] = hsqemu.fetch_board(board, echo=True)


def board_command(build, config, group):
    """A board boot: its QEMU machine and tree; Linux staged in its RAM."""
    arch = matrix.CONFIGS[config][0]
    board = matrix.BOARD_CONFIGS[config]
    payload, append, want = matrix.GROUPS[group]
    shim = os.path.join(build, arch, "hypstub.bin")
    payload = os.path.join(build, arch, payload)
    dtb, kernel, _ = BOARD_FILES.get(board, ("board.dtb", "board-kernel", None))
    if want.get("boot") == "linux":
        return hsqemu.board_kexec_command(board, shim, payload, kernel,
                                          "earlycon keep_bootcon panic=-1",
                                          want.get("payload_args", ""), dtb=dtb)
    return hsqemu.board_command(board, shim, payload, append, dtb=dtb)


def command(build, config, group):
    if config in matrix.BOARD_CONFIGS:
        return board_command(build, config, group)
    arch, cpu, gic, el, smp = matrix.CONFIGS[config]
    payload, append, want = matrix.GROUPS[group]
    shim = os.path.join(build, arch, "hypstub.bin")
    payload = os.path.join(build, arch, payload)
    kind = want.get("boot", "kernel")
    if kind == "linux":
        kernel = LINUX.get(arch, ("build/linux/%s/%s" % (arch, "Image" if arch == "arm64"
                                                          else "zImage"), None))[0]
        return hsqemu.kexec_command(arch, cpu, smp, gic, el, shim, payload, kernel,
                                    payload_args=want.get("payload_args", ""),
                                    extra=matrix.CONFIG_EXTRA.get(config, ()))
    if kind == "kernel":  # QEMU's own Linux loader
        return hsqemu.qemu_command(arch, cpu, smp, gic, el, shim, payload, append,
                                   extra=matrix.CONFIG_EXTRA.get(config, ()))
    if kind == "chain":
        return hsqemu.chain_command(arch, cpu, smp, gic, el, shim, payload, append,
                                    extra=matrix.CONFIG_EXTRA.get(config, ()))
    if want.get("early_uart"):
        shim = os.path.join(build, arch + "-early", "hypstub.bin")
    flash = os.path.join(build, "uboot", "%s-%s.flash" % (config, group))
    return uboot.command(kind, arch, cpu, smp, gic, el, shim, payload, append, flash)


REPORT_HEAD = re.compile(r"\*\*\* hypstub: unexpected exception at \S+, CPU (0x[0-9a-f]+) \*\*\*")
# What a crash test says each line of its CPU's report must show (test_crash.c):
# NAME=VALUE[/MASK][|VALUE[/MASK]] ..., the report's own names.
EXPECT_LINE = re.compile(r"^crash-expect CPU (0x[0-9a-f]+):(.*)$", re.M)
# "NAME : 0x..." lines and "x00: 0x..." pairs of a report; "class" is the
# exception class decoded from the syndrome, not a register.
REPORT_FIELD = re.compile(r"\b([A-Za-z][A-Za-z0-9_]*) *: (0x[0-9a-f]+)")


def parse_expectations(text):
    """{cpu: {name: [(value, mask), ...]}} from the crash-expect lines."""
    found = {}
    for m in EXPECT_LINE.finditer(text):
        fields = {}
        for item in m.group(2).split():
            name, _, alternatives = item.partition("=")
            fields[name] = []
            for alt in alternatives.split("|"):
                value, _, mask = alt.partition("/")
                fields[name].append((int(value, 16), int(mask, 16) if mask else -1))
        found[int(m.group(1), 16)] = fields
    return found


def compare_report(body, want):
    """Problems with one report's registers against its CPU's expectation."""
    got = dict((k, int(v, 16)) for k, v in REPORT_FIELD.findall(body) if k != "class")
    problems = ["%s is printed, but the test chose no value for it" % k
                for k in sorted(set(got) - set(want))]
    problems += ["%s is not printed" % k for k in sorted(set(want) - set(got))]
    for name in sorted(set(got) & set(want)):
        if not any(got[name] & mask == value & mask for value, mask in want[name]):
            problems.append("%s: 0x%x reported, 0x%s wanted" % (name, got[name], "|0x".join(
                "%x%s" % (v, "" if m == -1 else "/0x%x" % m) for v, m in want[name])))
    return problems


def check_reports(text, ncpus):
    """Problems with the crash reports of a boot where `ncpus` CPUs crashed:
    one whole report per CPU, none interleaved, and every register each
    prints as the test set it for that CPU (its crash-expect line)."""
    expectations = parse_expectations(text)
    lines = text.splitlines()
    heads = [i for i, line in enumerate(lines) if "*** hypstub: unexpected exception" in line]
    problems, cpus = [], set()
    for n, i in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        block = lines[i:end]
        head = REPORT_HEAD.fullmatch(block[0].strip())
        stop = [j for j, line in enumerate(block) if line.strip() == "*** hypstub: CPU stopped ***"]
        if not head or not stop:
            problems.append("report %d is not whole: %r" % (n + 1, block[0]))
            continue
        cpu = int(head.group(1), 16)
        cpus.add(cpu)
        if cpu not in expectations:
            problems.append("report %d (CPU %#x): the test printed no expectation" % (n + 1, cpu))
            continue
        problems += ["report %d (CPU %#x): %s" % (n + 1, cpu, p)
                     for p in compare_report("\n".join(block[1:stop[0]]), expectations[cpu])]
    if len(heads) != ncpus or len(cpus) != ncpus:
        problems.append("%d reports from %d CPUs, expected one from each of %d" % (
            len(heads), len(cpus), ncpus))
    return problems


def wanted_lines(config, group):
    """Every console line a boot must show."""
    arch, _, _, _, smp = matrix.CONFIGS[config]
    want = matrix.GROUPS[group][2]
    lines = want.get("lines", []) + want.get("lines_" + arch, [])
    if config in matrix.SPIN_TABLE_CONFIGS:
        lines = [l for l in lines if l not in want.get("not_spin_table", [])]
        lines += want.get("lines_spin_table", [])
    if want.get("boot") == "linux":  # every CPU online in Linux
        lines = lines + ["smp: Brought up 1 node, %d CPU%s" % (smp, "s" if smp > 1 else "")]
    return lines


# Lines QEMU itself prints on the console (the runner's command line first).
QEMU_OWN = ("qemu-system-", "audio: ")


def check_version(text, version):
    """The shim's first line names the build's version, and so does /hypstub."""
    if version is None:
        return ["no build version (build/<arch>/version): rebuild"]
    problems = []
    # QEMU's own warnings (a board's audio or NIC) may come before the
    # guest's output on the same console; the shim's first line is the
    # first that is not one of them.
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith(QEMU_OWN)]
    if not lines or lines[0] != "hypstub " + version:
        problems.append("first console line %r, expected %r" % (
            lines[0] if lines else "", "hypstub " + version))
    if 'guest: hypstub,version = "%s"' % version not in text:
        problems.append("the payload did not find hypstub,version = %r in /hypstub" % version)
    return problems


def build_version(build, arch):
    """The version the build put in the shim (written by the Makefile), or None."""
    try:
        with open(os.path.join(build, arch, "version")) as f:
            return f.read().strip()
    except OSError:
        return None


def judge(config, group, code, output, version=None):
    """Return (passed, failed, skipped, messages) for one boot."""
    _, _, want = matrix.GROUPS[group]
    text = output.decode("utf-8", "replace")
    passed = failed = skipped = 0
    problems = []
    if want.get("version"):
        problems += ["%s/%s: %s" % (config, group, p) for p in check_version(text, version)]
    if want.get("tests"):
        for verdict, name in RESULT.findall(text):
            if verdict == "OK":
                passed += 1
            elif verdict == "SKIP":
                skipped += 1
            else:
                failed += 1
                problems.append("%s/%s failed" % (config, name))
        summary = SUMMARY.search(text)
        if not summary:
            problems.append("%s/%s: no test summary (crashed or hung?)" % (config, group))
        elif (int(summary.group(1)), int(summary.group(2))) != (passed, failed):
            problems.append("%s/%s: summary disagrees with the results" % (config, group))
        if passed + failed == 0:
            problems.append("%s/%s: ran no test" % (config, group))
    arch = matrix.CONFIGS[config][0]
    for line in wanted_lines(config, group):
        if line not in text:
            problems.append("%s/%s: console never showed %r" % (config, group, line))
    for line in want.get("absent", []):
        if line in text:
            problems.append("%s/%s: console showed %r" % (config, group, line))
    if want.get("reports") or want.get("regs"):
        ncpus = matrix.CONFIGS[config][4] if want.get("reports") else 1
        problems += ["%s/%s: %s" % (config, group, p) for p in check_reports(text, ncpus)]
    if code != want["exit"]:
        problems.append("%s/%s: exit code %d, expected %d" % (config, group, code, want["exit"]))
    if not want.get("tests"):
        # A boot without TEST()s is itself one test.
        if problems:
            failed += 1
        else:
            passed += 1
    elif problems and not failed:
        failed += 1  # the boot went wrong beyond any single test
    return passed, failed, skipped, problems


def run_one(build, logdir, timeout, config, group):
    log_path = os.path.join(logdir, "%s-%s.log" % (config, group))
    want = matrix.GROUPS[group][2]
    linux = want.get("boot") == "linux"
    board = matrix.BOARD_CONFIGS.get(config)
    if board and BOARD_FILES[board][2]:
        reason = BOARD_FILES[board][2]
        with open(log_path, "w") as log:
            log.write("SKIPPED: %s\n" % reason)
        return config, group, log_path, 0, 0, 1, ["SKIPPED: %s" % reason]
    if linux and not board and LINUX[matrix.CONFIGS[config][0]][1]:
        reason = LINUX[matrix.CONFIGS[config][0]][1]
        with open(log_path, "w") as log:
            log.write("SKIPPED: %s\n" % reason)
        return config, group, log_path, 0, 0, 1, ["SKIPPED: %s" % reason]
    cmd = command(build, config, group)
    with open(log_path, "wb") as log:
        log.write((" ".join(cmd) + "\n").encode())
        # A boot where every CPU crashes stops after the last CPU's report.
        stops = matrix.CONFIGS[config][4] if want.get("reports") else 1
        # Linux: stopped once it said everything wanted, or at a panic.
        code, output = hsqemu.run(cmd, timeout, out=None, log=log, stops=stops,
                                  until=[line.encode() for line in wanted_lines(config, group)]
                                  if linux else (),
                                  more_stops=hsqemu.LINUX_STOPS if linux else ())
    return (config, group, log_path) + judge(config, group, code, output,
                                             build_version(build, matrix.CONFIGS[config][0]))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build", default="build")
    ap.add_argument("--filter", default="*", help="glob over config/group, e.g. 'max-*/regs'")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--dry-run", action="store_true", help="list the QEMU commands only")
    args = ap.parse_args()

    jobs = jobs_list(args.filter)
    linux_archs = set(matrix.CONFIGS[c][0] for c, g in jobs
                      if matrix.GROUPS[g][2].get("boot") == "linux"
                      and c not in matrix.BOARD_CONFIGS)
    if linux_archs and not args.dry_run:
        fetch_linux(linux_archs)
    boards = set(matrix.BOARD_CONFIGS[c] for c, g in jobs if c in matrix.BOARD_CONFIGS)
    if boards and not args.dry_run:
        fetch_boards(boards)
    if args.dry_run:
        for config, group in jobs:
            print("%s/%s: %s" % (config, group, " ".join(command(args.build, config, group))))
        return 0
    logdir = os.path.join(args.build, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    totals = [0, 0, 0]
    print("guest matrix: %d boots, %d at a time" % (len(jobs), args.jobs), flush=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_one, args.build, logdir, args.timeout, c, g) for c, g in jobs]
        for fut in concurrent.futures.as_completed(futures):
            config, group, log, p, f, s, problems = fut.result()
            totals[0] += p
            totals[1] += f
            totals[2] += s
            mark = "FAIL" if f else "SKIP" if s and not p else "ok  "
            print("  %s %-28s %3d passed, %d failed, %d skipped" % (mark, config + "/" + group, p, f, s),
                  flush=True)
            for problem in problems:
                print("       %s (log: %s)" % (problem, log), flush=True)
    print("guest matrix: %d passed, %d failed, %d skipped" % tuple(totals))
    return 1 if totals[1] or not jobs else 0


if __name__ == "__main__":
    sys.exit(main())
