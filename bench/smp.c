// SPDX-License-Identifier: MIT
/*
 * The other CPUs: what starting one through hypstub's CPU entry costs.
 *
 * Under -icount QEMU runs every CPU on one thread, in turn, and the PMU's
 * instruction event reads the machine-wide instruction count, so the boot
 * CPU's counters count the other CPU's instructions too. PSCI CPU_ON (an
 * `smc` QEMU serves itself) kicks the calling CPU off the thread right
 * after the `smc`, and the started CPU runs next, until it stops itself
 * with PSCI CPU_OFF; only then does the boot CPU go on. So one window
 * around the CPU_ON call on the boot CPU holds, exactly: the call (known),
 * everything the started CPU ran, and its CPU_OFF (known). The floor,
 * CPU_ON straight into bench_cpu_off, must read exactly the known part;
 * that proves the method, and the same window through hypstub's CPU
 * entry, minus that, is the entry's cost.
 */
#include <hypstub/bootinfo.h>
#include <hypstub/client.h>
#include <hypstub/cpus.h>
#include <hypstub/psci.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define OFF_POLLS	 1000 /* AFFINITY_INFO reads before a CPU counts as stuck */
#define STACK_PAINT_WORD 0x5aa5a55au

static uint64_t target_mpidr;
static unsigned off_late; /* repetitions that found the CPU not yet off */

/* Before each window: the CPU is off again (it should be at once). */
static void wait_off(void)
{
	unsigned i;

	for (i = 0; i < OFF_POLLS; i++)
		if ((long)bench_psci_smc(PSCI_AFFINITY_INFO, (unsigned long)target_mpidr, 0, 0) ==
		    PSCI_AFFINITY_OFF)
			break;
	if (i)
		off_late++;
}

static uintptr_t cpu_entry_address(const void *dtb)
{
	int len, node = fdt_path_offset(dtb, HS_DT_NODE);
	const fdt64_t *v = node < 0 ? 0 : fdt_getprop(dtb, node, HS_DT_PROP_CPU_ENTRY, &len);

	return v && len == sizeof(*v) ? (uintptr_t)fdt64_ld(v) : 0;
}

/*
 * The shim's own start record (cpu/cpu.h: hs_cpu_bring_up), which makes the
 * CPU entry park a CPU as at boot: its offset from the CPU entry, which the
 * resident copy keeps, comes from the shim's symbols (scripts/bench.py puts
 * "bring_up=OFFSET" on the command line). 0 when it is not there.
 */
