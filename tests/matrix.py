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
}

# name: (payload, kernel command line, expectations)
# Expectations: "exit" (QEMU exit code wanted), "lines" (substrings the
# console must show), "tests" (the payload reports TEST() results).
GROUPS = {
    "stub": ("conformance.elf", "tests=stub,nohyp", {"exit": 0, "tests": True}),
    "regs": ("conformance.elf", "tests=regs", {"exit": 0, "tests": True}),
    "el1": ("conformance.elf", "tests=el1", {"exit": 0, "tests": True}),
    "el2state": ("conformance.elf", "tests=el2state", {"exit": 0, "tests": True}),
    "demo": ("demo.elf", None, {"exit": 0, "lines": [
        "[shim] stub installed",
        "now the demo handler answers",
        "== Stage 2: arrived by HVC_SOFT_RESTART ==",
        "the registers arrived as the ABI promises"]}),
    "demo-raw": ("demo.bin", None, {"exit": 0, "lines": [
        "[shim] payload (raw binary",
        "the registers arrived as the ABI promises"]}),
    "demo-el1": ("demo.elf", None, {"exit": 0, "lines": [
        "[shim] entered at EL1: there is no EL2 to set up",
        "HYP is not available"]}),
    "crash-trap": ("conformance.elf", "tests=crash_trap", {"exit": 3, "lines": [
        "*** hypstub: unexpected exception at EL2",
        "vector: synchronous, lower EL, AArch64",
        "WFI/WFE trap",
        "x00: 0x00000000c0ffee00  x01: 0x00000000c0ffee01",
        "x02: 0x00000000c0ffee02  x03: 0x00000000c0ffee03",
        "*** hypstub: CPU stopped ***"]}),
    "bad-payload": ("bad-machine.elf", None, {"exit": 3, "lines": [
        "[shim] error: payload: ELF file for another architecture",
        "*** hypstub: boot stopped ***"]}),
    "crash-dabort": ("conformance.elf", "tests=crash_dabort", {"exit": 3, "lines": [
        "*** hypstub: unexpected exception at EL2",
        "vector: synchronous, current EL, SP_ELx",
        "data abort, same EL",
        "FAR   : 0x",
        "*** hypstub: CPU stopped ***"]}),
    "crash-brk": ("conformance.elf", "tests=crash_brk", {"exit": 3, "lines": [
        "*** hypstub: unexpected exception at EL2",
        "BRK (AArch64)",
        "*** hypstub: CPU stopped ***"]}),
}


def groups_for(config):
    arch, cpu, gic, el, smp = CONFIGS[config]
    if el == 1:
        return ["stub", "el1", "demo-el1"]
    groups = ["stub", "regs", "el1", "el2state", "demo"]
    if cpu == "cortex-a57":
        groups.append("demo-raw")
    if config in ("a57-gic3-el2", "max-gic2-el2"):
        groups += ["crash-dabort", "crash-brk", "crash-trap", "bad-payload"]
    return groups
