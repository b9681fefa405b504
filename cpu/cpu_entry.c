// SPDX-License-Identifier: MIT
/*
 * The resident CPU entry: where every CPU but the boot CPU arrives from
 * PSCI CPU_ON, during boot and whenever a payload starts one again. It
 * lives next to the stub in the resident region, position-independent
 * like it, and runs on the CPU's own EL2 stack (cpu_entry.S found it by
 * MPIDR). See <hypstub/cpus.h> for the contract.
 */
#include <arch/el2_setup.h>
#include <arch/stub_self.h>
#include <arch/sysreg.h>
#include <hypstub/cpus.h>
#include <hypstub/psci.h>

#include "../stub/stub.h"
#include "cpu.h"

#include <stddef.h>

_Static_assert(offsetof(struct hs_cpu_table, ncpus) == HS_CPU_TABLE_NCPUS, "ncpus");
_Static_assert(offsetof(struct hs_cpu_table, cpu) == HS_CPU_TABLE_CPUS, "cpu[]");
_Static_assert(sizeof(struct hs_cpu) == HS_CPU_SIZE, "struct hs_cpu");

struct hs_cpu_table hs_cpu_table;

/* Power this CPU off; PSCI CPU_OFF does not return when it works. */
static void __attribute__((noreturn)) cpu_power_off(const char *why, uint64_t detail)
{
	if (why) {
		hs_puts("\n*** hypstub: CPU ");
		hs_puthex(hs_this_cpu_id());
		hs_puts(": ");
		hs_puts(why);
		hs_puthex((unsigned long)detail);
		hs_puts(": powered off ***\n");
	}
	arch_smccc(PSCI_CPU_OFF, 0, 0, 0, (int)hs_cpu_table.psci_hvc);
	hs_puts("\n*** hypstub: PSCI CPU_OFF returned: CPU stopped ***\n");
	for (;;)
		wfi();
}

/*
 * A start record in RAM (never read elsewhere: an address outside memory
 * would fault), aligned, with an entry point the stub would accept.
 */
static const struct hs_cpu_start *cpu_start_record(uintptr_t ctx)
{
	const struct hs_cpu_start *start = (const struct hs_cpu_start *)ctx;

	if ((ctx & (sizeof(uintptr_t) - 1)) || ctx < hs_cpu_table.ram_base ||
	    ctx + sizeof(*start) < ctx || ctx + sizeof(*start) > hs_cpu_table.ram_end)
		return 0;
	if (!hs_entry_ok(start->entry) || start->entry >= hs_stub_config.pa_limit)
		return 0;
	return start;
}

uintptr_t hs_cpu_enter(struct hs_cpu *me, uintptr_t ctx, unsigned long level)
{
	const struct hs_cpu_start *start;

	if (!me)
		cpu_power_off("is not in the device tree (MPIDR ", sysreg_mpidr_el1_read());
	me->level = (uint32_t)level;
	me->entries++;
	me->hyp = 0;
	me->vectors = 0;
	if (level == 2) {
		struct el2_state st;

		el2_setup(&st, hs_cpu_table.gicv3);
		/* A fresh stub: whatever vectors this CPU had before are gone. */
		me->vectors = hs_stub_own_vectors();
		sysreg_vbar_el2_write(me->vectors);
		isb();
		me->hyp = !hs_cpu_table.hyp_disabled;
	}
	if (!ctx) {
		/* Boot-time bring-up: the shim only wanted to know it works. */
		me->state = HS_CPU_PARKED;
		dsb_sy();
		cpu_power_off(0, 0);
	}
	start = cpu_start_record(ctx);
	if (!start) {
		me->state = HS_CPU_REFUSED;
		dsb_sy();
		cpu_power_off("CPU_ON context is not a usable struct hs_cpu_start: ", ctx);
	}
	me->state = HS_CPU_RUNNING;
	dsb_sy();
	return start->entry;
}
