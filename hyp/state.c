// SPDX-License-Identifier: MIT
/* The hypervisor's state: per CPU, and the one stage 2 all CPUs share. */
#include "state.h"

struct hyp_cpu hyp_cpus[HS_MAX_CPUS];
unsigned char hyp_stacks[HS_MAX_CPUS][HYP_STACK_SIZE] __attribute__((aligned(16)));
struct hyp_shared hyp_shared;
_Static_assert(__builtin_offsetof(struct hyp_cpu, stub_vectors) == HYP_CPU_STUB_VECTORS &&
		   __builtin_offsetof(struct hyp_cpu, stub_sp) == HYP_CPU_STUB_SP &&
		   __builtin_offsetof(struct hyp_cpu, saved.sctlr) == HYP_SAVED_SCTLR &&
		   __builtin_offsetof(struct hyp_cpu, saved.mair) == HYP_SAVED_MAIR &&
		   __builtin_offsetof(struct hyp_cpu, saved.tcr) == HYP_SAVED_TCR &&
		   __builtin_offsetof(struct hyp_cpu, saved.ttbr0) == HYP_SAVED_TTBR0 &&
		   __builtin_offsetof(struct hyp_cpu, saved.tpidr) == HYP_SAVED_TPIDR,
	       "the vector code's view of struct hyp_cpu");
_Static_assert(__builtin_offsetof(struct hyp_shared, stub_vectors) == HYP_SHARED_STUB_VECTORS,
	       "the vector code's view of struct hyp_shared");
static pt_entry hyp_pool[HYP_POOL_PAGES][PT_ENTRIES]
    __attribute__((aligned(PT_PAGE_SIZE), section(".bss.hyp_pool")));

/* Both maps, once, from the header the client filled in. 0 or -1. */
static int hyp_build(void)
{
	struct hyp_shared *g = &hyp_shared;
	uint64_t base = (uintptr_t)&hyp_header, region = hyp_header.region_size;
	uint64_t ram = hyp_header.ram_base, ram_size = hyp_header.ram_end - hyp_header.ram_base;
	uint64_t all = 1ull << PT_ADDR_BITS;

	if (region < HYP_MEM_SIZE || region % HYP_REGION_ALIGN || base % HYP_REGION_ALIGN ||
	    hyp_header.ram_end <= ram || base < ram || base + region > hyp_header.ram_end ||
	    hyp_header.ram_end > all)
		return -1;
	g->pt.pool = hyp_pool;
	g->pt.npages = HYP_POOL_PAGES;
	g->pt.used = 0;
	g->pt.publish = arch_hyp_publish;
	g->pt.flush = arch_hyp_s2_flush;
	g->s1 = pt_alloc(&g->pt);
	g->s2 = pt_alloc(&g->pt);
	/* EL2's own view: everything, RAM as Normal memory, the rest as Device. */
	if (pt_map(&g->pt, g->s1, 0, all, PT_S1_DEVICE) ||
	    pt_map(&g->pt, g->s1, ram, ram_size, PT_S1_NORMAL))
		return -1;
	/* EL1's: the same, without the hypervisor's region. */
	if (pt_map(&g->pt, g->s2, 0, all, PT_S2_DEVICE) ||
	    pt_map(&g->pt, g->s2, ram, ram_size, PT_S2_NORMAL) ||
	    pt_map(&g->pt, g->s2, base, region, PT_UNMAPPED))
		return -1;
	g->base = base;
	g->region = region;
	g->built = 1;
	return 0;
}

/*
 * HYP_CALL_INIT, with the EL2 MMU off, on this CPU's own stack. The
 * first one builds the maps (the client makes sure it runs alone).
 */
unsigned long hyp_init(unsigned long stub_vectors, unsigned long index, unsigned long stub_sp)
{
	struct hyp_cpu *c = &hyp_cpus[index];

	if (c->installed || !arch_hyp_vectors_ok(stub_vectors) ||
	    stub_vectors == (uintptr_t)hyp_vectors)
		goto refuse;
	/* Where unexpected exceptions go from now on (the stub is one copy for all CPUs). */
	hyp_shared.stub_vectors = stub_vectors;
	if (!hyp_shared.built && hyp_build())
		goto refuse;
	c->stub_vectors = stub_vectors;
	c->stub_sp = stub_sp;
	arch_hyp_save(&c->saved);
	/* What the MMU-off writes left must not hide behind stale lines. */
	arch_hyp_clean(c, sizeof(*c));
	arch_hyp_enable(hyp_shared.s1, hyp_shared.s2, c);
	c->installed = 1;
	return 0;
refuse:
	/* Nothing changed: the stub's vectors are back, as before SET_VECTORS. */
	if (arch_hyp_vectors_ok(stub_vectors))
		sysreg_vbar_el2_write(stub_vectors);
	return HVC_STUB_ERR;
}

/*
 * Leave this CPU: stage 2 off here, the rest in the vector code
 * (hyp_exit_teardown: MMU off, the saved registers back, the stub's
 * vectors and SP, the `hvc` run again under the stub).
 */
void hyp_teardown(struct hyp_cpu *c)
{
	arch_hyp_stage2_off(&c->saved);
	arch_hyp_rewind_call();
	c->installed = 0;
	/* With the MMU off the vector code reads memory, not the cache. */
	arch_hyp_clean(c, sizeof(*c));
	arch_hyp_clean(hyp_stacks[c - hyp_cpus], HYP_STACK_SIZE);
}
