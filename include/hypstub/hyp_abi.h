/* SPDX-License-Identifier: MIT */
/*
 * The sample hypervisor's numbers alone (no C types): its calls and its
 * image layout, for include/hypstub/hyp.h, the assembly and the Linux
 * kernel module (linux/), which cannot include the C library's headers.
 */
#ifndef HYPSTUB_HYP_ABI_H
#define HYPSTUB_HYP_ABI_H

#include <hypstub/abi.h>

/* The hypervisor's own calls: "HV" in the top half of 32 bits, far from 0-4. */
#define HYP_CALL_BASE	 0x48560000UL
#define HYP_CALL_INIT	 (HYP_CALL_BASE + 0) /* x1 = stub vectors, x2 = CPU index */
#define HYP_CALL_PROTECT (HYP_CALL_BASE + 1) /* x1 = base, x2 = size, x3 = 1 RO / 0 RW */
/* (x1 scope) -> x1 version, x2 CPUs, x3 faults: of every CPU, or of the calling one */
#define HYP_CALL_STATUS	    (HYP_CALL_BASE + 2)
#define HYP_STATUS_ALL_CPUS 0
#define HYP_STATUS_THIS_CPU 1
/* From now on RESET_VECTORS and SOFT_RESTART are refused, on every CPU, until reset. */
#define HYP_CALL_LOCK (HYP_CALL_BASE + 3)

#define HYP_VERSION 1

/* The image: a header at offset 0, the vector table at HYP_VECTORS_OFFSET. */
#define HYP_IMAGE_MAGIC	   0x56485348UL /* "HSHV" */
#define HYP_VECTORS_OFFSET 0x800
/* Memory the image needs from its base (code, per-CPU stacks, tables). */
#define HYP_MEM_SIZE 0x80000
/* The region a caller reserves for it: this alignment, a multiple of it. */
#define HYP_REGION_ALIGN 0x200000
/* Offsets of the header fields, for the assembly. */
#define HYP_HDR_MAGIC	    0
#define HYP_HDR_RAM_BASE    8
#define HYP_HDR_RAM_END	    16
#define HYP_HDR_REGION_SIZE 24

#endif
