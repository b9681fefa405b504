#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The late-launch tests (`make test`): the module under Debian's own kernel.

Boots (scripts/late.py, two at a time by default), each step of each boot
one test "<boot>/<step>":
  late/<cpu>-smp<N>   N = 1, 2, 4 on cortex-a57 and on max run nVHE
                      (id_aa64mmfr1.vh=0): install on every CPU, protection,
                      hotplug, removal, a second load, protect=0, 100
                      install/remove cycles (tests/linux/cycles.c: the
                      hypervisor's status and Linux's stub checked after
                      each), kexec -e into a second kernel that starts
                      every CPU at EL2
  late/a57-smp2-linux6.12  the same under Debian's newest 6.12 kernel
  refuse/vhe          -cpu max, Linux at EL2: insmod refused, nothing left
  refuse/kvm-vm       KVM initialised, a VM alive: refused; the VM gone: works
  refuse/pkvm         protected KVM (kvm-arm.mode=protected): refused, nothing left
  refuse/cpu8         9 CPUs, the image has slots for 8: CPU 8 refuses, CPUs 0-7
                      are given up again, Linux's stub back on each
  lock                lock=1: rmmod and CPU offline refused, PSCI power-off works
Without Debian's packages (no network, nothing cached) every boot is
skipped, loudly. Logs: build/late/runs/. The last line is
"late launch: N passed, N failed, N skipped".
"""
import argparse
import concurrent.futures
import fnmatch
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import late  # noqa: E402

CYCLES = 100
# A second Debian kernel, newer than the default (a series: its newest
# build, scripts/fetch-linux-late.sh), for one late-launch boot.
SECOND_LINUX = "6.12"
# name: (cpu, smp, plan, Debian kernel: None for --linux's, or a series)
BOOTS = {}
for _cpu, _tag in (("cortex-a57", "a57"), ("max", "max")):
    for _n in (1, 2, 4):
        BOOTS["late/%s-smp%d" % (_tag, _n)] = (_cpu, _n, None, None)
BOOTS["late/a57-smp2-linux%s" % SECOND_LINUX] = ("cortex-a57", 2, None, SECOND_LINUX)
BOOTS["refuse/vhe"] = ("max", 2, "vhe", None)
BOOTS["refuse/kvm-vm"] = ("cortex-a57", 2, "kvm-vm", None)
BOOTS["refuse/pkvm"] = ("cortex-a57", 2, "pkvm", None)
BOOTS["refuse/cpu8"] = ("cortex-a57", 9, "rollback", None)
BOOTS["lock"] = ("cortex-a57", 2, "lock", None)


def prepare(linux):
    """Debian's kernel `linux` fetched and the module built for it: (info, .ko),
    or (None, why) when it cannot be had (no network, nothing cached)."""
    try:
        info = late.fetch(linux)
        return info, late.build_module(info)
    except late.Skip as why:
        return None, str(why)


def run_one(kernels, name, timeout):
    """One boot; a name "<boot>#<k>" is the k-th repetition of <boot> (--repeat)."""
    base, _, k = name.partition("#")
    cpu, smp, plan, linux = BOOTS[base]
    info, ko = kernels[linux]
    start = time.monotonic()
    problems, log, text = late.run_plan(info, ko, cpu, smp, 0 if plan else CYCLES, plan, timeout,
                                        tag="-%s" % k if k else "")
    steps = [(m.group(1), m.group(2) == "ok") for m in late.STEP.finditer(text)]
    return name, problems, log, steps, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--filter", default=None,
                    help="boots to run, a glob (e.g. 'late/a57-*'); default: all %d" % len(BOOTS))
    ap.add_argument("-j", type=int, default=2, help="boots at once")
    ap.add_argument("--repeat", type=int, default=1,
                    help="boot each N times (a soak: a hang that is rare shows up)")
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--linux", default=os.environ.get("LINUX") or None)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    names = [n for n in BOOTS if fnmatch.fnmatch(n, args.filter or "*")]
    if args.repeat > 1:
        names = ["%s#%d" % (n, k) for k in range(1, args.repeat + 1) for n in names]
    if args.dry_run:
        for n in names:
            print(n, BOOTS[n.partition("#")[0]])
        return 0
    # Each Debian kernel the boots need (None: --linux's, the default), once.
    kernels, skipped = {}, 0
    try:
        for linux in sorted({BOOTS[n.partition("#")[0]][3] for n in names}, key=str):
            kernels[linux] = prepare(linux or args.linux)
    except RuntimeError as why:
        print("late launch: cannot start: %s" % why)
        print("late launch: 0 passed, 1 failed, 0 skipped")
        return 1
    for linux, (info, ko) in kernels.items():
        if info is None:
            print("late launch: SKIPPED, every boot of Debian's %s kernel: %s"
                  % (linux or args.linux or "default", ko))
        else:
            print("late launch: Debian %s" % info["LINUX"], flush=True)
    runnable = []
    for n in names:
        if kernels[BOOTS[n.partition("#")[0]][3]][0] is None:
            print("  SKIP %-22s no Debian kernel (see above)" % n)
            skipped += 1
        else:
            runnable.append(n)
    print("late launch: %d boots, %d at a time" % (len(runnable), args.j), flush=True)
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        futures = [pool.submit(run_one, kernels, n, args.timeout) for n in runnable]
        for fut in concurrent.futures.as_completed(futures):
            name, problems, log, steps, secs = fut.result()
            for step, ok in steps:
                print("  %s %s/%s" % ("ok  " if ok else "FAIL", name, step))
                passed += ok
                failed += not ok
            # Problems beyond a failed step (a missing line, a step never reported,
            # QEMU's exit): one more failure for the boot.
            extra = [p for p in problems if ": FAIL " not in p]
            if extra:
                failed += 1
                print("  FAIL %s: %s" % (name, "; ".join(extra)))
            print("  %s %-22s %.0f s, log %s" % ("FAIL" if problems else "ok  ", name, secs,
                                                 os.path.relpath(log, late.ROOT)), flush=True)
    print("late launch: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
