# SPDX-License-Identifier: MIT
"""The conformance matrix: which machines boot which test groups.

A configuration is one QEMU machine (architecture, CPU, GIC, the EL the
shim is entered at, CPUs). A group is one boot of one payload with one
set of suites. The runner boots every (configuration, group) pair that
`groups_for` allows, each in a fresh QEMU.
"""

# name: (arch, cpu, gic, entry EL, smp)
CONFIGS = {
    "a53-gic3-el2": ("arm64", "cortex-a53", 3, 2, 1),
    "a53-gic2-el2": ("arm64", "cortex-a53", 2, 2, 1),
    "a57-gic3-el2": ("arm64", "cortex-a57", 3, 2, 1),
    "a57-gic2-el2": ("arm64", "cortex-a57", 2, 2, 1),
    "a72-gic3-el2": ("arm64", "cortex-a72", 3, 2, 1),
    "a72-gic2-el2": ("arm64", "cortex-a72", 2, 2, 1),
    "max-gic3-el2": ("arm64", "max", 3, 2, 1),
    "max-gic2-el2": ("arm64", "max", 2, 2, 1),
    "a53-gic2-el1": ("arm64", "cortex-a53", 2, 1, 1),
    "a57-gic3-el1": ("arm64", "cortex-a57", 3, 1, 1),
    "max-gic3-el1": ("arm64", "max", 3, 1, 1),
    # The CPU feature matrix (suite "features") on the other models with EL2.
    "a76-gic3-el2": ("arm64", "cortex-a76", 3, 2, 1),
    "n1-gic3-el2": ("arm64", "neoverse-n1", 3, 2, 1),
    "a64fx-gic3-el2": ("arm64", "a64fx", 3, 2, 1),
    "max-mte-gic3-el2": ("arm64", "max", 3, 2, 1),
    # arm (ARMv7-A): entered in HYP mode (virtualization=on) or in SVC.
    "a15-gic2-hyp": ("arm", "cortex-a15", 2, 2, 1),
    "a15-gic3-hyp": ("arm", "cortex-a15", 3, 2, 1),
    "a7-gic2-hyp": ("arm", "cortex-a7", 2, 2, 1),
    "a7-gic3-hyp": ("arm", "cortex-a7", 3, 2, 1),
    "a15-gic2-svc": ("arm", "cortex-a15", 2, 1, 1),
    "a7-gic3-svc": ("arm", "cortex-a7", 3, 1, 1),
    # SMP (multi-threaded TCG): every CPU through hypstub, then suite "smp".
    "a57-gic3-el2-smp2": ("arm64", "cortex-a57", 3, 2, 2),
    "max-gic2-el2-smp4": ("arm64", "max", 2, 2, 4),
    "a53-gic3-el1-smp4": ("arm64", "cortex-a53", 3, 1, 4),
    "a15-gic2-hyp-smp2": ("arm", "cortex-a15", 2, 2, 2),
    "a7-gic3-hyp-smp4": ("arm", "cortex-a7", 3, 2, 4),
    "a15-gic3-svc-smp2": ("arm", "cortex-a15", 3, 1, 2),
    "a72-gic3-el2-smp8": ("arm64", "cortex-a72", 3, 2, 8),
    "a15-gic2-hyp-smp8": ("arm", "cortex-a15", 2, 2, 8),
    # Debian's own Linux restarted into through the kexec loader, on 4 CPUs.
    "a57-gic3-el2-smp4": ("arm64", "cortex-a57", 3, 2, 4),
    "a15-gic3-hyp-smp4": ("arm", "cortex-a15", 3, 2, 4),
}

# Boards QEMU emulates, each with its own Debian device tree (scripts/hsqemu.py
# BOARDS, docs/BOARDS.md): the configuration's CPU and GIC are the board's
# (GIC 0: none), its smp how many CPUs the payload and Linux use.
BOARD_CONFIGS = {
    "board-raspi3b": "raspi3b",
    "board-zcu102": "zcu102",
    "board-orangepi-pc": "orangepi-pc",
    "board-raspi2b-svc": "raspi2b",
}
# Boards whose secondary CPUs a spin table releases (drivers/cpu/spin_table.c).
SPIN_TABLE_CONFIGS = ("board-raspi3b",)
CONFIGS.update({
    "board-raspi3b": ("arm64", "cortex-a53", 0, 2, 4),
    "board-zcu102": ("arm64", "cortex-a53", 2, 2, 4),
    "board-orangepi-pc": ("arm", "cortex-a7", 2, 2, 4),
    # QEMU enters it in SVC: no HYP, said plainly; the payload still runs (moved to RAM at 0).
    "board-raspi2b-svc": ("arm", "cortex-a7", 0, 1, 1),
})

