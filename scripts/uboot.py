#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot hypstub the way a board boots Linux, and the ways a loader can get it wrong.

- Debian's U-Boot (package u-boot-qemu) starts first, as QEMU's -bios, at
  EL2 (arm64) or in HYP mode (arm) when the machine has them. QEMU fills
  RAM with the shim image and the payload (-device loader); U-Boot's
  environment, in the second flash bank, holds a `bootcmd` that runs
  `booti` (arm64 Image) or `bootz` (arm zImage) on them at once, with the
  payload as the initrd and QEMU's device tree. There is no network
  (-nic none) and the environment holds no other command, so U-Boot never
  tries DHCP or a disk.
- The shim entered directly by the CPU (QEMU's generic loader sets the
  PC), at an address that is not 4 KiB aligned, or with no device tree
  (x0/r2 = 0): the shim must say so on the early UART.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hsqemu  # noqa: E402

# Debian's u-boot-qemu builds, and the command each uses for a Linux image.
UBOOT = {
    "arm64": ("/usr/lib/u-boot/qemu_arm64/u-boot.bin", "booti"),
    "arm": ("/usr/lib/u-boot/qemu_arm/u-boot.bin", "bootz"),
}
RAM_BASE = 0x40000000  # QEMU virt; QEMU's device tree for -bios is here
# U-Boot's own kernel_addr_r and ramdisk_addr_r on QEMU virt. The shim is
# linked elsewhere (arm64 0x40200000, arm 0x40010000), so it relocates itself.
IMAGE_ADDR = RAM_BASE + 0x400000
PAYLOAD_ADDR = RAM_BASE + 0x4000000
ENV_SIZE = 0x40000  # CONFIG_ENV_SIZE of both builds; the environment is at flash bank 1's start
FLASH_BANK_SIZE = 64 << 20  # each of virt's two flash banks
# Entered by the CPU directly: 2 KiB past a 4 KiB boundary, and aligned.
MISALIGNED_ADDR = RAM_BASE + 0x200800
ALIGNED_ADDR = RAM_BASE + 0x200000


def environment(arch, payload_size, append=None):
    """U-Boot's environment: boot at once, hypstub only, and nothing else."""
    boot = UBOOT[arch][1]
    lines = [
        "bootdelay=0",
        "bootcmd=%s 0x%x 0x%x:0x%x 0x%x; echo '*** hypstub: boot stopped: U-Boot %s returned ***'"
        % (boot, IMAGE_ADDR, PAYLOAD_ADDR, payload_size, RAM_BASE, boot),
    ]
    if append:
        lines.append("bootargs=%s" % append)  # U-Boot puts it in /chosen/bootargs
    return "\n".join(lines) + "\n"


def write_env_flash(path, text):
    """A flash bank image holding `text` as U-Boot's environment (mkenvimage: CRC + data)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".txt", "w") as f:
        f.write(text)
    subprocess.run(["mkenvimage", "-s", hex(ENV_SIZE), "-o", path, path + ".txt"], check=True)
    os.truncate(path, FLASH_BANK_SIZE)  # QEMU wants the whole bank; the rest stays sparse


def uboot_command(arch, cpu, smp, gic, el, shim, payload, append, flash_path):
    """U-Boot as the firmware, booting the shim with the payload as initrd."""
    write_env_flash(flash_path, environment(arch, os.path.getsize(payload), append))
    return hsqemu.machine_command(arch, cpu, smp, gic, el) + [
        "-bios", UBOOT[arch][0],
        "-drive", "if=pflash,unit=1,format=raw,file=%s" % flash_path,
        "-device", "loader,file=%s,addr=0x%x,force-raw=on" % (shim, IMAGE_ADDR),
        "-device", "loader,file=%s,addr=0x%x,force-raw=on" % (payload, PAYLOAD_ADDR)]


def direct_entry_command(arch, cpu, smp, gic, el, shim, addr):
    """The CPU starts in the shim at `addr`, with no loader: x0/r2 = 0, no device tree."""
    return hsqemu.machine_command(arch, cpu, smp, gic, el) + [
        "-device", "loader,file=%s,addr=0x%x,force-raw=on" % (shim, addr),
        "-device", "loader,addr=0x%x,cpu-num=0" % addr]


def command(kind, arch, cpu, smp, gic, el, shim, payload, append, flash_path):
    """The QEMU command line of one boot of `kind` (see tests/matrix.py)."""
    if kind == "uboot":
        return uboot_command(arch, cpu, smp, gic, el, shim, payload, append, flash_path)
    if kind == "misaligned-entry":
        return direct_entry_command(arch, cpu, smp, gic, el, shim, MISALIGNED_ADDR)
    if kind == "no-dtb":
        return direct_entry_command(arch, cpu, smp, gic, el, shim, ALIGNED_ADDR)
    raise ValueError("unknown boot kind %r" % kind)
