#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`make test`: every tier, one summary.

1. static checks: clang-format, cppcheck, the stub's self-containment,
   and the README's `make debug` walk-through run in gdb's batch mode;
2. host unit tests (cmocka, under ASan and UBSan), then the libFuzzer
   targets for a fixed number of runs each (tests/fuzz/, one test each);
3. the SDK: `make install` into a prefix under build/, the example kernel
   built from it alone and booted, `make uninstall`, DESTDIR
   (scripts/test_sdk.py);
4. the guest conformance matrix on QEMU (tests/run.py);
5. the late launch under Debian's own arm64 kernel (tests/late.py);
6. the conformance table (scripts/conformance.py --test): the same ABI
   checks against Linux's own stub in Debian's kernel, and
   docs/CONFORMANCE.md regenerated from both runs and compared.
Each static check counts as one test; the other tiers report their own
counts. The last line is "N passed, N failed, N skipped".
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C_DIRS = ["arch", "boot", "cpu", "demo", "hyp", "include", "lib", "stub", "tests"]
CPPCHECK = ["cppcheck", "--quiet", "--std=c11", "--error-exitcode=1", "--inline-suppr",
            "--enable=warning,style,performance,portability",
            "--template={file}:{line}: {severity}: {message} [{id}]",
            "--suppressions-list=tests/cppcheck-suppressions.txt", "-Iinclude", "-I."]
# Per architecture: its cross prefix, cppcheck's view of it, and the
# folders that belong to it alone.
ARCHS = {
    "arm64": ("aarch64-linux-gnu-", ["-D__aarch64__", "--platform=unix64"]),
    "arm": ("arm-none-eabi-", ["-D__arm__", "--platform=unix32"]),
}


def arch_of(path):
    """The architecture a source file belongs to, or None when it is arch-neutral."""
    parts = path.split("/")
    for arch in ARCHS:
        if (parts[:2] in (["arch", arch], ["bench", arch])
                or parts[:3] == ["tests", "guest", arch]):
            return arch
    return None


def tracked_c_files():
    out = subprocess.run(["git", "ls-files", "*.c", "*.h"], cwd=ROOT, capture_output=True,
                         text=True, check=False).stdout.split()
    if not out:  # not a git checkout: fall back to the tree
        for d in C_DIRS:
            for base, _, files in os.walk(os.path.join(ROOT, d)):
                out += [os.path.relpath(os.path.join(base, f), ROOT)
                        for f in files if f.endswith((".c", ".h"))]
    return sorted(out)


def check(name, cmd):
    print("== %s: %s" % (name, " ".join(cmd[:6]) + (" ..." if len(cmd) > 6 else "")),
          flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    text = (proc.stdout + proc.stderr).strip()
    if text:
        print(text)
    ok = proc.returncode == 0 and not (name.startswith("cppcheck") and text)
    print("   %s" % ("ok" if ok else "FAILED"), flush=True)
    return ok


def run_tier(name, cmd, pattern):
    print("== %s: %s" % (name, " ".join(cmd)), flush=True)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    last = None
    for line in proc.stdout:
        sys.stdout.write(line)
        m = re.match(pattern, line.strip())
        if m:
            last = m
    code = proc.wait()
    if not last:
        print("   %s printed no summary: counted as one failure" % name)
        return 0, 1, 0
    passed, failed = int(last.group(1)), int(last.group(2))
    skipped = int(last.group(3)) if last.lastindex and last.lastindex >= 3 and last.group(3) else 0
    if code != 0 and failed == 0:
        print("   %s exited %d with no failed test: counted as one failure" % (name, code))
        failed = 1
    return passed, failed, skipped


def main():
    files = tracked_c_files()
    totals = [0, 0, 0]
    statics = [("clang-format", ["clang-format", "--dry-run", "--Werror"] + files)]
    for arch, (cross, defines) in ARCHS.items():
        # The host tests build against arm64's headers (and a fake CPU).
        # linux/ is kernel code (the kernel's headers and macros): the
        # module's build against Debian's headers checks it (tests/late.py).
        sources = [f for f in files if f.endswith(".c") and arch_of(f) in (None, arch)
                   and not f.startswith("linux/")
                   and (arch == "arm64" or not f.startswith(("tests/host/", "tests/fuzz/")))]
        statics.append(("cppcheck (%s)" % arch,
                        CPPCHECK + defines + ["-Iarch/%s/include" % arch] + sources))
        statics.append(("resident code self-contained (%s)" % arch,
                        ["scripts/check-stub.sh", cross, "build/%s/hs-resident.o" % arch]))
        statics.append(("sample hypervisor self-contained (%s)" % arch,
                        ["scripts/check-stub.sh", cross, "build/%s/hyp.o" % arch]))
    # The README's `make debug` walk-through, in gdb's batch mode.
    for arch, cpu, gic in (("arm64", "cortex-a57", "3"), ("arm", "cortex-a15", "2")):
        build = "build/%s/" % arch
        statics.append(("make debug walk-through (%s)" % arch,
                        [sys.executable, "scripts/debug.py", "--check", "--arch", arch,
                         "--cpu", cpu, "--gic", gic, "--shim", build + "hypstub.bin",
                         "--shim-elf", build + "hypstub.elf", "--stub-elf", build + "hs-stub.elf",
                         "--payload", build + "demo.elf"]))
    for name, cmd in statics:
        ok = check(name, cmd)
        totals[0 if ok else 1] += 1
    # The boards' Debian trees, which the host tests read too (tests/host/test_translate.c):
    # fetched (or found cached) first; without them those tests skip, saying so.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import hsqemu  # noqa: E402
    for board in sorted(hsqemu.BOARDS):
        why = hsqemu.fetch_board(board)[2]
        print("== board files (%s): %s" % (board, why or "cached in build/linux/"), flush=True)
    tiers = [
        ("host unit tests", ["make", "--no-print-directory", "host-test"],
         r"^host: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$"),
        ("host fuzzers (bounded)", ["make", "--no-print-directory", "fuzz-bounded"],
         r"^fuzz: (\d+) passed, (\d+) failed$"),
        ("SDK", [sys.executable, "scripts/test_sdk.py"],
         r"^sdk: (\d+) passed, (\d+) failed, (\d+) skipped$"),
        ("guest matrix", [sys.executable, "tests/run.py"],
         r"^guest matrix: (\d+) passed, (\d+) failed, (\d+) skipped$"),
        ("late launch under Debian's Linux", [sys.executable, "tests/late.py"],
         r"^late launch: (\d+) passed, (\d+) failed, (\d+) skipped$"),
        # After the matrix: hypstub's column is its a57-gic3-el2-smp2/abi boot.
        ("conformance table", [sys.executable, "scripts/conformance.py", "--test"],
         r"^conformance: (\d+) passed, (\d+) failed, (\d+) skipped$"),
    ]
    for name, cmd, pattern in tiers:
        p, f, s = run_tier(name, cmd, pattern)
        totals[0] += p
        totals[1] += f
        totals[2] += s
    print("%d passed, %d failed, %d skipped" % tuple(totals))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
