/* SPDX-License-Identifier: MIT */
/*
 * The sample hypervisor's insides: its per-CPU state, the shared state,
 * and what each architecture layer (arch/<arch>/hyp/) provides, with the
 * same prototypes on both. Everything here runs at EL2/HYP, built like
 * the stub: no library calls, no FP/SIMD, only PC-relative references.
 */
#ifndef HYP_HYP_H
#define HYP_HYP_H

#include <arch/hyp_arch.h>
#include <hypstub/bootinfo.h>
#include <hypstub/hyp.h>

#include "layout.h"
#include "pt.h"

/* Every symbol is the image's own: reached PC-relatively, never through a GOT. */
#pragma GCC visibility push(hidden)

#define HYP_STACK_SIZE (1u << HYP_STACK_SHIFT)
#define HYP_POOL_PAGES 64u

/* One CPU's state; its EL2/HYP stack is hyp_stacks[index]. TPIDR_EL2/HTPIDR points here. */
struct hyp_cpu {
	unsigned long installed;
	unsigned long faults;	    /* stage 2 faults turned into aborts on this CPU */
	unsigned long stub_vectors; /* VBAR_EL2/HVBAR to put back at teardown */
	unsigned long stub_sp;	    /* SP_EL2/SP_hyp to put back at teardown */
	struct arch_hyp_saved saved;
} __attribute__((aligned(64)));

/* What trapped, as the architecture layer decodes it. */
enum hyp_trap_kind { HYP_TRAP_HVC, HYP_TRAP_S2_ABORT, HYP_TRAP_OTHER };
struct hyp_trap {
	enum hyp_trap_kind kind;
	unsigned imm;	  /* hvc: the immediate */
	uint64_t ipa;	  /* stage 2 abort: the address EL1 reached */
	int write;	  /* stage 2 abort: a write */
	unsigned long fs; /* stage 2 abort: the fault status (DFSC/IFSC) */
	int insn;	  /* stage 2 abort: an instruction fetch */
};

extern struct hyp_cpu hyp_cpus[HS_MAX_CPUS];
extern unsigned char hyp_stacks[HS_MAX_CPUS][HYP_STACK_SIZE];
extern struct hyp_image_header hyp_header; /* the image's first bytes */
extern char hyp_vectors[];

/* C entry points called by the vector code (arch/<arch>/hyp/entry.S). */
unsigned long hyp_init(unsigned long stub_vectors, unsigned long index, unsigned long stub_sp);
unsigned long hyp_sync(struct hyp_frame *f);

/* --- the architecture layer --- */

/* The EL2/HYP registers install changes, as they are now. */
void arch_hyp_save(struct arch_hyp_saved *s);
/*
 * EL2 MMU on with `s1`, stage 2 on with `s2`, TPIDR_EL2 = cpu. Stage 2 runs
 * under the VMID EL1 already has (VTTBR's, 0 from Linux's stub and from
 * hypstub's): while CPUs are installed or removed one by one, a CPU under
 * the hypervisor and one not under it share that VMID, so a broadcast
 * invalidation by either (TLBI VAE1IS, TLBIMVAIS) reaches the other's
 * entries. With a VMID of its own, a stale translation could survive there.
 */
void arch_hyp_enable(pt_entry *s1, pt_entry *s2, struct hyp_cpu *cpu);
/* Stage 2 off: HCR, VTCR, VTTBR as saved, TLBs of EL1 invalidated. */
void arch_hyp_stage2_off(const struct arch_hyp_saved *s);
/* Make the trapped `hvc` execute again when the CPU returns to EL1/SVC. */
void arch_hyp_rewind_call(void);
/* Deliver a stage 2 abort to EL1/SVC as its own data or prefetch abort. */
void arch_hyp_inject_abort(const struct hyp_trap *t);
/* Would the stub accept this SOFT_RESTART entry / SET_VECTORS address? */
int arch_hyp_entry_ok(unsigned long entry);
int arch_hyp_vectors_ok(unsigned long vectors);
/* Table hooks: entries visible to the walker; every CPU's stage 2 TLB entries gone. */
void arch_hyp_publish(void);
void arch_hyp_s2_flush(void);
/* Clean and invalidate [p, p + size) to the point of coherency. */
void arch_hyp_clean(const void *p, unsigned long size);
/* The hypervisor's one lock (exclusives: only taken with the EL2 MMU on). */
void arch_hyp_lock(unsigned *lock);
void arch_hyp_unlock(unsigned *lock);

#pragma GCC visibility pop

#endif