# More QEMU arguments for a configuration (merged into -M's machine options).
CONFIG_EXTRA = {
    "max-mte-gic3-el2": ["-machine", "mte=on"],
}
# Configurations that exist for the feature matrix: fewer groups.
FEATURE_CONFIGS = ("a76-gic3-el2", "n1-gic3-el2", "a64fx-gic3-el2", "max-mte-gic3-el2")

# name: (payload, kernel command line, expectations)
# Expectations: "exit" (QEMU exit code wanted), "lines" (substrings the
# console must show), "lines_<arch>" (more of them, on that architecture
# only), "absent" (substrings it must not show), "tests" (the payload
# reports TEST() results), "boot" (how the shim is started: "kernel",
# the default, is QEMU's Linux loader, -kernel and -initrd; the others
# are in scripts/uboot.py: "uboot", Debian's U-Boot with booti/bootz;
# "misaligned-entry" and "no-dtb", the CPU started in the shim directly;
# "linux", the kexec payload restarting into Debian's Linux for this
# architecture, fetched by scripts/fetch-linux.sh, QEMU stopped once every
# line was seen or at a panic, the test skipped when no kernel can be had;
# "payload_args" go on the kexec payload's command line).
# What a crash boot must never show: a test's verdict or the summary,
# which only code that came back from its crash could print.
CRASH_ABSENT = ["FAIL ]", " passed, "]
GROUPS = {
    "stub": ("conformance.elf", "tests=stub,nohyp", {"exit": 0, "tests": True}),
    "smp": ("conformance.elf", "tests=smp", {"exit": 0, "tests": True,
        "lines": ["[shim] CPU1 (MPIDR 0x1): entered at",
                  # step7: a null start record at the CPU entry is reported
                  "CPU_ON context is not a usable struct hs_cpu_start: 0x00000000"],
        # On a spin-table board (SPIN_TABLE_CONFIGS) step7 is skipped (no
        # PSCI CPU_ON); the CPUs park at boot and the park call is shown.
        "not_spin_table": ["CPU_ON context is not a usable struct hs_cpu_start: 0x00000000"],
        "lines_spin_table": [
            "[shim] CPU1 (MPIDR 0x1): entered at EL2, set up, stub installed; parked at EL2 "
            "in hypstub's own spin table",
            "HS_CALL_PARK, waited at EL2, released through its slot with a fresh stub"]}),
    "regs": ("conformance.elf", "tests=regs", {"exit": 0, "tests": True}),
    # The ABI checks shared with Linux's abi_check module (tests/abi/), on
    # every CPU; scripts/conformance.py reads hypstub's column of
    # docs/CONFORMANCE.md from ABI_TABLE_CONFIG's log.
    "abi": ("conformance.elf", "tests=abi", {"exit": 0, "tests": True,
        "lines": ["ABIEND cpu=0 "]}),
    "el1": ("conformance.elf", "tests=el1", {"exit": 0, "tests": True}),
    "el2state": ("conformance.elf", "tests=el2state", {"exit": 0, "tests": True}),
    "hyp": ("conformance.elf", "tests=hyp", {"exit": 0, "tests": True}),
    "fuzz": ("conformance.elf", "tests=fuzz", {"exit": 0, "tests": True}),
    # The same fuzz under the sample hypervisor, installed on every fuzzing CPU.
    "fuzz-hyp": ("conformance.elf", "tests=fuzz_hyp", {"exit": 0, "tests": True}),
    "features": ("conformance.elf", "tests=features", {"exit": 0, "tests": True}),
    "demo": ("demo.elf", None, {"exit": 0, "lines": [
        "[shim] stub installed",
        "now the demo handler answers",
        "a write to it: caught, an abort at",
        "torn down (HVC_RESET_VECTORS) on CPU0",
        "== Stage 2: arrived by HVC_SOFT_RESTART ==",
        "the registers arrived as the ABI promises"]}),
    "demo-smp": ("demo.elf", None, {"exit": 0, "lines": [
        "[shim] CPU1 (MPIDR 0x1): entered at",
        "== Every CPU has its own stub",
        "which CPU answered WHOAMI (its MPIDR)                    -> 0x1 (as expected)",
        "the registers arrived as the ABI promises"]}),
    "demo-raw": ("demo.bin", None, {"exit": 0, "lines": [
        "[shim] payload (raw binary",
        "the registers arrived as the ABI promises"]}),
    "demo-el1": ("demo.elf", None, {"exit": 0, "lines": ["HYP is not available"],
        "lines_arm64": ["[shim] entered at EL1: there is no EL2 to set up"],
        "lines_arm": ["[shim] entered at SVC: there is no HYP to set up"]}),
    # The crash_* boots ("regs"): every register of the report as the test
    # set it (run.py compares each with the test's crash-expect line); the
    # crashed code never comes back to report a test (CRASH_ABSENT).
    "crash-trap": ("conformance.elf", "tests=crash_trap", {"exit": 3, "regs": True, "absent": CRASH_ABSENT, "lines": [
        "WFI/WFE trap",
        "*** hypstub: CPU stopped ***"],
        "lines_arm64": [
            "*** hypstub: unexpected exception at EL2",
            "vector: synchronous, lower EL, AArch64",
            "x00: 0x00000000c0ffee00  x01: 0x00000000c0ffee01",
            "x02: 0x00000000c0ffee02  x03: 0x00000000c0ffee03"],
        "lines_arm": [
            "*** hypstub: unexpected exception at HYP",
            "vector: HYP trap, from a lower mode",
            "r00: 0xc0ffee00  r01: 0xc0ffee01",
            "r02: 0xc0ffee02  r03: 0xc0ffee03",
            "from    : 0x00000013"]}),
    # arm: the conformance payload entered at an odd ELF entry (Thumb).
    "thumb-entry": ("conformance-thumb.elf", "tests=el1", {"exit": 0, "tests": True,
        "lines": ["guest: conformance run (arm)",
                  "entered at the Thumb entry point, in Thumb state"]}),
    "bad-payload": ("bad-machine.elf", None, {"exit": 3, "lines": [
        "[shim] error: payload: ELF file for another architecture",
        "*** hypstub: boot stopped ***"]}),
    "crash-dabort": ("conformance.elf", "tests=crash_dabort", {"exit": 3, "regs": True, "absent": CRASH_ABSENT, "lines": [
        "data abort, same EL",
        "*** hypstub: CPU stopped ***"],
        "lines_arm64": [
            "*** hypstub: unexpected exception at EL2",
            "vector: synchronous, current EL, SP_ELx",
            "FAR   : 0x"],
        "lines_arm": [
            "*** hypstub: unexpected exception at HYP",
            "vector: data abort, in HYP mode",
            "HDFAR   : 0x60001230"]}),
    "crash-brk": ("conformance.elf", "tests=crash_brk", {"exit": 3, "regs": True, "absent": CRASH_ABSENT, "lines": [
        "*** hypstub: CPU stopped ***"],
        "lines_arm64": [
            "*** hypstub: unexpected exception at EL2",
            "BRK (AArch64)"],
        "lines_arm": [
            "*** hypstub: unexpected exception at HYP",
            "vector: undefined instruction, in HYP mode",
            "unknown or undefined"]}),
    # Debian's U-Boot loads and starts the shim (booti/bootz) away from its
    # link address, with the payload as initrd and U-Boot's bootargs.
    "uboot": ("conformance.elf", "tests=stub,el2state", {"exit": 0, "tests": True, "boot": "uboot",
        "lines": ["Hit any key to stop autoboot:  0", "Starting kernel ...",
                  "[shim] image at 0x40400000", "relocated itself",
                  "suites: stub,el2state"],
        "lines_arm64": ["[shim] hypstub (arm64) entered at EL2"],
        "lines_arm": ["Kernel image @ 0x40400000", "[shim] hypstub (arm) entered at HYP mode"],
        "absent": ["DHCP", "BOOTP", "TFTP", "Scanning"]}),
    # A loader that gets it wrong: told on the early UART, not a hang.
    # (with the shim built with an early UART, EARLY_UART=, build/<arch>-early/)
    "misaligned-entry": ("conformance.elf", None, {"exit": 3, "boot": "misaligned-entry",
        "early_uart": True, "lines": [
        "[shim] error: entered at 0x", "which is not 4 KiB aligned",
        "*** hypstub: boot stopped ***"]}),
    "no-dtb": ("conformance.elf", None, {"exit": 3, "boot": "no-dtb", "early_uart": True, "lines": [
        "[shim] the loader's device tree pointer 0 is rejected by libfdt (FDT_ERR_BADMAGIC)",
        "this console is the early UART, pl011@0x9000000",
        "[shim] error: the device tree at 0 is unusable",
        "*** hypstub: boot stopped ***"]}),
}


