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
 * memory bank: the stub's code, its per-CPU EL2 stacks, and the device
 * tree handed to the payload. A payload must not write to it.
 */
#ifndef HYPSTUB_BOOTINFO_H
#define HYPSTUB_BOOTINFO_H

#define HS_DT_NODE	   "/hypstub"
#define HS_DT_NODE_NAME	   "hypstub"
#define HS_DT_COMPATIBLE   "hypstub,stub-v1"
#define HS_DT_PROP_BOOT_EL "hypstub,boot-el"
#define HS_DT_PROP_VECTORS "hypstub,vectors"

#define HS_RESIDENT_SIZE	  0x200000ul /* 2 MiB at the top of RAM */
#define HS_RESIDENT_STUB_OFFSET	  0x0ul	     /* stub code, 4 KiB at most */
#define HS_RESIDENT_STUB_MAX	  0x1000ul
#define HS_RESIDENT_STACKS_OFFSET 0x1000ul /* one EL2 stack per CPU */
#define HS_EL2_STACK_SIZE	  0x1000ul
#define HS_RESIDENT_DTB_OFFSET	  0x10000ul /* the payload's device tree */

/* Where a raw-binary payload is loaded and entered: RAM base + 8 MiB. */
#define HS_PAYLOAD_RAW_OFFSET 0x800000ul

#endif