static uintptr_t bring_up_record(const void *dtb, uintptr_t entry)
{
	int chosen = fdt_path_offset(dtb, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(dtb, chosen, "bootargs", NULL) : NULL;
	const char *p = args ? strstr(args, "bring_up=") : NULL;

	return p && entry ? entry + (uintptr_t)strtoul(p + 9, NULL, 0) : 0;
}

/* One CPU_ON window, REPS times; checks the answer, spread and counters. */
static void cpu_on_window(const char *name, const struct bench_args *a, struct bench_stats *st)
{
	char what[64];

	off_late = 0;
	wait_off();
	bench_measure_net(bench_sample_call, a, wait_off, st);
	snprintf(what, sizeof(what), "%s.answer", name);
	bench_check(what, st->ret, PSCI_SUCCESS);
	snprintf(what, sizeof(what), "%s.spread", name);
	bench_check(what, st->spread, 0);
	snprintf(what, sizeof(what), "%s.el2", name); /* the boot CPU stays at EL1 */
	bench_check(what, st->el2, 0);
	snprintf(what, sizeof(what), "%s.cycles==instructions", name);
	bench_check(what, st->cyc, st->all);
	wait_off();
	snprintf(what, sizeof(what), "%s.off_at_once", name);
	bench_check(what, off_late, 0);
}

/* The target's table row after REPS entries through hypstub. */
static void check_row(const char *name, const struct hs_cpu_table *t, unsigned target,
		      uint32_t entries_before, uint32_t state)
{
	const struct hs_cpu *row = &t->cpu[target];
	char what[64];

	snprintf(what, sizeof(what), "%s.entries", name);
	bench_check(what, row->entries - entries_before, REPS);
	snprintf(what, sizeof(what), "%s.state", name);
	bench_check(what, row->state, state);
	snprintf(what, sizeof(what), "%s.level", name);
	bench_check(what, row->level, 2);
	snprintf(what, sizeof(what), "%s.hyp", name);
	bench_check(what, hs_cpu_has_hyp(t, target), 1);
	snprintf(what, sizeof(what), "%s.lock_free", name); /* the slow-path stack given back */
	bench_check(what, row->number, 0);
}

/* Paint [lo, hi), then: how many bytes below hi were written since. */
static void paint(uint32_t *lo, const uint32_t *hi)
{
	for (uint32_t *p = lo; p < hi; p++)
		*p = STACK_PAINT_WORD;
}

static long painted_used(const uint32_t *lo, const uint32_t *hi)
{
	const uint32_t *p = lo;

	while (p < hi && *p == STACK_PAINT_WORD)
		p++;
	return (long)((uintptr_t)hi - (uintptr_t)p);
}

/*
 * The EL2/HYP stacks the CPU entry uses on its way to the payload: its C
 * runs on the shared slow-path stack (the first HS_SLOW_STACK_SIZE bytes
 * at HS_RESIDENT_STACKS_OFFSET; the stub's vectors are the region's first
 * byte), and it leaves with SP_EL2 at the top of the target's own stack.
 * Paint both (and, for the own stack, as much again below it), start the
 * target once, find the deepest word that changed in each. No other CPU
 * is in the CPU entry or crashing, so both are dead.
 */
static void entry_stack(unsigned target, const struct bench_args *on)
{
	struct bench_sample s;
	uintptr_t base = (uintptr_t)bench_stub_vectors;
	uint32_t *slow_lo = (uint32_t *)(base + HS_RESIDENT_STACKS_OFFSET);
	uint32_t *slow_hi = slow_lo + HS_SLOW_STACK_SIZE / sizeof(uint32_t);
	uint32_t *own_hi = (uint32_t *)(base + HS_EL2_STACK_TOP((uintptr_t)target));
	uint32_t *own_lo = own_hi - 2 * HS_EL2_STACK_SIZE / sizeof(uint32_t);

	wait_off();
	paint(slow_lo, slow_hi);
	paint(own_lo, own_hi);
	bench_sample_call(on, &s);
	wait_off();
	bench_check("cpu.on.stack.answer", s.ret, PSCI_SUCCESS);
	bench_figure("cpu.on.stack_used", painted_used(slow_lo, slow_hi));
	bench_figure("cpu.on.own_stack_used", painted_used(own_lo, own_hi));
}

void bench_smp(const void *dtb)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	static const struct hs_cpu_start start = {.entry = (uintptr_t)bench_cpu_off};
	const volatile struct hs_cpu *row;
	struct bench_args a = {.fn = (void *)bench_psci_smc};
	struct bench_stats st;
	uintptr_t entry = cpu_entry_address(dtb);
	unsigned target = 0, self = (unsigned)hyp_cpu_index();
	uint32_t before;

	if (!t || t->ncpus < 2)
		return;
	printf("BENCHINFO cpus %u\n", (unsigned)t->ncpus);
	while (target == self)
		target++;
	row = &t->cpu[target];
	target_mpidr = row->mpidr;
	bench_check("smp.psci_conduit_is_smc", t->psci_hvc, 0);
	bench_check("smp.cpu_entry_known", entry != 0, 1);
	bench_check("smp.hyp_enabled", t->hyp_disabled, 0);
	if (t->psci_hvc || !entry || t->hyp_disabled)
		return;
	a.x[0] = PSCI_CPU_ON;
	a.x[1] = (unsigned long)target_mpidr;

	/* The floor: PSCI enters bench_cpu_off directly (at EL2/HYP). */
	a.x[2] = (uintptr_t)bench_cpu_off;
	a.x[3] = 0;
	cpu_on_window("cpu.floor", &a, &st);
	bench_check("cpu.floor.all==known", st.all, BENCH_PSCI_CALL_INSNS + BENCH_CPU_OFF_INSNS);
	bench_check("cpu.floor.el1==all", st.el1, st.all);
	bench_figure("cpu.floor.all", st.all);

	/* Through hypstub's CPU entry to the payload's first instruction at EL1/SVC. */
	a.x[2] = entry;
	a.x[3] = (uintptr_t)&start;
	before = row->entries;
	cpu_on_window("cpu.on", &a, &st);
	check_row("cpu.on.row", t, target, before, HS_CPU_RUNNING);
	bench_figure("cpu.on.to_payload",
		     (long)st.all - BENCH_PSCI_CALL_INSNS - BENCH_CPU_OFF_INSNS);
	bench_figure("cpu.on.window", st.all);
	entry_stack(target, &a);

	/* The boot-time path: the shim's own record, the entry powers the CPU off itself. */
	a.x[3] = bring_up_record(dtb, entry);
	bench_check("smp.bring_up_record_known", a.x[3] != 0, 1);
	before = row->entries;
	cpu_on_window("cpu.park", &a, &st);
	check_row("cpu.park.row", t, target, before, HS_CPU_PARKED);
	bench_figure("cpu.park.to_off", (long)st.all - BENCH_PSCI_CALL_INSNS);

	/* A payload's round trip: hyp_cpu_on() to the return, the CPU's way
	 * through hypstub into the payload, and its CPU_OFF call. */
	a.fn = (void *)hyp_cpu_on;
#ifdef __aarch64__
	a.x[0] = (unsigned long)target_mpidr;
	a.x[1] = (uintptr_t)&start;
#else
	a.x[0] = (unsigned long)target_mpidr; /* a 64-bit argument: r0 and r1 */
	a.x[1] = (unsigned long)(target_mpidr >> 32);
	a.x[2] = (uintptr_t)&start;
#endif
	cpu_on_window("cpu.round_trip", &a, &st);
	bench_figure("cpu.round_trip", st.all);
}
