// SPDX-License-Identifier: MIT
/*
 * The hypervisor's synchronous exceptions from EL1/SVC: the stub ABI as a
 * built-in hypervisor must answer it, its own calls, and stage 2 faults.
 */
#include "state.h"

#define ESR_EC(esr)   (((esr) >> 26) & 0x3f) /* the same field in ESR_EL2 and HSR */
#define EC_IABT_LOW   0x20		     /* instruction abort from a lower level */
#define EC_DABT_LOW   0x24		     /* data abort from a lower level */
#define ESR_WNR	      (1ul << 6)
#define ESR_S1PTW     (1ul << 7)
#define ESR_ISS_IMM16 0xfffful

/* What trapped: a call, a stage 2 fault (with its address), or neither. */
static void hyp_decode(struct hyp_trap *t)
{
	unsigned long esr = sysreg_esr_el2_read();
	unsigned fsc = esr & 0x3f;

	t->kind = HYP_TRAP_OTHER;
	t->imm = (unsigned)(esr & ESR_ISS_IMM16);
	if (ESR_EC(esr) == HYP_EC_HVC) {
		t->kind = HYP_TRAP_HVC;
		return;
	}
	if (ESR_EC(esr) != EC_DABT_LOW && ESR_EC(esr) != EC_IABT_LOW)
		return;
	/* Translation, access flag and permission faults: HPFAR_EL2/HPFAR holds the IPA. */
	if (fsc < 0x04 || fsc > 0x0f)
		return;
	t->kind = HYP_TRAP_S2_ABORT;
	t->insn = ESR_EC(esr) == EC_IABT_LOW;
	t->write = !t->insn && (esr & ESR_WNR) && !(esr & ESR_S1PTW);
	t->fs = fsc;
	t->ipa =
	    (uint64_t)(sysreg_hpfar_el2_read() >> 4) << 12 | (arch_hyp_fault_va(t->insn) & 0xfff);
}

static int hyp_overlaps(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
	return a < b + bsize && b < a + asize;
}

/* HYP_CALL_PROTECT: [base, base + size) read-only (ro) or writable again. */
static unsigned long hyp_protect(uint64_t base, uint64_t size, unsigned long ro)
{
	struct hyp_shared *g = &hyp_shared;
	int r;

	if (((base | size) & (PT_PAGE_SIZE - 1)) || !size || ro > 1 || base < hyp_header.ram_base ||
	    base >= hyp_header.ram_end || size > hyp_header.ram_end - base ||
	    hyp_overlaps(base, size, g->base, g->region))
		return HVC_STUB_ERR;
	arch_hyp_lock(&g->lock);
	r = pt_set_s2ap(&g->pt, g->s2, base, size, ro ? PT_S2AP_R : PT_S2AP_R | PT_S2AP_W);
	arch_hyp_unlock(&g->lock);
	return r ? HVC_STUB_ERR : 0;
}

/*
 * HYP_CALL_STATUS(scope): version, CPUs it is installed on, and the faults
 * it counted on every CPU (HYP_STATUS_ALL_CPUS) or on the calling CPU
 * alone (HYP_STATUS_THIS_CPU). Answers stay in x0-x3 (r0-r3), which every
 * caller expects an `hvc` to change.
 */
static void hyp_status(const struct hyp_cpu *c, struct hyp_frame *f, unsigned long scope)
{
	unsigned long cpus = 0, faults = 0;

	if (scope != HYP_STATUS_ALL_CPUS && scope != HYP_STATUS_THIS_CPU) {
		hyp_frame_set(f, 0, HVC_STUB_ERR);
		return;
	}
	for (unsigned i = 0; i < HS_MAX_CPUS; i++) {
		cpus += hyp_cpus[i].installed;
		faults += hyp_cpus[i].faults;
	}
	hyp_frame_set(f, 0, 0);
	hyp_frame_set(f, 1, HYP_VERSION);
	hyp_frame_set(f, 2, cpus);
	hyp_frame_set(f, 3, scope == HYP_STATUS_THIS_CPU ? c->faults : faults);
}

/* A call: its answer goes to x0/r0 unless it tears the hypervisor down. */
static unsigned long hyp_call(struct hyp_cpu *c, struct hyp_frame *f)
{
	unsigned long arg = hyp_frame_arg(f, 1);
	unsigned long nr = hyp_frame_arg(f, 0);

	switch (nr) {
	case HVC_SOFT_RESTART:
	case HVC_RESET_VECTORS:
		/*
		 * Refused, still installed: once locked, and a SOFT_RESTART the
		 * stub would refuse. Otherwise torn down first; the stub then
		 * answers the same call (and restarts the CPU).
		 */
		if (hyp_shared.locked || (nr == HVC_SOFT_RESTART && !arch_hyp_entry_ok(arg)))
			break;
		hyp_teardown(c);
		return HYP_EXIT_TEARDOWN;
	case HYP_CALL_LOCK:
		hyp_shared.locked = 1;
		hyp_frame_set(f, 0, 0);
		return HYP_EXIT_RETURN;
	case HYP_CALL_PROTECT:
		hyp_frame_set(f, 0, hyp_protect(arg, hyp_frame_arg(f, 2), hyp_frame_arg(f, 3)));
		return HYP_EXIT_RETURN;
	case HYP_CALL_STATUS: hyp_status(c, f, arg); return HYP_EXIT_RETURN;
	default: /* HVC_SET_VECTORS (only the stub's), HYP_CALL_INIT again, the rest */ break;
	}
	hyp_frame_set(f, 0, HVC_STUB_ERR);
	return HYP_EXIT_RETURN;
}

/*
 * A stage 2 fault: an access the map allows now (another CPU was
 * changing it, break-before-make) is simply retried; any other becomes
 * EL1's own abort, and is counted.
 */
static unsigned long hyp_fault(struct hyp_cpu *c, const struct hyp_trap *t)
{
	struct hyp_shared *g = &hyp_shared;
	unsigned level;
	pt_entry e;

	arch_hyp_lock(&g->lock);
	e = pt_lookup(g->s2, t->ipa, &level);
	arch_hyp_unlock(&g->lock);
	if ((e & 1) && (e & (t->write ? PT_S2AP_W : PT_S2AP_R)))
		return HYP_EXIT_RETURN;
	c->faults++;
	arch_hyp_inject_abort(t);
	return HYP_EXIT_RETURN;
}

unsigned long hyp_sync(struct hyp_frame *f)
{
	struct hyp_cpu *c = (struct hyp_cpu *)(uintptr_t)sysreg_tpidr_el2_read();
	struct hyp_trap t;

	hyp_decode(&t);
	switch (t.kind) {
	case HYP_TRAP_HVC:
		if (t.imm == 0)
			return hyp_call(c, f);
		/* `hvc #n`, n != 0, is not this ABI: refused, nothing changed. */
		hyp_frame_set(f, 0, HVC_STUB_ERR);
		return HYP_EXIT_RETURN;
	case HYP_TRAP_S2_ABORT: return hyp_fault(c, &t);
	default: return HYP_EXIT_CRASH;
	}
}
