#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed corpus of the fuzz targets into tests/fuzz/corpus/<target>/.

Run from the top directory after a change that makes the seeds stale; the
output is committed (small files). Needs dtc, qemu-system-aarch64/-arm (to
dump QEMU's own virt trees) and the two cross toolchains (tiny ELF files).
"""
import os
import struct
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def dispatch_seeds():
    """One trap each: ESR (4), x0..x4, x30, SCTLR_EL2, VBAR_EL2 (8 each), PARange (1)."""
    hvc = lambda imm: (0x16 << 26) | (1 << 25) | imm
    cases = {
        "set-vectors": (hvc(0), [0, 0x40001800, 2, 3, 4], 0x30c5183d),
        "set-vectors-misaligned": (hvc(0), [0, 0x40001804, 2, 3, 4], 0),
        "set-vectors-beyond-pa": (hvc(0), [0, 1 << 48, 2, 3, 4], 0),
        "reset-vectors-mmu-on": (hvc(0), [2, 0, 0, 0, 0], 0x30c5183d),
        "soft-restart": (hvc(0), [1, 0x40080000, 0x11, 0x22, 0x33], 0x30c5183d),
        "soft-restart-misaligned": (hvc(0), [1, 0x40080002, 0x11, 0x22, 0x33], 0),
        "unknown-call": (hvc(0), [0x48530000, 0, 0, 0, 0], 0),
        "nonzero-immediate": (hvc(0x42), [0, 0x40001800, 0, 0, 0], 0),
        "not-hvc-dabort": ((0x25 << 26) | (1 << 25), [0, 0, 0, 0, 0], 0),
    }
    for name, (esr, x, sctlr) in cases.items():
        data = struct.pack("<I", esr) + struct.pack("<6Q", *x, 0x3030) + \
            struct.pack("<QQB", sctlr, 0x7ff00000, 2)
        write("dispatch", name, data)


def dtb_seeds(tmp):
    trees = {}
    data_dir = os.path.join(ROOT, "tests", "host", "data")
    for dts in sorted(os.listdir(data_dir)):
        if dts.endswith(".dts"):
            out = os.path.join(tmp, dts[:-4] + ".dtb")
            subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out,
                            os.path.join(data_dir, dts)], check=True)
            trees[dts[:-4]] = open(out, "rb").read()
    # QEMU's own trees, packed (QEMU leaves 1 MiB of free space in them).
    for name, cmd in {
        "qemu-virt-arm64-gic3": ["qemu-system-aarch64", "-M", "virt,virtualization=on,gic-version=3",
                                 "-cpu", "cortex-a57", "-smp", "2"],
        "qemu-virt-arm-gic2": ["qemu-system-arm", "-M", "virt,virtualization=on,gic-version=2",
                               "-cpu", "cortex-a15"],
    }.items():
        raw = os.path.join(tmp, name + ".raw")
        subprocess.run(cmd + ["-m", "512M", "-nographic", "-nic", "none",
                              "-machine", "dumpdtb=" + raw], check=True, capture_output=True)
        out = os.path.join(tmp, name + ".dtb")
        subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", out, raw], check=True)
        trees[name] = open(out, "rb").read()
    for name, blob in trees.items():
        write("platform", name, blob)
        # The hand-off: 2 bytes of room beyond the tree, then the tree.
        write("handoff", name, struct.pack("<H", 0x400) + blob)
    write("handoff", "no-room", struct.pack("<H", 0) + trees["virt-gicv3"])


def elf(tmp, cross, flags, source, entry_sym, name):
    src = os.path.join(tmp, name + ".S")
    out = os.path.join(tmp, name + ".elf")
    with open(src, "w") as f:
        f.write(source)
    subprocess.run([cross + "gcc", "-nostdlib", "-static", "-Wl,-Ttext=0x40040000",
                    "-Wl,--build-id=none", "-Wl,-n", "-Wl,--no-warn-rwx-segments", "-Wl,-e," + entry_sym, "-s", "-o", out, src] + flags,
                   check=True)
    return open(out, "rb").read()


def payload_seeds(tmp):
    """One option byte (bit 0: the 32-bit machine; bit 1: the image in RAM), then the image."""
    a64 = elf(tmp, "aarch64-linux-gnu-", [],
              ".text\n.global _start\n_start: mov x0, #1\n b .\n"
              ".bss\n.space 64\n", "_start", "a64")
    a32 = elf(tmp, "arm-none-eabi-", ["-marm"],
              ".syntax unified\n.text\n.thumb\n.thumb_func\n.global _start\n_start: movs r0, #1\n b .\n",
              "_start", "thumb")
    write("payload", "elf64", b"\0" + a64)
    write("payload", "elf64-in-ram", b"\2" + a64)
    write("payload", "elf32-thumb", b"\1" + a32)
    write("payload", "raw", b"\0" + bytes(range(64)))
    write("payload", "raw-arm-in-ram", b"\3" + b"\xfe\xff\xff\xea" * 8)


def kexec_seeds(tmp):
    """Options (bit 0: 32-bit; bit 1: a 4-byte load address; bit 2: the tree follows),
    a 64-byte image header, then the tree: Debian's Image and zImage as they start,
    hypstub's own shims, a fixed-place Image, a big-endian zImage, a tree of QEMU's."""
    def a64(span, flags=0xa, text_offset=0):
        h = bytearray(64)
        struct.pack_into("<QQQ", h, 8, text_offset, span, flags)
        h[0x38:0x3c] = b"ARM\x64"
        return bytes(h)

    def zimage(end, endian=0x04030201):
        h = bytearray(64)
        struct.pack_into("<IIII", h, 0x24, 0x016f2818, 0, end, endian)
        return bytes(h)
    write("kexec", "arm64-linux", b"\0" + a64(0x1ab0000))
    write("kexec", "arm64-shim", b"\0" + a64(0x10490, 0xa, 0x200000))
    write("kexec", "arm64-fixed", b"\0" + a64(0x1000000, 0x2))
    write("kexec", "arm64-load", b"\2" + struct.pack("<I", 0x400000) + a64(0x100000))
    write("kexec", "arm-zimage", b"\1" + zimage(0x545200))
    write("kexec", "arm-shim", b"\1" + zimage(0xeb20))
    write("kexec", "arm-be", b"\1" + zimage(0x545200, 0x01020304))
    dtb = os.path.join(CORPUS, "platform", "qemu-virt-arm64-gic3")
    if os.path.exists(dtb):
        write("kexec", "arm64-qemu-dtb", b"\4" + a64(0x100000) + open(dtb, "rb").read())


def main():
    with tempfile.TemporaryDirectory() as tmp:
        dispatch_seeds()
        dtb_seeds(tmp)
        payload_seeds(tmp)
        kexec_seeds(tmp)


if __name__ == "__main__":
    main()
