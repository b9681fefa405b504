#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`make test`'s SDK step (docs/SDK.md): hypstub installed as a kernel
author gets it, and used from outside the tree.

1. `make install` into a temporary prefix under build/ (both
   architectures; a foreign file already there), and the file list is
   exactly the one docs/SDK.md describes;
2. every installed header compiles alone with nothing but
   `pkg-config --cflags`, and every file it pulls in comes from the prefix
   or the toolchain, never from this tree; no installed text file names
   the tree;
3. examples/hello-kernel, copied out of the tree, is built on each
   architecture by its own Makefile from the prefix alone (PKG_CONFIG_PATH)
   and booted with `make run PAYLOAD=`: its lines and exit code;
4. `make uninstall` (one architecture, then the other) removes exactly
   what was installed and leaves the foreign file;
5. `make install DESTDIR=` stages the same file list under $DESTDIR$PREFIX;
   a relative PREFIX is refused and installs nothing.
The Debian libfdt the build fetched (build/deps/) stands in for the
libfdt-dev a user installs (pkg-config --define-variable=libfdt=).
Prints "sdk: N passed, N failed, N skipped".
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "build", "sdk-test")
ARCHS = ("arm64", "arm")
# What the example must print, in this order, on each architecture.
HELLO_LINES = ["hello: first arrival", "hello: entered at ", "hello: stub available",
               "hello: sample hypervisor installed", "hello: removed (HVC_RESET_VECTORS)",
               "hello: kexec into hypstub's shim", "[shim] payload (raw binary",
               "hello: second arrival (\"hello.again\" on the command line)",
               "hello: done, 0 unexpected", "[rt] exit 0"]

# The shim's and the resident code's own headers, which are not installed.
INTERNAL_HEADERS = ("early_uart.h", "nolibc.h", "slow_lock.h")

results = [0, 0, 0]


def report(ok, name, detail=""):
    results[0 if ok else 1] += 1
    print("  %s %s%s" % ("ok  " if ok else "FAIL", name, (": " + detail) if detail and not ok
                          else ""), flush=True)
    return ok


def clean_env(**more):
    """The environment without the calling make's variables (ARCH=... of `make test`)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES", "MAKELEVEL", "ARCH",
                        "PREFIX", "DESTDIR", "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR")}
    env.update(more)
    return env


def run(cmd, cwd=ROOT, env=None, timeout=300):
    proc = subprocess.run(cmd, cwd=cwd, env=env or clean_env(), capture_output=True, text=True,
                          timeout=timeout, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def files_under(top):
    out = set()
    for base, _, names in os.walk(top):
        for n in names:
            out.add(os.path.relpath(os.path.join(base, n), top))
    return out


def expected_files():
    """The install's file list, as mk/install.mk and docs/SDK.md describe it."""
    out = {"include/hypstub/" + os.path.basename(h)
           for h in glob.glob(os.path.join(ROOT, "include", "hypstub", "*.h"))} - {
               "include/hypstub/" + h for h in INTERNAL_HEADERS}
    for a in ARCHS:
        out |= {"lib/hypstub/%s/%s" % (a, f) for f in (
            "libhypstub.a", "hypstub-start.o", "payload.ld", "include/arch/exc_frame.h",
            "include/arch/rt_arch.h", "include/arch/rt_el2_ctx.h")}
        out |= {"share/hypstub/%s/hypstub.bin" % a, "share/hypstub/%s/hyp.bin" % a,
                "lib/pkgconfig/hypstub-%s.pc" % a}
    return out


def libfdt_for(arch):
    """The target libfdt.a the build unpacked from Debian's libfdt-dev."""
    with open(os.path.join(ROOT, "arch", arch, "arch.mk")) as f:
        deb = re.search(r"^DEBIAN_ARCH := (\S+)", f.read(), re.M).group(1)
    found = glob.glob(os.path.join(ROOT, "build", "deps", deb, "usr", "lib", "*", "libfdt.a"))
    return found[0] if found else None


