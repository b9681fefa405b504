// SPDX-License-Identifier: MIT
/*
 * The demo payload: a short walk through the ABI, from EL1, as a person
 * would try it. Every step checks its result; any surprise ends the run
 * with a non-zero exit code.
 */
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <stdio.h>

#define STAGE2_ARG0 0x1111111111111111ul
#define STAGE2_ARG1 0x2222222222222222ul
#define STAGE2_ARG2 0x3333333333333333ul

static int failures;

static void step(const char *what, unsigned long got, unsigned long want)
{
	int ok = got == want;

	printf("  %-58s -> 0x%lx %s\n", what, got, ok ? "(as expected)" : "UNEXPECTED");
	if (!ok) {
		printf("demo: FAILED: expected 0x%lx\n", want);
		failures++;
	}
}

static uint64_t stage2(uint64_t arg)
{
	const struct rt_el2_ctx *c = &rt_el2_ctx;
	uint64_t sctlr = c->entry_sctlr_el2;

	(void)arg;
	printf("\n== Stage 2: arrived by HVC_SOFT_RESTART ==\n");
	printf("  running at EL%llu, DAIF=0x%llx (all masked: %s)\n",
	       (unsigned long long)(c->entry_currentel >> 2), (unsigned long long)c->entry_daif,
	       c->entry_daif == 0x3c0 ? "yes" : "NO");
	printf("  SCTLR_EL2=0x%llx: MMU %s, D-cache %s, I-cache %s\n", (unsigned long long)sctlr,
	       sctlr & 1 ? "ON" : "off", sctlr & 4 ? "ON" : "off",
	       sctlr & (1 << 12) ? "ON" : "off");
	printf("  x0=0x%llx x1=0x%llx x2=0x%llx\n", (unsigned long long)c->entry_x[0],
	       (unsigned long long)c->entry_x[1], (unsigned long long)c->entry_x[2]);
	if (c->entry_currentel >> 2 != 2 || c->entry_daif != 0x3c0 || (sctlr & 0x1005) ||
	    c->entry_x[0] != STAGE2_ARG0 || c->entry_x[1] != STAGE2_ARG1 ||
	    c->entry_x[2] != STAGE2_ARG2) {
		printf("demo: FAILED: stage 2 did not arrive as the ABI promises\n");
		rt_exit(1);
	}
	if (failures) {
		printf("demo: %d step(s) FAILED\n", failures);
		rt_exit(1);
	}
	printf("  the three arguments arrived intact; powering off (PSCI SYSTEM_OFF)\n");
	rt_system_off();
}

int main(const void *dtb)
{
	uintptr_t stub = hyp_stub_vectors();
	uintptr_t mine = (uintptr_t)rt_sample_vectors;

	printf("== hypstub demo: the kernel <-> HYP stub ABI, from EL1 ==\n");
	printf("  the payload runs at EL%llu; the shim was entered at EL%u; device tree at %p\n",
	       (unsigned long long)(sysreg_currentel_read() >> 2), hyp_boot_el(), dtb);
	if (!hyp_available()) {
		printf("  HYP is not available (the shim found no EL2): every call returns "
		       "HVC_STUB_ERR without trapping\n");
		step("hyp_set_vectors(anything)", hyp_set_vectors(0x40000000), HVC_STUB_ERR);
		return failures != 0;
	}
	printf("  the stub's vectors are at 0x%lx (from /hypstub in the device tree)\n", stub);

	printf("\n== Calls the stub refuses: 0x%x is HVC_STUB_ERR ==\n", HVC_STUB_ERR);
	step("hvc #0, x0 = 7 (no such call)", hyp_call(7, 0, 0, 0, 0), HVC_STUB_ERR);
	step("HVC_SET_VECTORS(0x...100: not 2 KiB aligned)", hyp_set_vectors(mine + 0x100),
	     HVC_STUB_ERR);
	step("HVC_SOFT_RESTART(odd address)", hyp_soft_restart(0x40800002, 0, 0, 0), HVC_STUB_ERR);
	step("HVC_RESET_VECTORS while the stub is in place (no-op)", hyp_reset_vectors(), 0);

	printf("\n== Installing an EL2 handler of our own ==\n");
	rt_sample_stub_vectors = stub;
	{
		char what[64];

		snprintf(what, sizeof(what), "HVC_SET_VECTORS(demo handler at 0x%lx)",
			 (unsigned long)mine);
		step(what, hyp_set_vectors(mine), 0);
	}
	step("hvc #0, x0 = 7: now the demo handler answers", hyp_call(7, 0, 0, 0, 0),
	     RT_SAMPLE_MAGIC);
	step("hvc #0, x0 = 8: and counts", hyp_call(8, 0, 0, 0, 0), RT_SAMPLE_MAGIC);
	step("calls the demo handler received", rt_sample_calls, 2);
	step("HVC_RESET_VECTORS (handed to the stub's code)", hyp_reset_vectors(), 0);
	step("hvc #0, x0 = 7: the stub answers again", hyp_call(7, 0, 0, 0, 0), HVC_STUB_ERR);
	step("calls the demo handler received", rt_sample_calls, 2);

	printf("\n== HVC_SOFT_RESTART into stage 2 at EL2, x2..x4 = 0x1111.., 0x2222.., 0x3333.. "
	       "==\n");
	rt_el2_call_args(stage2, 0, STAGE2_ARG0, STAGE2_ARG1, STAGE2_ARG2);
	printf("demo: FAILED: SOFT_RESTART returned to EL1\n");
	return 1;
}