# Debian's Linux, restarted into at EL2/HYP: it must say so, with every CPU
# online (run.py adds "smp: Brought up 1 node, N CPU(s)"). The "-hyp"
# groups first install the sample hypervisor on every CPU
# (kexec_under_hyp=1): the restart goes through its SOFT_RESTART path.
LINUX_EL2 = "CPU: All CPU(s) started at EL2"
# arm64 Linux checks x1..x3 at entry and says so when they are not 0.
LINUX_ABSENT = ["in violation of boot protocol", "Kernel panic - not syncing: Attempted"]
GROUPS.update({
    "linux": ("kexec.elf", None, {"exit": 0, "boot": "linux", "absent": LINUX_ABSENT, "lines": [
        "[kexec] HVC_SOFT_RESTART into it"],
        "lines_arm64": [LINUX_EL2, "kvm [1]: Hyp mode initialized successfully"],
        "lines_arm": ["CPU: All CPU(s) started in HYP mode."]}),
    "linux-vhe": ("kexec.elf", None, {"exit": 0, "boot": "linux", "absent": LINUX_ABSENT, "lines": [
        "[kexec] HVC_SOFT_RESTART into it", LINUX_EL2,
        "kvm [1]: VHE mode initialized successfully"]}),
})
UNDER_HYP_LINE = "[kexec] the sample hypervisor installed on"
for _name in ("linux", "linux-vhe"):
    _payload, _args, _want = GROUPS[_name]
    GROUPS[_name + "-hyp"] = (_payload, _args, dict(
        _want, payload_args="kexec_under_hyp=1", lines=_want["lines"] + [UNDER_HYP_LINE]))