def pkg_config(prefix, arch, *args):
    env = clean_env(PKG_CONFIG_LIBDIR=os.path.join(prefix, "lib", "pkgconfig"))
    code, out = run(["pkg-config"] + list(args) + ["hypstub-" + arch], env=env)
    return out.strip() if code == 0 else None


def check_headers(prefix):
    """Each installed header alone, with the installed cflags, from outside the tree."""
    for a in ARCHS:
        cc = pkg_config(prefix, a, "--variable=cc")
        cflags = pkg_config(prefix, a, "--cflags")
        if not cc or not cflags:
            report(False, "pkg-config hypstub-%s" % a, "no cc or cflags")
            continue
        headers = sorted(glob.glob(os.path.join(prefix, "include", "hypstub", "*.h"))) + sorted(
            glob.glob(os.path.join(prefix, "lib", "hypstub", a, "include", "arch", "*.h")))
        bad = []
        with tempfile.TemporaryDirectory(prefix="hypstub-sdk-") as tmp:
            for h in headers:
                inc = os.path.relpath(h, os.path.dirname(os.path.dirname(h)))
                src = os.path.join(tmp, "one.c")
                with open(src, "w") as f:
                    f.write("#include <%s>\n" % inc)
                code, out = run([cc] + cflags.split() + ["-std=gnu11", "-Wall", "-Wextra",
                                 "-Werror", "-M", src], cwd=tmp)
                if code:
                    bad.append("%s: %s" % (inc, out.strip().splitlines()[0] if out else code))
                    continue
                deps = out.replace("\\\n", " ").split(":", 1)[1].split()
                for d in deps[1:]:
                    d = os.path.realpath(os.path.join(tmp, d))
                    if d.startswith(ROOT + os.sep) and not d.startswith(prefix + os.sep):
                        bad.append("%s pulls in %s from the tree" % (inc, d))
        report(not bad, "%s: %d installed headers compile alone from the prefix" % (
            a, len(headers)), "; ".join(bad[:4]))


def check_no_tree_paths(prefix):
    bad = []
    for rel in sorted(files_under(prefix)):
        if rel.endswith((".h", ".pc", ".ld")):
            with open(os.path.join(prefix, rel), errors="replace") as f:
                text = f.read().replace(prefix, "PREFIX")
            if ROOT in text or "build/" in text:
                bad.append(rel)
    report(not bad, "no installed header, linker script or .pc names the tree", ", ".join(bad))


def check_example(prefix):
    with tempfile.TemporaryDirectory(prefix="hypstub-hello-") as tmp:
        src = os.path.join(tmp, "hello-kernel")
        shutil.copytree(os.path.join(ROOT, "examples", "hello-kernel"), src,
                        ignore=shutil.ignore_patterns("build"))
        with open(os.path.join(src, "Makefile")) as f:
            lines = len(f.read().splitlines())
        report(lines <= 20, "the example's Makefile has %d lines (at most 20)" % lines)
        for a in ARCHS:
            fdt = libfdt_for(a)
            if not fdt:
                results[2] += 1
                print("  SKIP %s: example: no libfdt.a under build/deps (the build fetches it)"
                      % a, flush=True)
                continue
            env = clean_env(PKG_CONFIG_PATH=os.path.join(prefix, "lib", "pkgconfig"),
                            PKG_CONFIG="pkg-config --define-variable=libfdt=%s" % fdt)
            code, out = run(["make", "ARCH=" + a], cwd=src, env=env)
            elf = os.path.join(src, "build", a, "hello.elf")
            if not report(code == 0 and os.path.isfile(elf),
                          "%s: example built from the prefix alone" % a, out.strip()[-600:]):
                continue
            try:
                code, out = run(["make", "--no-print-directory", "run", "ARCH=" + a,
                                 "PAYLOAD=" + elf], timeout=240)
            except subprocess.TimeoutExpired:
                report(False, "%s: make run PAYLOAD=hello.elf" % a, "timed out")
                continue
            pos, missing = 0, None
            for want in HELLO_LINES:
                at = out.find(want, pos)
                if at < 0:
                    missing = want
                    break
                pos = at + len(want)
            ok = code == 0 and missing is None and "UNEXPECTED" not in out
            if not ok:
                print(out[-3000:])
            report(ok, "%s: make run PAYLOAD=hello.elf: two arrivals, exit code %d" % (a, code),
                   "missing %r" % missing if missing else "")


