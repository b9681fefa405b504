// SPDX-License-Identifier: MIT
/*
 * The demo payload: a short walk through the ABI, from EL1, as a person
 * would try it. Every step checks its result; any surprise ends the run
 * with a non-zero exit code.
 */
#include <arch/cpu.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>
#include <stdio.h>

#include "demo.h"

/* 0x1111..., 0x2222..., 0x3333... at the width of a register. */
#define STAGE2_ARG0 (~0ul / 15)
#define STAGE2_ARG1 (STAGE2_ARG0 * 2)
#define STAGE2_ARG2 (STAGE2_ARG0 * 3)

static int failures;

void step(const char *what, unsigned long got, unsigned long want)
{
	int ok = got == want;

	printf("  %-58s -> 0x%lx %s\n", what, got, ok ? "(as expected)" : "UNEXPECTED");
	if (!ok) {
		printf("demo: FAILED: expected 0x%lx\n", want);
		failures++;
	}
}

static unsigned long stage2(unsigned long arg)
{
	const struct rt_el2_ctx *c = rt_el2_ctx_self();
	unsigned long sctlr = c->entry_sctlr_el2;
	unsigned long want[3];

	(void)arg;
	rt_el2_expected_regs(STAGE2_ARG0, STAGE2_ARG1, STAGE2_ARG2, want);
	printf("\n== Stage 2: arrived by HVC_SOFT_RESTART ==\n");
	printf("  running at %s, exception masks 0x%lx (all masked: %s)\n",
	       c->entry_level == 2 ? ARCH_EL2_NAME : ARCH_EL1_NAME, c->entry_masks,
	       c->entry_masks == RT_EL2_ALL_MASKED ? "yes" : "NO");
	/* M, C and I: the same bits in SCTLR_EL2 and HSCTLR. */
	printf("  %s SCTLR=0x%lx: MMU %s, D-cache %s, I-cache %s\n", ARCH_EL2_NAME, sctlr,
	       sctlr & 1 ? "ON" : "off", sctlr & 4 ? "ON" : "off",
	       sctlr & (1 << 12) ? "ON" : "off");
	printf("  registers 0..2 = 0x%lx 0x%lx 0x%lx (expected 0x%lx 0x%lx 0x%lx)\n",
	       c->entry_regs[0], c->entry_regs[1], c->entry_regs[2], want[0], want[1], want[2]);
	if (c->entry_level != 2 || c->entry_masks != RT_EL2_ALL_MASKED || (sctlr & 0x1005) ||
	    c->entry_regs[0] != want[0] || c->entry_regs[1] != want[1] ||
	    c->entry_regs[2] != want[2]) {
		printf("demo: FAILED: stage 2 did not arrive as the ABI promises\n");
		rt_exit(1);
	}
	if (failures) {
		printf("demo: %d step(s) FAILED\n", failures);
		rt_exit(1);
	}
	printf("  the registers arrived as the ABI promises; exiting (semihosting, else PSCI "
	       "SYSTEM_OFF)\n");
	rt_exit(0);
}

/* On another CPU: our handler there, asked which CPU answers, then the stub back. */
struct cpu_visit {
	unsigned long set, whoami, reset;
};

static void visit(unsigned cpu, void *arg)
{
	struct cpu_visit *v = arg;

	(void)cpu;
	v->set = hyp_set_vectors((uintptr_t)rt_sample_vectors);
	v->whoami = hyp_call(RT_SAMPLE_WHOAMI, 0, 0, 0, 0);
	v->reset = hyp_reset_vectors();
}

