// SPDX-License-Identifier: MIT
/*
 * The stub's dispatcher: which call, are its arguments acceptable, what
 * to change. Pure C over the arch accessors, so the host unit tests run it
 * against a fake CPU.
 */
#include <hypstub/abi.h>

#include "stub.h"

/* Inside the CPU's physical address space. */
static int hs_addr_exists(uintptr_t addr)
{
	return addr < hs_stub_config.pa_limit;
}

/*
 * The call itself, after the syndrome was checked: returns x0. Static, so
 * that it is inlined and hs_stub_sync() stays a leaf that needs no stack:
 * the call path's whole EL2 stack is the frame the vectors save.
 */
static unsigned long hs_stub_call(struct hs_frame *f)
{
	uintptr_t target = hs_frame_arg(f, 1);

	switch (hs_frame_arg(f, 0)) {
	case HVC_SET_VECTORS:
		if ((target & (ARCH_VECTORS_ALIGN - 1)) || !hs_addr_exists(target))
			return HVC_STUB_ERR;
		sysreg_vbar_el2_write(target);
		return 0;
	case HVC_RESET_VECTORS:
		sysreg_vbar_el2_write(hs_stub_own_vectors());
		hs_el2_mmu_off();
		return 0;
	case HVC_SOFT_RESTART:
		if (!hs_entry_ok(target) || !hs_addr_exists(target))
			return HVC_STUB_ERR;
		return hs_soft_restart_prepare(f, target);
	default: return HVC_STUB_ERR;
	}
}

long hs_stub_sync(struct hs_frame *f)
{
	unsigned long syndrome = hs_trap_syndrome();

	if (!hs_syndrome_is_hvc(syndrome))
		return -1;
	/* `hvc #n` with n != 0 is not this ABI: refuse, change nothing. */
	if (hs_syndrome_hvc_imm(syndrome) != 0)
		hs_frame_set_ret(f, HVC_STUB_ERR);
	else
		hs_frame_set_ret(f, hs_stub_call(f));
	return 0;
}
