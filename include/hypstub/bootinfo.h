/* SPDX-License-Identifier: MIT */
/*
 * What the shim tells a payload, in the device tree it passes in x0.
 *
 *   /hypstub {
 *       compatible = "hypstub,stub-v1";
 *       status = "okay";            "disabled" when no stub is installed
 *       hypstub,boot-el = <2>;      the EL the shim was entered at
 *       hypstub,vectors = <hi lo>;  physical address of the stub's vectors
 *       reg = <...>;                the resident region (also /memreserve/d)
 *   };
 *
 * The resident region is the top HS_RESIDENT_SIZE bytes of the first
 * memory bank: the stub's code, the CPU entry with its table
 * (<hypstub/cpus.h>), the EL2 stacks, and the device tree handed to the
 * payload. A payload must not write to it.
 *
 * The EL2/HYP stacks, from HS_RESIDENT_STACKS_OFFSET:
 *
 *   +0                     the slow-path stack, HS_SLOW_STACK_SIZE, one for
 *                          all CPUs: the crash report and the CPU entry's C
 *                          run on it, one CPU at a time (the lock is in the
 *                          CPU table's rows, <hypstub/cpus.h>)
 *   +HS_SLOW_STACK_SIZE    one HS_EL2_STACK_SIZE stack per CPU, by its row's
 *                          index in the CPU table, then a spare one for a CPU
 *                          the table does not list: CPU i's SP_EL2 (SP_hyp)
 *                          is HS_EL2_STACK_TOP(i) above the region's base.
 *
 * A CPU's own stack holds only what the call path saves (arm64: x0-x4 and
 * x30; arm: r0-r3, ip, lr); the stub's C on that path uses no stack of its
 * own. A crash from a lower level saves its scratch registers there too
 * before it takes the slow-path stack.
 */
#ifndef HYPSTUB_BOOTINFO_H
#define HYPSTUB_BOOTINFO_H

#define HS_DT_NODE	   "/hypstub"
#define HS_DT_NODE_NAME	   "hypstub"
#define HS_DT_COMPATIBLE   "hypstub,stub-v1"
#define HS_DT_PROP_BOOT_EL "hypstub,boot-el"
#define HS_DT_PROP_VECTORS "hypstub,vectors"
#define HS_DT_PROP_VERSION "hypstub,version"

/* Usable from C and assembly alike. */
#ifdef __ASSEMBLER__
#define HS_UL(x) x
#else
#define HS_UL(x) x##ul
#endif

#define HS_RESIDENT_SIZE	  HS_UL(0x200000) /* 2 MiB at the top of RAM */
#define HS_RESIDENT_STUB_OFFSET	  HS_UL(0x0)	  /* the stub, 4 KiB at most */
#define HS_RESIDENT_STUB_MAX	  HS_UL(0x1000)
#define HS_RESIDENT_CPU_OFFSET	  HS_UL(0x1000) /* the CPU entry and its table */
#define HS_RESIDENT_CPU_MAX	  HS_UL(0x3000)
#define HS_RESIDENT_STACKS_OFFSET HS_UL(0x4000) /* the EL2 stacks, see above */
#define HS_SLOW_STACK_SIZE	  HS_UL(0x400)	/* the shared slow-path stack */
/* Each CPU's own EL2/HYP stack: the call path's frame, nothing more. */
#define HS_EL2_STACK_SIZE_ARM64 48 /* x0-x4, x30 (16-byte aligned) */
#define HS_EL2_STACK_SIZE_ARM	24 /* r0-r3, ip, lr (8-byte aligned) */
#ifdef __aarch64__
#define HS_EL2_STACK_SIZE HS_EL2_STACK_SIZE_ARM64
#else
#define HS_EL2_STACK_SIZE HS_EL2_STACK_SIZE_ARM
#endif
/* The top of CPU i's own stack (i = HS_MAX_CPUS: the spare), from the region's base. */
#define HS_EL2_STACK_TOP(i) \
	(HS_RESIDENT_STACKS_OFFSET + HS_SLOW_STACK_SIZE + ((i) + 1) * HS_EL2_STACK_SIZE)
#define HS_RESIDENT_DTB_OFFSET HS_UL(0x10000) /* the payload's device tree */

/* Room for this many CPUs; the device tree says how many there are. */
#define HS_MAX_CPUS 8

/* Where a raw-binary payload is loaded and entered: RAM base + 8 MiB. */
#define HS_PAYLOAD_RAW_OFFSET HS_UL(0x800000)

#endif
