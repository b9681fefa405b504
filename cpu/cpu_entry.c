// SPDX-License-Identifier: MIT
/*
 * The resident CPU entry: where every CPU but the boot CPU arrives from
 * PSCI CPU_ON, during boot and whenever a payload starts one again. It
 * lives next to the stub in the resident region, position-independent
 * like it, and runs on the slow-path stack, which cpu_entry.S took for it
 * (and gives back before the CPU enters EL1 or powers off). See
 * <hypstub/cpus.h> for the contract.
 */
#include <arch/el2_setup.h>
#include <arch/stub_self.h>
#include <arch/sysreg.h>
#include <hypstub/cpus.h>

#include "../stub/stub.h"
#include "cpu.h"

#include <stddef.h>

_Static_assert(offsetof(struct hs_cpu_table, ncpus) == HS_CPU_TABLE_NCPUS, "ncpus");
_Static_assert(offsetof(struct hs_cpu_table, psci_hvc) == HS_CPU_TABLE_PSCI_HVC, "psci_hvc");
_Static_assert(offsetof(struct hs_cpu_table, cpu) == HS_CPU_TABLE_CPUS, "cpu[]");
_Static_assert(offsetof(struct hs_cpu_table, spare) ==
		   HS_CPU_TABLE_CPUS + HS_MAX_CPUS * HS_CPU_SIZE,
	       "the spare row follows cpu[]");
_Static_assert(sizeof(struct hs_cpu_table) == HS_CPU_TABLE_ROWS_END, "rows");
_Static_assert(sizeof(struct hs_cpu) == HS_CPU_SIZE, "struct hs_cpu");
_Static_assert(HS_CPU_SIZE == 16, "cpu_entry.S divides by 16");
_Static_assert(offsetof(struct hs_cpu, state) == HS_CPU_STATE, "state");
_Static_assert(offsetof(struct hs_cpu, choosing) == HS_CPU_CHOOSING, "choosing");
_Static_assert(offsetof(struct hs_cpu_table, spin_cpus) == HS_CPU_TABLE_SPIN_CPUS, "spin_cpus");
_Static_assert(offsetof(struct hs_cpu_table, release_el) == HS_CPU_TABLE_RELEASE_EL, "release_el");
_Static_assert(sizeof(struct hs_cpu_release) == HS_CPU_RELEASE_STRIDE, "release slot");
_Static_assert(offsetof(struct hs_cpu_release, ctx) == HS_CPU_RELEASE_CTX, "release ctx");
_Static_assert(HS_CPU_RELEASE_STRIDE == 64, "cpu_entry.S shifts by 6");
_Static_assert(HS_MAX_CPUS <= 8, "spin_cpus is a byte");
_Static_assert(offsetof(struct hs_cpu, number) == HS_CPU_NUMBER, "number");
/* The budget: a CPU's own EL2 stack and its row, at most 64 bytes. */
_Static_assert(HS_EL2_STACK_SIZE + HS_CPU_SIZE <= 64, "per-CPU state over 64 bytes");
_Static_assert(HS_EL2_STACK_TOP(HS_MAX_CPUS) <= HS_RESIDENT_DTB_OFFSET, "EL2 stacks");

struct hs_cpu_table hs_cpu_table;
struct hs_cpu_release hs_cpu_release[HS_MAX_CPUS] __attribute__((aligned(HS_CPU_RELEASE_STRIDE)));
/* Never entered: only its address means something (cpu.h). */
const struct hs_cpu_start hs_cpu_bring_up = {.entry = 0, .arg = 0};

/* Say why this CPU powers off; hs_cpu_entry calls PSCI CPU_OFF. */
static uintptr_t cpu_power_off(const char *why, uint64_t detail)
{
	hs_puts("\n*** hypstub: CPU ");
	hs_puthex(hs_this_cpu_id());
	hs_puts(": ");
	hs_puts(why);
	hs_puthex((unsigned long)detail);
	hs_puts(": powered off ***\n");
	return 0;
}

void hs_cpu_off_failed(void)
{
	hs_puts("\n*** hypstub: PSCI CPU_OFF returned: CPU stopped ***\n");
}

/*
 * A start record in RAM (never read elsewhere: an address outside memory
 * would fault), aligned, with an entry point the stub would accept. A
 * null record is refused even where RAM starts at 0.
 */
static const struct hs_cpu_start *cpu_start_record(uintptr_t ctx)
{
	const struct hs_cpu_start *start = (const struct hs_cpu_start *)ctx;

	if (!ctx || (ctx & (sizeof(uintptr_t) - 1)) || ctx < hs_cpu_table.ram_base ||
	    ctx + sizeof(*start) < ctx || ctx + sizeof(*start) > hs_cpu_table.ram_end)
		return 0;
	if (!hs_entry_ok(start->entry) || start->entry >= hs_stub_config.pa_limit)
		return 0;
	return start;
}

uintptr_t hs_cpu_enter(struct hs_cpu *me, uintptr_t ctx, unsigned long level, uintptr_t released)
{
	const struct hs_cpu_start *start;

	if (!me)
		return cpu_power_off("is not in the device tree (MPIDR ", sysreg_mpidr_el1_read());
	me->level = (uint8_t)level;
	me->entries++;
	if (level == 2) {
		struct el2_state st;

		el2_setup(&st, hs_cpu_table.gicv3);
		/* A fresh stub: whatever vectors this CPU had before are gone. */
		sysreg_vbar_el2_write(hs_stub_own_vectors());
		isb();
	}
	if (released) {
		/* From the parking place, by its release slot: ctx is the payload's. */
		if (!hs_entry_ok(released) || released >= hs_stub_config.pa_limit) {
			me->state = HS_CPU_REFUSED;
			dsb_sy();
			return cpu_power_off("release slot's entry is not one to enter: ",
					     released);
		}
		me->state = HS_CPU_RUNNING;
		dsb_sy();
		return released;
	}
	if (ctx == (uintptr_t)&hs_cpu_bring_up) {
		/* Boot-time bring-up: the shim only wanted to know it works. */
		me->state = HS_CPU_PARKED;
		dsb_sy();
		return 0;
	}
	start = cpu_start_record(ctx);
	if (!start) {
		me->state = HS_CPU_REFUSED;
		dsb_sy();
		return cpu_power_off("CPU_ON context is not a usable struct hs_cpu_start: ", ctx);
	}
	me->state = HS_CPU_RUNNING;
	dsb_sy();
	return start->entry;
}
