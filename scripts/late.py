#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Late launch under Debian's own arm64 kernel: the reusable pieces, and `make late-launch`.

Pieces (import scripts/late.py as a module; tests/late.py and the
conformance and benchmark runs use them):
  fetch(linux)            scripts/fetch-linux-late.sh: Debian's kernel, its headers
                          (+ the host's kbuild) and an arm64 userland, cached in
                          build/late/; raises Skip when the mirror is unreachable
  build_module(info)      linux/ built against those headers (a copy of the sources
                          in build/late/module-<LINUX>/): the .ko's path
  build_static(src, out)  a freestanding static arm64 program (no libc: raw syscalls)
  write_cpio(out, files)  a newc cpio archive, written in Python
  initramfs(out, ...)     busybox-static + kexec (with the shared libraries it needs),
                          /init (a busybox sh script) and any extra files
  qemu_command(...)       QEMU virt at EL2, GICv3 without ITS (kexec needs that),
                          Debian's Image booted directly (no hypstub shim)
  boot(...)               one run: its transcript, the "@@ step: ok|FAIL" lines judged
The /init script runs the shell functions of LIB_SH and the steps it is
given; each step prints "@@ <name>: ok [detail]" or "@@ <name>: FAIL <why>";
"@@ end" closes the run, then `poweroff -f` ends QEMU.

`make late-launch` (SMP=, CPU=, LINUX=): python3 scripts/late.py --smp N --cpu C
[--linux V]: install on every CPU, a write to kernel text caught, a CPU
offline and back, removal and a second load, kexec -e into a second kernel.
Exit 0 when every step matched, 1 when one did not, 77 when skipped (no
network to Debian's mirror and nothing cached).
"""
import argparse
import fcntl
import os
import re
import shutil
import stat
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import hsqemu  # noqa: E402

SKIP_CODE = 77
CROSS = "aarch64-linux-gnu-"
STEP = re.compile(r"^@@ ([\w.-]+): (ok|FAIL)\b ?(.*)$", re.M)


class Skip(Exception):
    """What the run needs cannot be had (no network, nothing cached)."""


def fetch(linux=None):
    """Debian's kernel LINUX (default: linux-image-cloud-arm64's), its headers and
    the userland: a dict with LINUX, IMAGE, HEADERS, USERLAND."""
    cmd = [os.path.join(ROOT, "scripts", "fetch-linux-late.sh")] + ([linux] if linux else [])
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    for line in proc.stderr.splitlines():
        print("  " + line, flush=True)
    if proc.returncode == 77:
        raise Skip((proc.stderr.strip().splitlines() or ["fetch-linux-late.sh: skipped"])[-1])
    if proc.returncode != 0:
        raise RuntimeError("fetch-linux-late.sh failed (%d): %s" % (proc.returncode,
                                                                   proc.stderr.strip()))
    return dict(line.split("=", 1) for line in proc.stdout.split() if "=" in line)


def build_module(info, hyp_bin=None, src=None, tag=""):
    """linux/ (or `src`) built against info["HEADERS"] in
    build/late/module-<LINUX><tag>/: the .ko."""
    hyp_bin = os.path.abspath(hyp_bin or os.path.join(ROOT, "build", "arm64", "hyp.bin"))
    if not os.path.isfile(hyp_bin):
        raise RuntimeError("no %s: run `make ARCH=arm64 all` first" % hyp_bin)
    out = os.path.join(ROOT, "build", "late", "module-" + info["LINUX"] + tag)
    os.makedirs(out, exist_ok=True)
    # One build at a time (two runs of this script may start together).
    with open(out + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_module(info, hyp_bin, out, src or os.path.join(ROOT, "linux"))


def _build_module(info, hyp_bin, out, src):
    for name in os.listdir(src):
        if os.path.isfile(os.path.join(src, name)):
            shutil.copy2(os.path.join(src, name), os.path.join(out, name))
    proc = subprocess.run(["make", "-C", out, "KDIR=" + info["HEADERS"], "HYP_BIN=" + hyp_bin,
                           "HYPSTUB_INCLUDE=" + os.path.join(ROOT, "include"),
                           "CROSS_COMPILE=" + CROSS],
                          capture_output=True, text=True, check=False)
    ko = os.path.join(out, "hypstub_hyp.ko")
    if proc.returncode != 0 or not os.path.isfile(ko):
        raise RuntimeError("module build failed:\n" + proc.stdout + proc.stderr)
    return ko


def build_static(src, out):
    """A freestanding static arm64 Linux program (raw syscalls, no libc), from
    `src` and the headers beside it."""
    here = os.path.dirname(src)
    deps = [src] + [os.path.join(here, f) for f in os.listdir(here) if f.endswith(".h")]
    if os.path.isfile(out) and os.path.getmtime(out) >= max(map(os.path.getmtime, deps)):
        return out
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run([CROSS + "gcc", "-static", "-nostdlib", "-ffreestanding", "-fno-stack-protector",
                    "-O2", "-Wall", "-Werror", "-o", out, src], check=True)
    return out


def write_cpio(out, entries):
    """A newc cpio archive. entries: (name, kind, value, mode), kind "dir" (value
    None), "file" (value: a host path or bytes), "link" (value: the target)."""
    def header(ino, mode, size, name, nlink=1):
        fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, len(name) + 1, 0]
        return b"070701" + b"".join(b"%08X" % f for f in fields) + name.encode() + b"\0"

    def pad(n):
        return b"\0" * ((4 - n % 4) % 4)

    with open(out + ".tmp", "wb") as f:
        for ino, (name, kind, value, mode) in enumerate(entries, 1):
            if kind == "dir":
                data, m = b"", stat.S_IFDIR | (mode or 0o755)
            elif kind == "link":
                data, m = value.encode(), stat.S_IFLNK | 0o777
            else:
                if isinstance(value, (bytes, bytearray)):
                    data = bytes(value)
                else:
                    with open(value, "rb") as src:
                        data = src.read()
                m = stat.S_IFREG | (mode or 0o755)
            h = header(ino, m, len(data), name, 2 if kind == "dir" else 1)
            f.write(h + pad(len(h)) + data + pad(len(data)))
        h = header(0, 0, 0, "TRAILER!!!")
        f.write(h + pad(len(h)))
    os.replace(out + ".tmp", out)


def elf_needed(path):
    out = subprocess.run([CROSS + "readelf", "-d", path], capture_output=True, text=True,
                         check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def userland_entries(userland, programs):
    """The programs and the shared libraries they need, from the unpacked Debian root."""
    libdirs = ["lib/aarch64-linux-gnu", "usr/lib/aarch64-linux-gnu", "lib"]
    entries, seen, todo = [], set(), list(programs)
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        host = os.path.join(userland, rel)
        if not os.path.exists(host):
            raise RuntimeError("%s is not in %s" % (rel, userland))
        real = os.path.realpath(host)
        entries.append((rel, real))
        for lib in elf_needed(real):
            for d in libdirs:
                if os.path.exists(os.path.join(userland, d, lib)):
                    todo.append(os.path.join(d, lib))
                    break
            else:
                raise RuntimeError("%s needs %s, not in %s" % (rel, lib, userland))
    # The dynamic loader, by the path the programs name.
    entries.append(("lib/ld-linux-aarch64.so.1",
                    os.path.realpath(os.path.join(userland, "lib", "ld-linux-aarch64.so.1"))))
    return entries


# Shell functions every /init has (busybox sh).
LIB_SH = r"""
hs=/sys/kernel/hypstub
ok() { echo "@@ $1: ok${2:+ $2}"; }
fail() { echo "@@ $1: FAIL $2"; FAILED=1; }
# The CPUs online now, one number a line.
online_cpus() {
	for d in /sys/devices/system/cpu/cpu[0-9]*; do
		c=${d##*/cpu}
		if [ ! -f $d/online ] || [ "$(cat $d/online)" = 1 ]; then echo $c; fi
	done
}
ncpus() { online_cpus | wc -l; }
# Every online CPU reports the hypervisor (version 1), and its count agrees.
check_all_installed() {
	for c in $(online_cpus); do
		[ "$(cat $hs/cpu$c/installed 2>/dev/null)" = 1 ] || { echo "CPU $c: not installed"; return 1; }
		[ "$(cat $hs/cpu$c/version)" = 1 ] || { echo "CPU $c: version $(cat $hs/cpu$c/version)"; return 1; }
	done
	[ "$(cat $hs/cpus)" = "$(ncpus)" ] || { echo "status says $(cat $hs/cpus) CPUs, $(ncpus) online"; return 1; }
}
stub_back_count() { dmesg | grep -c "Linux's stub back at VBAR_EL2"; }
# insmod the module, every CPU checked: prints why not.
load() {
	insmod /hypstub_hyp.ko "$@" 2>&1 || { dmesg | grep hypstub | tail -n 3; return 1; }
	check_all_installed
}
# rmmod, the module's own check (VBAR_EL2 is Linux's stub's again) on every CPU.
unload() {
	before=$(stub_back_count)
	rmmod hypstub_hyp 2>&1 || return 1
	[ ! -d $hs ] || { echo "$hs still there"; return 1; }
	after=$(stub_back_count)
	[ $((after - before)) = "$(ncpus)" ] || { echo "$((after - before)) CPUs report Linux's stub back, not $(ncpus)"; return 1; }
}
# One step: its output becomes the detail.
step() {
	name=$1
	shift
	echo "$name" >/tmp/beat
	if out=$("$@" 2>&1); then ok $name "$(echo $out | tail -c 200)"; else fail $name "$(echo $out | tail -c 300)"; fi
}

step_install() { load && echo "installed on $(cat $hs/cpus) of $(ncpus) CPUs, version $(cat $hs/version)"; }
# Every CPU's faults, "N N ...", in CPU order.
cpu_faults() { for c in $(online_cpus); do printf "%s " "$(cat $hs/cpu$c/faults)"; done; }
# A write to kernel text from each CPU in turn: -EFAULT, and counted on
# that CPU alone (cpuN/faults), the total rising by one each time.
step_protect() {
	f0=$(cat $hs/faults)
	for c in $(online_cpus); do
		before=$(cpu_faults)
		r=$(taskset -c $c cat $hs/text_write_test)
		[ "$r" = -14 ] || { echo "CPU $c: a write to kernel text answered $r, not -EFAULT (-14)"; return 1; }
		after=$(cpu_faults)
		i=0
		for b in $before; do
			set -- $after
			shift $i
			want=$b; [ $i = $c ] && want=$((b + 1))
			[ "$1" = $want ] || { echo "CPU $c wrote: CPU $i's faults $b -> $1 (faults before: $before, after: $after)"; return 1; }
			i=$((i + 1))
		done
	done
	f1=$(cat $hs/faults)
	[ $((f1 - f0)) = $(ncpus) ] || { echo "faults went from $f0 to $f1 after $(ncpus) writes"; return 1; }
	echo "a write to kernel text from each CPU: -EFAULT, counted on that CPU; faults $f0 -> $f1, $(cat $hs/protected) bytes protected"
}
step_hotplug() {
	n=$(ncpus)
	[ $n -gt 1 ] || { echo "one CPU: nothing to take offline"; return 0; }
	for c in $(online_cpus); do
		[ $c = 0 ] && continue
		echo 0 > /sys/devices/system/cpu/cpu$c/online || return 1
		[ "$(cat $hs/cpus)" = $((n - 1)) ] || { echo "CPU $c offline: status says $(cat $hs/cpus) CPUs"; return 1; }
		[ "$(cat $hs/cpu$c/installed)" = 0 ] || { echo "CPU $c offline but installed"; return 1; }
		echo 1 > /sys/devices/system/cpu/cpu$c/online || return 1
		check_all_installed || return 1
	done
	echo "CPUs 1-$((n - 1)) offline and back, each given up and reinstalled"
}
step_remove() { unload && echo "removed from $(ncpus) CPUs, Linux's stub back on each"; }
step_reload() { load && unload && echo "second insmod and rmmod"; }
step_unprotected() {
	load protect=0 || return 1
	r=$(cat $hs/text_write_test)
	unload || return 1
	[ "$r" = 0 ] || { echo "protect=0: the write answered $r"; return 1; }
	echo "protect=0: the same write goes through"
}
# The cycles: tests/linux/cycles.c, the checks of load and unload without
# a fork for each file it reads.
step_cycles() {
	dmesg -n 5
	/hs-cycles /hypstub_hyp.ko $1 $(ncpus) 2>/dev/console
	r=$?
	dmesg -n 7
	return $r
}
step_kexec() {
	load || return 1
	kexec -l /Image --initrd=/stage2.cpio --append="$1" 2>&1 || return 1
	echo "@@ kexec: loading"
	kexec -e 2>&1
	echo "kexec -e returned"
	return 1
}
"""

INIT_HEAD = r"""#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp /bin /sbin
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/busybox mount -t devtmpfs dev /dev
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
FAILED=0
. /lib.sh
# A watchdog: when no step or cycle moved for 100 s, the kernel's view of
# every task (sysrq w: blocked tasks, l: every CPU's backtrace) and each
# task's state and wait channel go to the console, once a stall.
(
	last=
	while sleep 100; do
		now=$(cat /tmp/beat 2>/dev/null)
		if [ "$now" = "$last" ]; then
			dmesg -n 7
			echo "@@@ watchdog: no progress for 100 s (at: $now)" >/dev/console
			echo w >/proc/sysrq-trigger
			echo l >/proc/sysrq-trigger
			for p in /proc/[0-9]*; do
				echo "@@@ task ${p#/proc/} $(cat $p/comm) $(cut -d' ' -f3 $p/stat) $(cat $p/wchan)"
			done >/dev/console 2>/dev/null
		fi
		last=$now
	done
) &
"""

INIT_TAIL = r"""
echo "@@ end"
poweroff -f
"""


def initramfs(out, steps, userland, extra=(), programs=("bin/busybox",)):
    """An initramfs whose /init runs `steps` (shell lines) after LIB_SH.
    extra: (name in the archive, host path or bytes, mode)."""
    entries = [(d, "dir", None, 0o755) for d in ("bin", "sbin", "lib", "lib/aarch64-linux-gnu",
                                                 "proc", "sys", "dev", "tmp")]
    for rel, host in userland_entries(userland, programs):
        entries.append((rel, "file", host, 0o755))
    entries.append(("lib.sh", "file", LIB_SH.encode(), 0o644))
    entries.append(("init", "file", (INIT_HEAD + steps + INIT_TAIL).encode(), 0o755))
    for name, value, mode in extra:
        entries.append((name, "file", value, mode))
    # Every parent folder before its files.
    have = {e[0] for e in entries if e[1] == "dir"}
    dirs = []
    for name in [e[0] for e in entries]:
        parent = os.path.dirname(name)
        while parent and parent not in have:
            have.add(parent)
            dirs.append(parent)
            parent = os.path.dirname(parent)
    entries = [(d, "dir", None, 0o755) for d in sorted(dirs, key=len)] + entries
    write_cpio(out, entries)
    return out


def qemu_command(image, initrd, cpu="cortex-a57", smp=1, append="", memory="2G"):
    """Debian's Image at EL2 on QEMU virt, GICv3 with the ITS off (with it on, a
    kexec'd kernel is overwritten by the first one's LPI tables)."""
    # On max, pointer authentication with QEMU's implementation defined
    # algorithm (pauth-impdef, ID_AA64ISAR1_EL1.API rather than APA): Linux
    # uses either, and the architected QARMA costs most of TCG's time.
    if cpu == "max":
        cpu = "max,pauth-impdef=on"
    cmd = ["qemu-system-aarch64", "-M", "virt,virtualization=on,gic-version=3,its=off",
           "-cpu", cpu, "-smp", str(smp), "-m", memory, "-nographic", "-nic", "none",
           "-no-reboot", "-kernel", image, "-initrd", initrd,
           "-append", "console=ttyAMA0 panic=-1 sysctl.kernel.hung_task_timeout_secs=30 " + append]
    if int(smp) > 1:
        cmd += ["-accel", "tcg,thread=multi"]
    return cmd


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_snapshot(port):
    """Where every vCPU is (PC, exception level), from QEMU's gdb stub: what a
    silent hang leaves to look at."""
    proc = subprocess.run(["gdb-multiarch", "-nx", "-batch", "-ex", "set architecture aarch64",
                           "-ex", "target remote 127.0.0.1:%d" % port, "-ex", "info threads",
                           "-ex", "thread apply all info registers pc cpsr sp x0 x1 x30",
                           "-ex", "detach"],
                          capture_output=True, text=True, timeout=120, check=False)
    return proc.stdout + proc.stderr


def boot(cmd, log_path, timeout=300, echo=None, stall=120):
    """One QEMU run: (exit code, transcript text). echo: a function given each
    transcript line as it arrives (None: quiet). When the console stays silent
    for `stall` seconds, the vCPUs' registers go into the log (gdb), once."""
    import threading
    import time
    port = free_port()
    cmd = list(cmd) + ["-gdb", "tcp:127.0.0.1:%d" % port]
    last = [time.monotonic()]
    done = threading.Event()
    log_lock = threading.Lock()

    def watch(log):
        while not done.wait(5):
            if time.monotonic() - last[0] > stall:
                text = gdb_snapshot(port)
                with log_lock:
                    log.write(("\n[late] console silent for %d s; the vCPUs:\n%s\n"
                               % (stall, text)).encode())
                    log.flush()
                if echo:
                    echo("[late] console silent for %d s; vCPUs in %s" % (stall, log_path))
                return

    class Out:
        def __init__(self):
            self.buf = b""

        def write(self, chunk):
            last[0] = time.monotonic()
            if echo is None:
                return
            self.buf += chunk
            *lines, self.buf = self.buf.split(b"\n")
            for line in lines:
                echo(line.decode("utf-8", "replace").rstrip("\r"))

        def flush(self):
            pass

    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    with open(log_path, "wb") as log:
        log.write(("$ " + " ".join(cmd) + "\n").encode())
        watcher = threading.Thread(target=watch, args=(log,), daemon=True)
        watcher.start()
        try:
            code, data = hsqemu.run(cmd, timeout, out=Out(), log=log,
                                    more_stops=(b"Kernel panic - not syncing",))
        finally:
            done.set()
            watcher.join()
    return code, data.decode("utf-8", "replace").replace("\r", "")


def judge(text, expected):
    """Problems with a transcript: each of `expected` (step names, or
    ("line", text) for a console line that must appear, in order) must be there."""
    problems, pos = [], 0
    steps = {m.group(1): m for m in STEP.finditer(text)}
    for m in STEP.finditer(text):
        if m.group(2) == "FAIL":
            problems.append("%s: FAIL %s" % (m.group(1), m.group(3)))
    for want in expected:
        if isinstance(want, tuple):
            at = text.find(want[1], pos)
            if at < 0:
                problems.append("missing console line %r" % want[1])
            else:
                pos = at
            continue
        m = steps.get(want)
        if not m:
            problems.append("step %s never reported" % want)
        elif m.group(2) == "ok":
            pos = max(pos, m.start())
    return problems


STAGE2 = r"""
n=$(ncpus)
dmesg | grep -E "CPU: All CPU\(s\) started at EL2|SMP: Total of" | sed 's/^/    /'
if dmesg | grep -q "CPU: All CPU(s) started at EL2"; then ok stage2-el2 "second kernel: every CPU started at EL2"; else fail stage2-el2 "no EL2 line"; fi
if [ "$n" = "$WANT_CPUS" ]; then ok stage2-cpus "$n CPUs up"; else fail stage2-cpus "$n CPUs up, not $WANT_CPUS"; fi
"""


def late_launch_plan(smp, cycles, append):
    """The steps of one late-launch boot (the issue's transcript) and what must appear."""
    steps = ["step install step_install", "step protect step_protect",
             "step hotplug step_hotplug", "step remove step_remove", "step reload step_reload",
             "step unprotected step_unprotected"]
    want = [("line", "CPU: All CPU(s) started at EL2"), "install", "protect", "hotplug",
            "remove", "reload", "unprotected"]
    if cycles:
        steps.append("step cycles step_cycles %d" % cycles)
        want.append("cycles")
    steps.append("step kexec step_kexec '%s late_stage=2'" % append)
    want += [("line", "removed from every CPU before kexec reboot"),
             ("line", "Starting new kernel"), ("line", "CPU: All CPU(s) started at EL2"),
             "stage2-el2", "stage2-cpus"]
    return "\n".join(steps) + "\n", want


# The refusals and the lock: (steps, what must appear).
REFUSE_SH = r"""
# insmod must fail, saying $1, and leave nothing behind.
step_refused() {
	if insmod /hypstub_hyp.ko 2>/tmp/err; then echo "insmod succeeded"; rmmod hypstub_hyp; return 1; fi
	dmesg | grep -q "$1" || { echo "no \"$1\" in the kernel log: $(dmesg | grep hypstub | tail -n 2)"; return 1; }
	[ ! -d $hs ] || { echo "$hs exists"; return 1; }
	lsmod | grep -q hypstub && { echo "module still listed"; return 1; }
	echo "refused ($(cat /tmp/err | tail -c 80)): $1"
}
# A CPU whose install fails (CPU 8: the image has slots for 0-7): insmod
# refused, every CPU it had reached given up again, Linux's stub back on each.
step_rollback() {
	installed=$(dmesg | grep -c "installed (Linux's stub at VBAR_EL2")
	back=$(stub_back_count)
	step_refused "slots for CPUs 0-7 only" >/tmp/out || { cat /tmp/out; return 1; }
	installed=$(($(dmesg | grep -c "installed (Linux's stub at VBAR_EL2") - installed))
	back=$(($(stub_back_count) - back))
	[ $installed -ge 8 ] || { echo "installed on $installed CPUs before the refusal, not 8 or more"; return 1; }
	[ $back = $installed ] || { echo "installed $installed times, Linux's stub back $back times"; return 1; }
	# Nothing changed: with CPU 8 offline it loads and unloads on 0-7.
	echo 0 > /sys/devices/system/cpu/cpu8/online || return 1
	load && unload || return 1
	echo 1 > /sys/devices/system/cpu/cpu8/online || return 1
	echo "CPU 8 refused, 0-7 given up again ($back removals, Linux's stub back on each); CPU 8 offline: loads on 0-7"
}
step_kvm_vm() {
	/kvm-hold >/tmp/kvm 2>&1 &
	echo $! >/tmp/kvm.pid
	i=0
	while ! grep -q "VM created" /tmp/kvm; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "kvm-hold: $(cat /tmp/kvm)"; return 1; }; sleep 0.1
	done
	echo "a VM exists: KVM holds EL2"
}
step_kvm_gone() {
	pid=$(cat /tmp/kvm.pid)
	kill $pid
	i=0
	# Ended: gone, or a zombie (its files, the VM's too, closed).
	while [ -d /proc/$pid ] && ! grep -q "^State:.*Z" /proc/$pid/status 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "kvm-hold does not end"; return 1; }; sleep 0.1
	done
	load && unload && echo "VM gone: installed and removed on every CPU"
}
step_lock() {
	load lock=1 || return 1
	[ "$(cat $hs/locked)" = 1 ] || { echo "not locked"; return 1; }
	rmmod hypstub_hyp 2>/dev/null && { echo "rmmod succeeded"; return 1; }
	check_all_installed || return 1
	if [ "$(ncpus)" -gt 1 ]; then
		echo 0 > /sys/devices/system/cpu/cpu1/online 2>/dev/null && { echo "CPU 1 went offline"; return 1; }
		check_all_installed || return 1
	fi
	[ "$(cat $hs/text_write_test)" = -14 ] || { echo "protection gone"; return 1; }
	echo "locked: rmmod and CPU offline refused, still installed and protecting; now PSCI power-off"
}
"""

PLANS = {
    # cpu, append, (steps, want)
    "vhe": ("max", "", ("step vhe step_refused 'refused: Linux itself runs at EL2 (VHE)'\n",
                        [("line", "VHE mode initialized successfully"), "vhe"])),
    "kvm-vm": ("cortex-a57", "", ("step kvm-vm step_kvm_vm\n"
                                  "step kvm-refused step_refused 'held by another hypervisor'\n"
                                  "step kvm-gone step_kvm_gone\n",
                                  [("line", "Hyp mode initialized successfully"), "kvm-vm",
                                   "kvm-refused", "kvm-gone"])),
    "pkvm": ("cortex-a57", "kvm-arm.mode=protected",
             ("step pkvm step_refused 'held by another hypervisor'\n",
              [("line", "Protected nVHE mode initialized successfully"), "pkvm"])),
    "rollback": ("cortex-a57", "kvm-arm.mode=none",
                 ("step rollback step_rollback\n",
                  [("line", "SMP: Total of 9 processors activated"), "rollback"])),
    "lock": ("cortex-a57", "kvm-arm.mode=none", ("step lock step_lock\n",
                                                 ["lock", ("line", "reboot: Power down")])),
}


def extra_files(info, ko):
    """What every first-stage initramfs carries: the module, kvm-hold and hs-cycles."""
    programs = [build_static(os.path.join(ROOT, "tests", "linux", src + ".c"),
                             os.path.join(ROOT, "build", "late", name))
                for src, name in (("kvm_hold", "kvm-hold"), ("cycles", "hs-cycles"))]
    return [("hypstub_hyp.ko", ko, 0o644), ("kvm-hold", programs[0], 0o755),
            ("hs-cycles", programs[1], 0o755)]


def make_initrds(info, ko, smp, cycles, append, out_dir, plan=None):
    """The first kernel's initramfs and what its transcript must show: the
    late-launch plan (with kexec, the Image and a second initramfs) or one of PLANS."""
    os.makedirs(out_dir, exist_ok=True)
    user = info["USERLAND"]
    if plan:
        steps, want = PLANS[plan][2]
        first = initramfs(os.path.join(out_dir, "initrd.cpio"), REFUSE_SH + steps, user,
                          extra=extra_files(info, ko))
        return first, want
    stage2 = initramfs(os.path.join(out_dir, "stage2.cpio"),
                       "WANT_CPUS=%d\n" % smp + STAGE2, user)
    steps, want = late_launch_plan(smp, cycles, append)
    first = initramfs(os.path.join(out_dir, "initrd.cpio"), steps, user,
                      extra=extra_files(info, ko) + [("Image", info["IMAGE"], 0o644),
                                                     ("stage2.cpio", stage2, 0o644)],
                      programs=("bin/busybox", "sbin/kexec"))
    return first, want


def run_plan(info, ko, cpu, smp, cycles=0, plan=None, timeout=600, echo=None, tag=""):
    """One boot: (problems, log path). cpu "max" runs nVHE (id_aa64mmfr1.vh=0)
    in the late-launch plan; PLANS name their own CPU and command line."""
    if plan:
        cpu, append = PLANS[plan][0], PLANS[plan][1]
    else:
        append = "kvm-arm.mode=none" + (" id_aa64mmfr1.vh=0" if cpu.startswith("max") else "")
    name = "%s-%s-smp%d%s" % (plan or "late", cpu, smp, tag)
    out_dir = os.path.join(ROOT, "build", "late", "runs", info["LINUX"], name)
    initrd, want = make_initrds(info, ko, smp, cycles, append, out_dir, plan)
    cmd = qemu_command(info["IMAGE"], initrd, cpu, smp, append)
    log = os.path.join(out_dir, "console.log")
    code, text = boot(cmd, log, timeout, echo)
    problems = judge(text, want)
    if code != 0:
        problems.append("QEMU ended with %d" % code)
    return problems, log, text


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--cpu", default="cortex-a57", help="cortex-a57, or max (run nVHE: "
                    "id_aa64mmfr1.vh=0 is added to the command line)")
    ap.add_argument("--linux", default=os.environ.get("LINUX") or None,
                    help="a Debian kernel package version, e.g. 6.1.0-57-cloud-arm64")
    ap.add_argument("--cycles", type=int, default=0, help="install/remove cycles")
    ap.add_argument("--plan", choices=sorted(PLANS), help="a refusal or the lock, not the late launch")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--verbose", action="store_true", help="the whole console, not the transcript")
    args = ap.parse_args()
    try:
        info = fetch(args.linux)
        ko = build_module(info)
    except Skip as why:
        print("late-launch: SKIPPED: %s" % why, flush=True)
        return SKIP_CODE
    except RuntimeError as why:
        print("late-launch: FAILED: %s" % why, flush=True)
        return 1
    print("late-launch: Debian %s, %s x%d, module %s" % (info["LINUX"], args.cpu, args.smp,
                                                          os.path.relpath(ko, ROOT)), flush=True)
    keep = re.compile(r"^@@ |hypstub|started at EL2|SMP: Total of|Starting new kernel|"
                      r"Kernel panic|Unable to handle|Internal error|\[hsqemu\]|^    ")

    def echo(line):
        if args.verbose or keep.search(line):
            print(line, flush=True)

    problems, log, _ = run_plan(info, ko, args.cpu, args.smp, args.cycles, args.plan,
                                args.timeout, echo)
    for p in problems:
        print("late-launch: %s" % p)
    print("late-launch: %s (console: %s)" % ("every step matched" if not problems else "FAILED",
                                            os.path.relpath(log, ROOT)), flush=True)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