static void every_cpu(void)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	unsigned self = rt_smp_self();

	printf("\n== Every CPU has its own stub: %u CPU(s) ==\n", rt_smp_ncpus());
	for (unsigned i = 0; t && i < t->ncpus; i++) {
		struct cpu_visit v = {~0ul, ~0ul, ~0ul};
		char what[64];

		if (i == self)
			continue;
		snprintf(what, sizeof(what), "CPU%u (MPIDR 0x%llx) started through hypstub", i,
			 (unsigned long long)t->cpu[i].mpidr);
		step(what, (unsigned long)rt_smp_start(i), 0);
		if (rt_smp_run(i, visit, &v))
			step("  it did not finish", 1, 0);
		step("  its own handler installed there, on it alone", v.set, 0);
		step("  which CPU answered WHOAMI (its MPIDR)", v.whoami,
		     (unsigned long)(t->cpu[i].mpidr & 0xffffff));
		step("  on the boot CPU, the stub refuses it",
		     hyp_call(RT_SAMPLE_WHOAMI, 0, 0, 0, 0), HVC_STUB_ERR);
		step("  HVC_RESET_VECTORS there", v.reset, 0);
		step("  powered off again (PSCI CPU_OFF)", (unsigned long)rt_smp_stop(i), 0);
	}
}

int main(const void *dtb)
{
	uintptr_t stub = hyp_stub_vectors();
	uintptr_t mine = (uintptr_t)rt_sample_vectors;

	printf("== hypstub demo (%s): the kernel <-> HYP stub ABI, from %s ==\n", ARCH_NAME,
	       ARCH_EL1_NAME);
	printf("  the payload runs at %s; the shim was entered at %s; device tree at %p\n",
	       rt_current_el() == 2 ? ARCH_EL2_NAME : ARCH_EL1_NAME,
	       hyp_boot_el() == 2 ? ARCH_EL2_NAME : ARCH_EL1_NAME, dtb);
	if (!hyp_available()) {
		printf("  HYP is not available (the shim found no %s): every call returns "
		       "HVC_STUB_ERR without trapping\n",
		       ARCH_EL2_NAME);
		step("hyp_set_vectors(anything)", hyp_set_vectors(0x40000000), HVC_STUB_ERR);
		return failures != 0;
	}
	printf("  the stub's vectors are at 0x%lx (from /hypstub in the device tree)\n",
	       (unsigned long)stub);

	printf("\n== Calls the stub refuses: 0x%x is HVC_STUB_ERR ==\n", HVC_STUB_ERR);
	step("hvc #0, " ARCH_REG0 " = 7 (no such call)", hyp_call(7, 0, 0, 0, 0), HVC_STUB_ERR);
	step("HVC_SET_VECTORS(vectors + 0x10: misaligned)", hyp_set_vectors(mine + 0x10),
	     HVC_STUB_ERR);
	step("HVC_SOFT_RESTART(address ending in binary 10)", hyp_soft_restart(0x40800002, 0, 0, 0),
	     HVC_STUB_ERR);
	step("HVC_RESET_VECTORS while the stub is in place (no-op)", hyp_reset_vectors(), 0);

	printf("\n== Installing an %s handler of our own ==\n", ARCH_EL2_NAME);
	rt_sample_stub_vectors = stub;
	{
		char what[64];

		snprintf(what, sizeof(what), "HVC_SET_VECTORS(demo handler at 0x%lx)",
			 (unsigned long)mine);
		step(what, hyp_set_vectors(mine), 0);
	}
	step("hvc #0, " ARCH_REG0 " = 7: now the demo handler answers", hyp_call(7, 0, 0, 0, 0),
	     RT_SAMPLE_MAGIC);
	step("hvc #0, " ARCH_REG0 " = 8: and counts", hyp_call(8, 0, 0, 0, 0), RT_SAMPLE_MAGIC);
	step("calls the demo handler received", rt_sample_calls, 2);
	step("HVC_RESET_VECTORS (handed to the stub's code)", hyp_reset_vectors(), 0);
	step("hvc #0, " ARCH_REG0 " = 7: the stub answers again", hyp_call(7, 0, 0, 0, 0),
	     HVC_STUB_ERR);
	step("calls the demo handler received", rt_sample_calls, 2);

	if (rt_smp_ncpus() > 1)
		every_cpu();
	demo_hypervisor();

	printf("\n== HVC_SOFT_RESTART into stage 2 at %s, arguments 0x1111.., 0x2222.., "
	       "0x3333.. ==\n",
	       ARCH_EL2_NAME);
	rt_el2_call_args(stage2, 0, STAGE2_ARG0, STAGE2_ARG1, STAGE2_ARG2);
	printf("demo: FAILED: SOFT_RESTART returned to EL1\n");
	return 1;
}
