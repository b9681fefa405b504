#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot hypstub on QEMU: one run, its console on stdout, its verdict as exit code.

Exit codes: the guest's own (semihosting) or 0 after PSCI SYSTEM_OFF;
3 when a "*** hypstub:" or "*** payload:" stop banner appears (QEMU is then
killed, since a stopped CPU would otherwise wait forever); 124 on timeout.
"""
import argparse
import os
import signal
import subprocess
import sys
import threading
import time

STOP_MARKERS = (b"*** hypstub: CPU stopped", b"*** hypstub: boot stopped",
                b"*** payload:", b"*** hypstub: stack smashing")


# Boards QEMU emulates, booted with their own Debian device tree (docs/BOARDS.md).
# arch; QEMU's machine arguments; the Debian kernel flavour that ships the
# tree (scripts/fetch-linux.sh) and the tree's path in it; the serial
# arguments that put the tree's stdout-path UART on stdio; where RAM
# starts; how many CPUs QEMU gives the board.
BOARDS = {
    "raspi3b": {"arch": "arm64", "machine": ["-M", "raspi3b"], "flavour": "arm64",
                "dtb": "broadcom/bcm2837-rpi-3-b.dtb", "ram": 0, "cpus": 4,
                # stdout-path is serial1, the mini UART: QEMU's second serial port
                "serial": ["-serial", "null", "-serial", "stdio"]},
    "zcu102": {"arch": "arm64", "machine": ["-M", "xlnx-zcu102,virtualization=on", "-m", "2G"],
               "flavour": "arm64", "dtb": "xilinx/zynqmp-zcu102-rev1.0.dtb", "ram": 0,
               "cpus": 4, "serial": ["-serial", "stdio", "-audiodev", "none,id=snd0"]},
    # Enters in SVC, never HYP: a board hypstub cannot fully serve, and says so.
    "raspi2b": {"arch": "arm", "machine": ["-M", "raspi2b"], "flavour": "armmp",
                "dtb": "bcm2836-rpi-2-b.dtb", "ram": 0, "cpus": 4, "serial": ["-serial", "stdio"]},
    "orangepi-pc": {"arch": "arm", "machine": ["-M", "orangepi-pc"], "flavour": "armmp",
                    "dtb": "sun8i-h3-orangepi-pc.dtb", "ram": 0x40000000, "cpus": 4,
                    "serial": ["-serial", "stdio"]},
}
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def fetch_board(board, echo=False):
    """The board's Debian device tree and kernel (scripts/fetch-linux.sh with
    the board's flavour, cached in build/linux/): (dtb, kernel, None), or
    (None, None, why there are none)."""
    b = BOARDS[board]
    proc = subprocess.run([os.path.join(ROOT, "scripts", "fetch-linux.sh"), b["arch"],
                           b["flavour"]], cwd=ROOT, capture_output=True, text=True, check=False)
    if echo:
        for line in proc.stderr.splitlines():
            print("  " + line, flush=True)
    kernel = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    kernel = os.path.join(ROOT, kernel) if kernel else ""
    dtb = os.path.join(os.path.dirname(kernel), "dtbs", b["dtb"]) if kernel else ""
    if proc.returncode == 0 and os.path.isfile(kernel) and os.path.isfile(dtb):
        return dtb, kernel, None
    return None, None, "no Debian %s tree for %s: %s" % (b["flavour"], board, (
        proc.stderr.strip().splitlines() or ["%s missing from the package" % b["dtb"]])[-1])


def board_machine(board, machine=None, dtb=None, arch=None, smp=None):
    """QEMU for a board (or any machine: `machine` is -M's argument, `dtb` its tree), nothing loaded."""
    if board:
        b = BOARDS[board]
        binary = "qemu-system-aarch64" if b["arch"] == "arm64" else "qemu-system-arm"
        args = list(b["machine"]) + ["-dtb", dtb] + list(b["serial"])
    else:
        binary = "qemu-system-aarch64" if arch == "arm64" else "qemu-system-arm"
        args = ["-M", machine] + (["-dtb", dtb] if dtb else []) + ["-serial", "stdio"]
        if smp:
            args += ["-smp", str(smp)]
    return [binary] + args + ["-display", "none", "-monitor", "none", "-nic", "none",
                              "-no-reboot", "-semihosting-config", "enable=on,target=native"]


def board_command(board, shim, payload, append=None, machine=None, dtb=None, arch=None,
                  smp=None, extra=()):
    """The shim and its payload on a board: QEMU's Linux loader, the board's tree."""
    cmd = board_machine(board, machine, dtb, arch, smp) + ["-kernel", shim, "-initrd", payload]
    if append:
        cmd += ["-append", append]
    return cmd + list(extra)


def board_kexec_command(board, shim, payload, kernel, cmdline, payload_args="", machine=None,
                        dtb=None, arch=None, smp=None, ram=None):
    """kexec_command's staging on a board: the kernel 256 MiB into its RAM; the
    kernel gets the payload's own tree (the board's, as QEMU and the shim left it)."""
    base = BOARDS[board]["ram"] if board else (ram or 0)
    stage = base + 0x10000000
    loaders = ["-device", "loader,file=%s,addr=%#x,force-raw=on" % (kernel, stage)]
    args = "kexec=%#x,%d" % (stage, os.path.getsize(kernel))
    if payload_args:
        args += " " + payload_args
    args += " -- " + cmdline
    return board_command(board, shim, payload, args, machine, dtb, arch, smp, loaders)


def machine_command(arch, cpu, smp, gic, el, memory="512M"):
    """QEMU and its machine, with nothing loaded yet: no network, semihosting on."""
    machine = "virt,gic-version=%s" % gic
    if str(el) == "2":
        machine += ",virtualization=on"
    if arch == "arm64":
        binary = "qemu-system-aarch64"
    else:
        binary = "qemu-system-arm"
    return [binary, "-M", machine, "-cpu", cpu, "-smp", str(smp), "-m", memory,
            "-nographic", "-nic", "none", "-no-reboot",
            "-semihosting-config", "enable=on,target=native"]


def qemu_command(arch, cpu, smp, gic, el, shim, payload, append=None, icount=False,
                 memory="512M", extra=()):
    """The shim booted by QEMU's own Linux loader (-kernel), the payload as its initrd."""
    cmd = machine_command(arch, cpu, smp, gic, el, memory) + ["-kernel", shim, "-initrd", payload]
    if append:
        cmd += ["-append", append]
    if icount:
        cmd += ["-icount", "shift=0"]
    elif int(smp) > 1:
        cmd += ["-accel", "tcg,thread=multi"]  # the CPUs really run at once
    cmd += list(extra)
    return cmd


RAM_BASE = 0x40000000
# The kexec boots: the kernel is put in RAM by QEMU's generic loader this
# far into RAM (clear of the shim, its payload and QEMU's initrd), its
# device tree, if any, on the next MiB after it.
KEXEC_STAGE = RAM_BASE + 0x10000000
KEXEC_CMDLINE = "console=ttyAMA0 panic=-1"
# Linux stops for good here (no root file system, or any other panic).
LINUX_STOPS = (b"Kernel panic - not syncing",)


def fetch_linux(arch, echo=False):
    """Debian's kernel for `arch` through scripts/fetch-linux.sh (cached in
    build/linux/): (path, None), or (None, why there is none). With `echo`,
    the script's progress lines are printed."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    proc = subprocess.run([os.path.join(root, "scripts", "fetch-linux.sh"), arch], cwd=root,
                          capture_output=True, text=True, check=False)
    if echo:
        for line in proc.stderr.splitlines():
            print("  " + line, flush=True)
    path = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    if proc.returncode == 0 and path and os.path.isfile(os.path.join(root, path)):
        return os.path.join(root, path), None
    return None, "no Debian %s kernel: %s" % (
        arch, (proc.stderr.strip().splitlines() or ["fetch-linux.sh failed"])[-1])


def kexec_command(arch, cpu, smp, gic, el, shim, payload, kernel, dtb=None, cmdline=None,
                  payload_args="", extra=()):
    """The shim with the kexec payload, which restarts into `kernel` (and `dtb`),
    both staged in RAM by QEMU's loader device, the payload told where on its
    command line; `cmdline` becomes the kernel's."""
    stage = KEXEC_STAGE
    loaders = ["-device", "loader,file=%s,addr=%#x,force-raw=on" % (kernel, stage)]
    args = "kexec=%#x,%d" % (stage, os.path.getsize(kernel))
    if dtb:
        at = (stage + os.path.getsize(kernel) + 0xfffff) & ~0xfffff
        loaders += ["-device", "loader,file=%s,addr=%#x,force-raw=on" % (dtb, at)]
        args += " kexec_dtb=%#x,%d" % (at, os.path.getsize(dtb))
    if payload_args:
        args += " " + payload_args
    args += " -- " + (cmdline if cmdline is not None else KEXEC_CMDLINE)
    return qemu_command(arch, cpu, smp, gic, el, shim, payload, args,
                        extra=list(extra) + loaders)


def chain_command(arch, cpu, smp, gic, el, shim, payload, append, extra=()):
    """The shim and a payload that restarts into the shim again and again
    (suite kexec_chain): a second copy of each staged in RAM for the
    restarts, and a record that no boot touches, 1 MiB below them."""
    stage = KEXEC_STAGE
    initrd = (stage + os.path.getsize(shim) + 0xfffff) & ~0xfffff
    args = "%s chain_image=%#x chain_image_size=%d chain_initrd=%#x chain_initrd_size=%d " \
        "chain_record=%#x" % (append, stage, os.path.getsize(shim), initrd,
                              os.path.getsize(payload), stage - 0x100000)
    loaders = ["-device", "loader,file=%s,addr=%#x,force-raw=on" % (shim, stage),
               "-device", "loader,file=%s,addr=%#x,force-raw=on" % (payload, initrd)]
    return qemu_command(arch, cpu, smp, gic, el, shim, payload, args, extra=list(extra) + loaders)


def run(cmd, timeout, out=sys.stdout.buffer, log=None, stops=1, until=(), more_stops=()):
    """Run one QEMU; stream its console; return (exit code, output bytes).
    QEMU is killed once `stops` stop banners appeared (one per CPU when
    every CPU is expected to report a crash), or one of `more_stops`
    (exit code 3), or every line of `until` (exit code 0)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    captured = bytearray()
    stopped = threading.Event()
    done = threading.Event()

    def pump():
        for chunk in iter(lambda: proc.stdout.read1(4096), b""):
            captured.extend(chunk)
            if out:
                out.write(chunk)
                out.flush()
            if log:
                log.write(chunk)
            if sum(captured.count(m) for m in STOP_MARKERS) >= stops or any(
                    m in captured for m in more_stops):
                stopped.set()
            if until and all(m in captured for m in until):
                done.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    code = None
    while code is None:
        code = proc.poll()
        if code is not None:
            break
        if done.is_set():
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = 0
            break
        if stopped.is_set():
            time.sleep(0.3)  # let the rest of the report arrive
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = 3
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            msg = b"\n[hsqemu] timeout after %ds: killed QEMU\n" % timeout
            captured.extend(msg)
            if out:
                out.write(msg)
            code = 124
            break
        time.sleep(0.05)
    reader.join(timeout=2)
    if stopped.is_set() and not done.is_set() and code not in (3,):
        code = 3
    return code, bytes(captured)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--arch", default="arm64")
    ap.add_argument("--cpu", default="cortex-a57")
    ap.add_argument("--smp", default="1")
    ap.add_argument("--gic", default="3")
    ap.add_argument("--el", default="2", help="2: enter at EL2/HYP, 1: at EL1/SVC")
    ap.add_argument("--shim", required=True)
    ap.add_argument("--payload", required=True)
    ap.add_argument("--append")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--kexec", metavar="KERNEL", help="restart into this kernel (the payload "
                    "must be kexec.elf); QEMU stops at a kernel panic")
    ap.add_argument("--kexec-dtb", metavar="DTB", help="its device tree (default: QEMU's)")
    ap.add_argument("--kexec-cmdline", help="its command line (default: %s)" % KEXEC_CMDLINE)
    ap.add_argument("--kexec-under-hyp", action="store_true",
                    help="install the sample hypervisor on every CPU before the restart")
    ap.add_argument("--board", choices=sorted(BOARDS) + ["virt"],
                    help="a board QEMU emulates, with its Debian device tree (docs/BOARDS.md)")
    ap.add_argument("--machine", help="any other QEMU machine: -M's argument (with --dtb)")
    ap.add_argument("--dtb", help="the device tree QEMU passes (-dtb), with --machine")
    ap.add_argument("--ram", type=lambda v: int(v, 0), help="where --machine's RAM starts "
                    "(for --kexec staging)")
    ap.add_argument("--use-cpus", type=int, help="--board: how many of its CPUs Linux brings "
                    "up (maxcpus=), up to the board's count (QEMU gives a board all of them)")
    ap.add_argument("--dry-run", action="store_true", help="print the QEMU command only")
    args = ap.parse_args()
    if args.board == "virt":
        args.board = None
    if args.board or args.machine:
        return main_board(args)
    for path in (args.shim, args.payload, args.kexec, args.kexec_dtb):
        if path and not os.path.isfile(path):
            sys.exit("hsqemu: no such file: %s" % path)
    if args.kexec:
        cmd = kexec_command(args.arch, args.cpu, args.smp, args.gic, args.el, args.shim,
                            args.payload, args.kexec, args.kexec_dtb, args.kexec_cmdline,
                            payload_args="kexec_under_hyp=1" if args.kexec_under_hyp else "")
    else:
        cmd = qemu_command(args.arch, args.cpu, args.smp, args.gic, args.el, args.shim,
                           args.payload, args.append)
    print("[hsqemu] " + " ".join(cmd), flush=True)
    if args.dry_run:
        return 0
    code, _ = run(cmd, args.timeout, more_stops=LINUX_STOPS if args.kexec else ())
    print("[hsqemu] QEMU exit code %d" % code, flush=True)
    return code


def main_board(args):
    """`make run BOARD=...` or QEMU_MACHINE=... DTB=...: the demo, or --kexec into a kernel."""
    dtb, kernel = args.dtb, args.kexec
    if args.board:
        b = BOARDS[args.board]
        if args.arch != b["arch"]:
            sys.exit("hsqemu: %s is an %s board: use ARCH=%s" % (args.board, b["arch"], b["arch"]))
        if args.use_cpus is not None and not 1 <= args.use_cpus <= b["cpus"]:
            sys.exit("hsqemu: %s has %d CPUs (SMP=%d)" % (args.board, b["cpus"], args.use_cpus))
        dtb, debian, why = fetch_board(args.board, echo=True)
        if why:
            sys.exit("hsqemu: " + why)
        if kernel == "debian":
            kernel = debian
    for path in (args.shim, args.payload, kernel, dtb):
        if path and not os.path.isfile(path):
            sys.exit("hsqemu: no such file: %s" % path)
    smp = None if args.board else (args.smp if args.smp != "1" else None)
    if kernel:
        # The board's CPUs are QEMU's; SMP= limits what Linux brings up.
        # earlycon keep_bootcon: Linux writes through the stdout-path UART from its
        # first line to its last, whatever its serial drivers do with QEMU's model.
        cmdline = args.kexec_cmdline or "earlycon keep_bootcon panic=-1"
        if args.board and args.use_cpus:
            cmdline += " maxcpus=%d" % args.use_cpus
        cmd = board_kexec_command(args.board, args.shim, args.payload, kernel, cmdline,
                                  "kexec_under_hyp=1" if args.kexec_under_hyp else "",
                                  args.machine, dtb, args.arch, smp, args.ram)
    else:
        cmd = board_command(args.board, args.shim, args.payload, args.append, args.machine,
                            dtb, args.arch, smp)
    print("[hsqemu] " + " ".join(cmd), flush=True)
    if args.dry_run:
        return 0
    code, _ = run(cmd, args.timeout, more_stops=LINUX_STOPS if kernel else ())
    print("[hsqemu] QEMU exit code %d" % code, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
