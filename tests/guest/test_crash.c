// SPDX-License-Identifier: MIT
/*
 * Suites "crash_*": each provokes one unexpected exception at EL2/HYP
 * (through SOFT_RESTART, with the stub's vectors in place), or traps one
 * from EL1/SVC, and must never get past it. Before the crash, every
 * register the stub's report prints is given a value the test chose
 * (general registers, SP, the flags in SPSR, the fault-address registers
 * the crash does not write), and the test prints one "crash-expect" line
 * with what each line of the report must show. The runner (tests/run.py)
 * compares every register of the report with it: a register reported
 * wrongly, or one the report leaves out, fails the boot. They run only
 * when named: "tests=" without them skips them.
 */
#include <hypstub/arch.h>
#include <hypstub/bootinfo.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>
#include <stdio.h>

#include "arch_crash.h"
#include "arch_test.h"
#include "harness.h"

/* The block each CPU's provoking code loads its registers from (big enough for either arch). */
struct crash_block {
	unsigned long words[40];
};

static struct crash_block blocks[HS_MAX_CPUS];
static struct crash_expect expects[HS_MAX_CPUS];
static unsigned long cpu_ids[HS_MAX_CPUS];

static void print_field(const struct crash_field *f)
{
	printf(" %s=0x%lx", f->name, f->value);
	if (f->mask != ~0ul)
		printf("/0x%lx", f->mask);
	if (f->alt_mask) {
		printf("|0x%lx", f->alt_value);
		if (f->alt_mask != ~0ul)
			printf("/0x%lx", f->alt_mask);
	}
}

/* The line the runner compares the report of CPU `cpu` with. */
static void print_expect(unsigned long cpu, const struct crash_expect *e)
{
	printf("crash-expect CPU 0x%lx:", cpu);
	for (unsigned i = 0; i < e->n; i++)
		print_field(&e->f[i]);
	printf("\n");
}

/* On CPU index `i`: set the crash up at EL2 and compute its expectation. */
static void crash_prepare(unsigned i, enum crash_kind kind)
{
	_Static_assert(sizeof(struct crash_block) >= 40 * sizeof(unsigned long), "block");
	rt_el2_call(arch_crash_prepare_el2, kind);
	cpu_ids[i] = (unsigned long)arch_cpu_affinity();
	arch_crash_expect(kind, cpu_ids[i], &blocks[i], &expects[i]);
}

static void crash_now(unsigned i, enum crash_kind kind)
{
	static const rt_el2_fn entries[CRASH_KINDS] = {
	    crash_entry_dabort,	 crash_entry_brk, crash_entry_trap,  crash_entry_iabort,
	    crash_entry_pcalign, crash_entry_hvc, crash_entry_undef, crash_entry_sysreg};

	if (crash_from_el1(kind))
		entries[kind]((unsigned long)&blocks[i]);
	else
		rt_el2_call(entries[kind], (unsigned long)&blocks[i]);
}

static void crash_one(enum crash_kind kind)
{
	unsigned self = rt_smp_self();

	if (arch_crash_regs_size > sizeof(struct crash_block)) {
		test_fail(__FILE__, __LINE__, "the register block is too small");
		return;
	}
	crash_prepare(self, kind);
	print_expect(cpu_ids[self], &expects[self]);
	crash_now(self, kind);
	test_fail(__FILE__, __LINE__, "the crash of kind %u came back", kind);
}

TEST_HYP(crash_dabort, data_abort_at_el2_is_reported)
{
	crash_one(CRASH_DABORT);
}

TEST_HYP(crash_brk, breakpoint_at_el2_is_reported)
{
	crash_one(CRASH_BRK);
}

TEST_HYP(crash_trap, trapped_instruction_from_el1_is_reported)
{
	crash_one(CRASH_TRAP);
}

TEST_HYP(crash_iabort, instruction_abort_at_el2_is_reported)
{
	crash_one(CRASH_IABORT);
}

TEST_HYP(crash_pcalign, pc_alignment_fault_at_el2_is_reported)
{
	crash_one(CRASH_PCALIGN);
}

TEST_HYP(crash_hvc_el2, hvc_at_el2_is_reported)
{
	crash_one(CRASH_HVC);
}

TEST_HYP(crash_undef, undefined_instruction_at_el2_is_reported)
{
	crash_one(CRASH_UNDEF);
}

TEST_HYP(crash_sysreg, trapped_sysreg_write_from_el1_is_reported)
{
	crash_one(CRASH_SYSREG);
}

/*
 * Every CPU at once (SMP only): each traps its WFI to EL2 with registers
 * of its own. The reports share one slow-path stack, so they must come
 * one after the other, each whole and each with its own CPU's registers:
 * the runner checks that there are as many as CPUs, none interleaved with
 * another, and each against that CPU's expectation, which the boot CPU
 * prints for all before any crashes.
 */
static volatile int crash_ready[HS_MAX_CPUS];
static volatile int crash_go;

// cppcheck-suppress constParameter ; the signature is rt_cpu_fn's
static void crash_together(unsigned cpu, void *arg)
{
	(void)arg;
	crash_prepare(cpu, CRASH_TRAP);
	crash_ready[cpu] = 1;
	while (!crash_go)
		;
	crash_now(cpu, CRASH_TRAP);
}

TEST_HYP(crash_smp, every_cpu_crashing_at_once_is_reported)
{
	unsigned self = rt_smp_self(), n = rt_smp_ncpus();

	for (unsigned i = 0; i < n; i++) {
		if (i == self)
			continue;
		ASSERT_EQ(rt_smp_start(i), 0);
		rt_smp_post(i, crash_together, NULL);
	}
	for (unsigned i = 0; i < n; i++)
		while (i != self && !crash_ready[i])
			;
	crash_prepare(self, CRASH_TRAP);
	for (unsigned i = 0; i < n; i++)
		print_expect(cpu_ids[i], &expects[i]);
	crash_go = 1;
	crash_now(self, CRASH_TRAP);
	test_fail(__FILE__, __LINE__, "the trapped WFI came back");
}