LINUX_CONFIGS = ("a57-gic3-el2-smp4", "a15-gic3-hyp-smp4")
# The kexec loader's bad inputs (suite "kexec"), and 100 soft restarts in a
# row into hypstub's own shim image with this payload as its initrd
# ("chain": run.py stages both in RAM and says where on the command line).
GROUPS.update({
    "kexec": ("conformance.elf", "tests=kexec", {"exit": 0, "tests": True}),
    "kexec-chain": ("conformance.elf", "tests=kexec_chain chain_rounds=100", {
        "exit": 0, "tests": True, "boot": "chain",
        "lines": ["arrival 100: EL2 state identical to the first",
                  "100 soft restarts of hypstub in a row"]}),
})
KEXEC_CONFIGS = ("a57-gic3-el2", "max-gic2-el2", "a15-gic2-hyp", "a7-gic3-hyp",
                 "a57-gic3-el2-smp2", "a15-gic2-hyp-smp2")


def crash_group(suite, both, arm64, arm):
    """A crash_* boot: the report with this class and vector, then a stopped CPU."""
    return ("conformance.elf", "tests=" + suite, {"exit": 3, "regs": True, "absent": CRASH_ABSENT, "lines": both + [
        "*** hypstub: CPU stopped ***"],
        "lines_arm64": ["*** hypstub: unexpected exception at EL2"] + arm64,
        "lines_arm": ["*** hypstub: unexpected exception at HYP"] + arm})


# Each kind of unexpected EL2/HYP exception a test can provoke (test_crash.c).
GROUPS.update({
    "crash-iabort": crash_group("crash_iabort", ["insn abort, same EL"],
                                ["vector: synchronous, current EL, SP_ELx"],
                                ["vector: prefetch abort, in HYP mode"]),
    "crash-pcalign": crash_group("crash_pcalign", ["PC alignment"],
                                 ["vector: synchronous, current EL, SP_ELx"],
                                 ["vector: prefetch abort, in HYP mode"]),
    "crash-hvc-el2": crash_group("crash_hvc_el2", [],
                                 ["class : 0x0000000000000016 HVC (AArch64)",
                                  "vector: synchronous, current EL, SP_ELx"],
                                 ["class : 0x00000012 HVC (AArch32)",
                                  "vector: hypervisor call, in HYP mode"]),
    "crash-undef": crash_group("crash_undef", ["unknown or undefined"],
                               ["vector: synchronous, current EL, SP_ELx"],
                               ["vector: undefined instruction, in HYP mode"]),
    "crash-sysreg": crash_group("crash_sysreg", [],
                                ["class : 0x0000000000000018 MSR/MRS/SYS trap",
                                 "vector: synchronous, lower EL, AArch64"],
                                ["class : 0x00000003 cp15 MCR/MRC trap",
                                 "vector: HYP trap, from a lower mode"]),
})
# Every CPU crashes at once (test_crash.c): one whole report per CPU, one
# after the other on the shared slow-path stack (run.py checks them; QEMU
# is stopped only after as many reports as CPUs, or the timeout).
GROUPS["crash-smp"] = ("conformance.elf", "tests=crash_smp", {
    "exit": 3, "reports": True, "absent": CRASH_ABSENT, "lines": ["WFI/WFE trap"]})