def make(*args):
    return run(["make", "--no-print-directory"] + list(args))


def main():
    if not shutil.which("pkg-config"):
        print("  SKIP every SDK check: no pkg-config (scripts/bootstrap.sh installs pkgconf)")
        print("sdk: 0 passed, 0 failed, 1 skipped")
        return 0
    shutil.rmtree(WORK, ignore_errors=True)
    prefix = os.path.join(WORK, "prefix")
    foreign = {"include/other.h", "lib/pkgconfig/other.pc", "share/hypstub-notes.txt"}
    for rel in foreign:
        os.makedirs(os.path.dirname(os.path.join(prefix, rel)), exist_ok=True)
        with open(os.path.join(prefix, rel), "w") as f:
            f.write("not hypstub's\n")
    want = expected_files()

    code, out = make("install", "PREFIX=" + prefix)
    got = files_under(prefix) - foreign
    report(code == 0 and got == want, "make install: %d files, as documented" % len(got),
           "exit %d; missing %s; unexpected %s; %s" % (code, sorted(want - got)[:5],
                                                        sorted(got - want)[:5], out[-400:]))
    check_headers(prefix)
    check_no_tree_paths(prefix)
    check_example(prefix)

    make("uninstall", "ARCH=arm", "PREFIX=" + prefix)
    left = files_under(prefix) - foreign
    arm_only = {f for f in want if "/arm/" in f or f.endswith("hypstub-arm.pc")}
    report(left == want - arm_only, "make uninstall ARCH=arm: the arm files go, arm64's stay",
           "left %s" % sorted(left ^ (want - arm_only))[:5])
    code, out = make("uninstall", "PREFIX=" + prefix)
    left = files_under(prefix)
    dirs = [d for d in ("include/hypstub", "lib/hypstub", "share/hypstub")
            if os.path.exists(os.path.join(prefix, d))]
    report(code == 0 and left == foreign and not dirs,
           "make uninstall: everything installed is gone, the foreign files stay",
           "exit %d; left %s; dirs %s" % (code, sorted(left ^ foreign)[:5], dirs))

    stage = os.path.join(WORK, "stage")
    code, out = make("install", "DESTDIR=" + stage, "PREFIX=/usr/local")
    staged = files_under(stage)
    under = {os.path.relpath(f, "usr/local") for f in staged if f.startswith("usr/local/")}
    pc = os.path.join(stage, "usr", "local", "lib", "pkgconfig", "hypstub-arm64.pc")
    pc_ok = os.path.isfile(pc) and "prefix=/usr/local\n" in open(pc).read()
    report(code == 0 and under == want and len(under) == len(staged) and pc_ok,
           "make install DESTDIR=: the same %d files under $DESTDIR/usr/local" % len(under),
           "exit %d; differ %s; prefix in .pc %s" % (code, sorted(under ^ want)[:5], pc_ok))
    code, out = make("install", "PREFIX=relative/prefix")
    report(code != 0 and "not an absolute path" in out
           and not os.path.exists(os.path.join(ROOT, "relative")),
           "make install PREFIX=relative/prefix: refused, nothing written", out[-300:])

    shutil.rmtree(WORK, ignore_errors=True)
    print("sdk: %d passed, %d failed, %d skipped" % tuple(results))
    return 1 if results[1] else 0


if __name__ == "__main__":
    sys.exit(main())
