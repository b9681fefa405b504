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
 * (<hypstub/cpus.h>), the per-CPU EL2 stacks, and the device tree handed
 * to the payload. A payload must not write to it.
 */
#ifndef HYPSTUB_BOOTINFO_H
#define HYPSTUB_BOOTINFO_H

#define HS_DT_NODE	   "/hypstub"
#define HS_DT_NODE_NAME	   "hypstub"
#define HS_DT_COMPATIBLE   "hypstub,stub-v1"
#define HS_DT_PROP_BOOT_EL "hypstub,boot-el"
#define HS_DT_PROP_VECTORS "hypstub,vectors"

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
#define HS_RESIDENT_STACKS_OFFSET HS_UL(0x4000) /* one EL2 stack per CPU, and a spare */
#define HS_EL2_STACK_SHIFT	  12
#define HS_EL2_STACK_SIZE	  (HS_UL(1) << HS_EL2_STACK_SHIFT)
#define HS_RESIDENT_DTB_OFFSET	  HS_UL(0x10000) /* the payload's device tree */

/* Room for this many CPUs; the device tree says how many there are. */
#define HS_MAX_CPUS 8

/* Where a raw-binary payload is loaded and entered: RAM base + 8 MiB. */
#define HS_PAYLOAD_RAW_OFFSET HS_UL(0x800000)

#endif
