/* SPDX-License-Identifier: MIT */
/*
 * What the hypervisor's C and its vector code (arch/<arch>/hyp/entry.S)
 * agree on, on both architectures.
 */
#ifndef HYP_LAYOUT_H
#define HYP_LAYOUT_H

/* How hyp_sync() wants the vector code to leave. */
#define HYP_EXIT_RETURN	  0 /* eret to the caller with the frame */
#define HYP_EXIT_TEARDOWN 1 /* torn down: MMU off, registers back, the `hvc` again */
#define HYP_EXIT_CRASH	  2 /* not ours: the stub's crash report */
/* struct hyp_shared (hyp/state.h): two words, then the stub's vectors. */
#define HYP_SHARED_STUB_VECTORS 8
/* log2(HYP_STACK_SIZE): each CPU's own stack in hyp_stacks[]. */
#define HYP_STACK_SHIFT 12

#endif
