/* SPDX-License-Identifier: MIT */
/* The hypervisor's shared state (state.c) and the calls on it (calls.c). */
#ifndef HYP_STATE_H
#define HYP_STATE_H

#include "hyp.h"

#pragma GCC visibility push(hidden)

struct hyp_shared {
	unsigned built;
	unsigned lock; /* stage 2 changes and fault decisions */
	unsigned long stub_vectors;
	uint64_t base, region; /* the hypervisor's own memory, absent from stage 2 */
	pt_entry *s1, *s2;
	struct pt_ctx pt;
	unsigned locked; /* HYP_CALL_LOCK: no teardown from EL1 any more */
};

extern struct hyp_shared hyp_shared;

void hyp_teardown(struct hyp_cpu *c);

#pragma GCC visibility pop

#endif