CRASH_KINDS = ["crash-iabort", "crash-pcalign", "crash-hvc-el2", "crash-undef", "crash-sysreg"]


# The sample hypervisor's suite: both architectures, 1 and 4 CPUs, and
# once where there is no EL2 (it must skip).
HYP_CONFIGS = ("a57-gic3-el2", "max-gic2-el2", "a15-gic2-hyp", "a7-gic3-hyp",
               "max-gic2-el2-smp4", "a7-gic3-hyp-smp4", "a57-gic3-el1")


def linux_groups(config):
    """The Linux boots of a configuration: nVHE on cortex-a57, VHE on max, HYP on cortex-a15."""
    arch, cpu, gic, el, smp = CONFIGS[config]
    if el != 2 or smp not in (1, 4):
        return []
    # From under the sample hypervisor too, on one GIC version of each.
    under_hyp = gic == 3
    if cpu in ("cortex-a57", "cortex-a15"):
        return ["linux"] + (["linux-hyp"] if under_hyp else [])
    if cpu == "max" and config in ("max-gic3-el2", "max-gic2-el2-smp4"):
        return ["linux-vhe"] + (["linux-vhe-hyp"] if under_hyp else [])
    return []


def board_groups(config):
    """A board's boots: the demo, the stub and its registers, the crash reports,
    and with more than one CPU the smp suite and Debian's Linux on all of them."""
    smp, el = CONFIGS[config][4], CONFIGS[config][3]
    if el != 2:
        return ["demo-el1", "stub"]
    groups = ["demo", "stub", "regs", "crash-trap", "crash-brk"]
    if smp > 1:
        groups += ["smp", "crash-smp", "linux"]
    return groups


# The boot whose ABICHECK lines make hypstub's column of docs/CONFORMANCE.md.
ABI_TABLE_CONFIG = "a57-gic3-el2-smp2"


def abi_groups(config):
    """Suite "abi" (tests/abi/ has an arm64 layer only): arm64 at EL2, up to 4 CPUs."""
    arch, cpu, gic, el, smp = CONFIGS[config]
    if arch != "arm64" or el != 2 or smp > 4 or config in FEATURE_CONFIGS:
        return []
    return ["abi"]


def groups_for(config):
    if config in BOARD_CONFIGS:
        return board_groups(config)
    if config in LINUX_CONFIGS:
        return linux_groups(config)
    kexec = ["kexec", "kexec-chain"] if config in KEXEC_CONFIGS else []
    groups = groups_only(config)
    # Wherever the stub is fuzzed, the sample hypervisor is too (a boot of its own).
    if "fuzz" in groups:
        groups.append("fuzz-hyp")
    return groups + linux_groups(config) + kexec + (
        ["hyp"] if config in HYP_CONFIGS else []) + abi_groups(config)


def groups_only(config):
    arch, cpu, gic, el, smp = CONFIGS[config]
    if smp > 4:
        return ["smp"] + (["fuzz", "crash-smp"] if el == 2 else [])
    if smp > 1:
        return ["smp", "stub"] + (["regs", "demo-smp", "fuzz", "crash-smp"] if el == 2
                                  else ["demo-el1"])
    if el == 1:
        return ["stub", "el1", "demo-el1"] + (["thumb-entry"] if arch == "arm" else [])
    if config in FEATURE_CONFIGS:
        return ["stub", "el1", "features", "fuzz"]
    groups = ["stub", "regs", "el1", "el2state", "demo", "fuzz", "features"]
    if cpu in ("cortex-a57", "cortex-a15"):
        groups.append("demo-raw")
    if arch == "arm":
        groups.append("thumb-entry")
    if config in ("a57-gic3-el2", "max-gic2-el2", "a15-gic2-hyp", "a7-gic3-hyp"):
        groups += ["crash-dabort", "crash-brk", "crash-trap", "bad-payload", "uboot",
                   "misaligned-entry", "no-dtb"] + CRASH_KINDS
    return groups
