#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Debian's own arm64 Linux booted by QEMU at EL2 (nVHE, kvm-arm.mode=none,
Linux's stub in VBAR_EL2), with a module of linux/ built against Debian's
headers and a busybox initramfs that runs a few shell lines:

  kernel = fetch("")                    # scripts/fetch-linux-late.sh, cached in build/late/
  ko = build_module(kernel, "abi_check")  # linux/abi_check/ -> build/late/abi_check/abi_check.ko
  code, out = boot(kernel, [ko], ["insmod /abi_check.ko"], cpu="cortex-a57", smp=2)

fetch() raises Skip when the Debian mirror cannot be reached and nothing is
cached: callers report a SKIP, never a pass.
"""
import gzip
import os
import shutil
import stat
import subprocess

import hsqemu

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LATE = os.path.join(ROOT, "build", "late")
CMDLINE = "console=ttyAMA0 kvm-arm.mode=none panic=-1 rdinit=/init"
DONE = "LATE-DONE"


class Skip(Exception):
    """What a run needs cannot be had (no network, nothing cached)."""


def fetch(linux=""):
    """{name, image, headers, userland} of Debian's kernel package `linux`."""
    script = os.environ.get("LATE_FETCH", os.path.join(ROOT, "scripts", "fetch-linux-late.sh"))
    proc = subprocess.run(["sh", script] + ([linux] if linux else []), cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if proc.returncode == 2:
        raise Skip((proc.stderr.strip().splitlines() or ["no Debian kernel"])[-1])
    if proc.returncode != 0:
        raise RuntimeError("fetch-linux-late.sh failed: %s" % proc.stderr.strip()[-300:])
    kv = dict(ln.split("=", 1) for ln in proc.stdout.splitlines() if "=" in ln)
    return {"name": kv["LINUX"], "image": kv["IMAGE"], "headers": kv["HEADERS"],
            "userland": kv["USERLAND"]}


def build_module(kernel, name):
    """Build linux/<name>/ against the kernel's headers, from a copy in
    build/late/<name>/ (the source tree stays clean); the .ko's path."""
    src = os.path.join(ROOT, "linux", name)
    out = os.path.join(LATE, name)
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(src):
        if os.path.isfile(os.path.join(src, f)):
            shutil.copy2(os.path.join(src, f), os.path.join(out, f))
    proc = subprocess.run(["make", "-C", out, "KDIR=%s" % kernel["headers"],
                           "ABI_DIR=%s" % os.path.join(ROOT, "tests", "abi")],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError("module %s did not build:\n%s" % (name, proc.stdout[-2000:] +
                                                             proc.stderr[-2000:]))
    return os.path.join(out, name + ".ko")


def _cpio(entries):
    """A newc archive of (path, mode, data) entries."""
    out = bytearray()
    for ino, (path, mode, data) in enumerate(entries + [("TRAILER!!!", 0, b"")], 1):
        name = path.encode() + b"\0"
        hdr = b"070701" + b"".join(b"%08x" % v for v in (
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name), 0))
        out += hdr + name
        out += b"\0" * (-len(out) % 4)
        out += data
        out += b"\0" * (-len(out) % 4)
    return bytes(out)


def initramfs(kernel, files, script, path):
    """busybox, the files (copied to /), and /init running `script` then powering off."""
    init = "\n".join(["#!/bin/busybox sh",
                      "/bin/busybox --install -s /bin",
                      "mount -t proc proc /proc",
                      "mount -t sysfs sysfs /sys"] + script +
                     ["echo %s" % DONE, "poweroff -f"]) + "\n"
    entries = [("bin", stat.S_IFDIR | 0o755, b""), ("proc", stat.S_IFDIR | 0o755, b""),
               ("sys", stat.S_IFDIR | 0o755, b""), ("dev", stat.S_IFDIR | 0o755, b""),
               ("bin/busybox", stat.S_IFREG | 0o755,
                open(os.path.join(kernel["userland"], "bin", "busybox"), "rb").read()),
               ("init", stat.S_IFREG | 0o755, init.encode())]
    for f in files:
        entries.append((os.path.basename(f), stat.S_IFREG | 0o644, open(f, "rb").read()))
    with open(path, "wb") as f:
        f.write(gzip.compress(_cpio(entries), 1))
    return path


def boot(kernel, files, script, cpu="cortex-a57", smp=1, log_path=None, timeout=180,
         extra_cmdline="", icount=False):
    """Boot the kernel with the initramfs; (exit code, console bytes). Exit 0 once
    the script ran to its end; 3 at a kernel panic; 124 on timeout. With
    `icount`, QEMU counts instructions (-icount shift=0,sleep=off), as make bench."""
    os.makedirs(LATE, exist_ok=True)
    rd = initramfs(kernel, files, script, os.path.join(LATE, "initramfs-%d.cpio.gz" % os.getpid()))
    try:
        cmd = hsqemu.machine_command("arm64", cpu, smp, 3, 2, memory="1G")
        cmd[2] = cmd[2] + ",its=off"  # the machine: kexec needs the ITS off (issue 15)
        cmd += ["-kernel", kernel["image"], "-initrd", rd,
                "-append", (CMDLINE + " " + extra_cmdline).strip()]
        if icount:
            cmd += ["-icount", "shift=0,sleep=off"]
        elif smp > 1:
            cmd += ["-accel", "tcg,thread=multi"]
        log = open(log_path, "wb") if log_path else None
        try:
            if log:
                log.write((" ".join(cmd) + "\n").encode())
            return hsqemu.run(cmd, timeout, out=None, log=log, until=(DONE.encode() + b"\r",),
                              more_stops=hsqemu.LINUX_STOPS)
        finally:
            if log:
                log.close()
    finally:
        os.unlink(rd)
