// SPDX-License-Identifier: MIT
/* The payload runtime: console, client library, exit, EL1 exceptions. */
#include <arch/cpu.h>
#include <hypstub/client.h>
#include <hypstub/psci.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>
#include <libfdt.h>
#include <stdio.h>

#include "../../stub/stub.h"

#define RT_EXIT_EXCEPTION 3

struct hs_platform rt_platform;
const void *rt_dtb;
static rt_sync_hook rt_hook;
static bool rt_no_semihosting;
static uint64_t rt_rng_state = 0x9e3779b97f4a7c15ull;

void rt_set_sync_hook(rt_sync_hook hook)
{
	rt_hook = hook;
}

void rt_random_seed(uint64_t seed)
{
	rt_rng_state = seed ? seed : 0x9e3779b97f4a7c15ull;
}

uint64_t rt_random_next(uint64_t *state)
{
	uint64_t x = *state ? *state : 0x9e3779b97f4a7c15ull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

uint64_t rt_random(void)
{
	return rt_random_next(&rt_rng_state);
}

void rt_system_off(void)
{
	arch_smccc(PSCI_SYSTEM_OFF, 0, 0, 0, rt_platform.psci == HS_PSCI_HVC);
	printf("*** payload: PSCI SYSTEM_OFF returned; stopped ***\n");
	for (;;)
		__asm__ volatile("wfi");
}

void rt_exit(int code)
{
	printf("[rt] exit %d\n", code);
	if (!rt_no_semihosting)
		arch_semihost_exit(code);
	rt_system_off();
}

void rt_exception(struct hs_exc_frame *f, unsigned long vector);

void rt_exception(struct hs_exc_frame *f, unsigned long vector)
{
	if (arch_rt_semihost_missing(f, vector)) {
		rt_no_semihosting = true;
		return;
	}
	if (arch_rt_is_sync(vector) && rt_hook && rt_hook(f))
		return;
	printf("\n*** payload: unexpected exception at %s ***\n", ARCH_EL1_NAME);
	arch_rt_print_exception(f, vector);
	rt_exit(RT_EXIT_EXCEPTION);
}

void rt_main(const void *dtb);

void rt_main(const void *dtb)
{
	int err = hs_platform_read(dtb, &rt_platform);

	rt_dtb = dtb;
	hs_stub_config.uart = rt_platform.uart;
	hs_uart_init(&rt_platform.uart);
	if (err) {
		/* No console either: nothing to say it on. */
		rt_exit(2);
	}
	if (hyp_client_init(dtb))
		printf("[rt] no /hypstub node in the device tree: HYP unavailable\n");
	rt_exit(main(dtb));
}

/* rt_el2.S addresses the context by these offsets: keep C and asm in step. */
#include <stddef.h>
_Static_assert(offsetof(struct rt_el2_ctx, sp) == RT_EL2_CTX_SP, "rt_el2_ctx.sp");
_Static_assert(offsetof(struct rt_el2_ctx, fn) == RT_EL2_CTX_FN, "rt_el2_ctx.fn");
_Static_assert(offsetof(struct rt_el2_ctx, result) == RT_EL2_CTX_RESULT, "rt_el2_ctx.result");
_Static_assert(offsetof(struct rt_el2_ctx, refused) == RT_EL2_CTX_REFUSED, "rt_el2_ctx.refused");
_Static_assert(offsetof(struct rt_el2_ctx, el2_sp) == RT_EL2_CTX_EL2_SP, "rt_el2_ctx.el2_sp");
_Static_assert(offsetof(struct rt_el2_ctx, entry_regs) == RT_EL2_CTX_ENTRY_X0,
	       "rt_el2_ctx.entry_regs");
_Static_assert(offsetof(struct rt_el2_ctx, entry_level) == RT_EL2_CTX_ENTRY_EL,
	       "rt_el2_ctx.entry_level");
_Static_assert(offsetof(struct rt_el2_ctx, entry_sctlr_el2) == RT_EL2_CTX_ENTRY_SCTLR,
	       "rt_el2_ctx.entry_sctlr_el2");
_Static_assert(sizeof(struct rt_el2_ctx) == RT_EL2_CTX_SIZE, "rt_el2_ctx size");

/* rt_el2.S: one RT_EL2_SLOT_SIZE slot per CPU, the context at its start. */
extern char rt_el2_slots[];
_Static_assert(sizeof(struct rt_el2_ctx) <= RT_EL2_SLOT_SIZE / 4, "rt_el2 slot too small");

struct rt_el2_ctx *rt_el2_ctx_self(void)
{
	return (struct rt_el2_ctx *)(void *)(rt_el2_slots + rt_smp_self() * RT_EL2_SLOT_SIZE);
}

unsigned long rt_el2_call_args(rt_el2_fn fn, unsigned long arg, unsigned long a0, unsigned long a1,
			       unsigned long a2)
{
	return rt_el2_call_on(rt_el2_ctx_self(), fn, arg, a0, a1, a2);
}

unsigned long rt_el2_call(rt_el2_fn fn, unsigned long arg)
{
	struct rt_el2_ctx *ctx = rt_el2_ctx_self();

	if (rt_el2_call_on(ctx, fn, arg, 0, 0, 0))
		return 0;
	return ctx->result;
}
