// SPDX-License-Identifier: MIT
/*
 * The sample hypervisor's figures: the stub ABI's calls and its own
 * under it, install and teardown on one CPU, and SOFT_RESTART from under
 * it. Instructions, as everything in make bench.
 */
#include <hypstub/client.h>
#include <hypstub/hyp.h>
#include <hypstub/rt.h>
#include <stdio.h>

#include "bench.h"

/* A page of the benchmark's own, for PROTECT (kept writable: nothing changes). */
static volatile uint32_t bench_page[1024] __attribute__((aligned(4096)));

static void bench_hyp_install(void)
{
	hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN);
}

static void bench_hyp_remove(void)
{
	hyp_sample_remove();
}

static void bench_hyp_calls(void)
{
	struct bench_args a = {0};
	struct bench_stats st;

	a.x[0] = 0x48530000ul; /* a number nobody defines */
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("hyp.err", &st, HVC_STUB_ERR, 1);
	a.x[0] = HVC_SET_VECTORS;
	a.x[1] = bench_stub_vectors;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("hyp.set", &st, HVC_STUB_ERR, 1);
	a.x[0] = HYP_CALL_STATUS;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("hyp.status", &st, 0, 1);
	a.x[0] = HYP_CALL_PROTECT;
	a.x[1] = (uintptr_t)bench_page;
	a.x[2] = sizeof(bench_page);
	a.x[3] = 0;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("hyp.protect", &st, 0, 1);
}

void bench_hyp(unsigned self)
{
	struct bench_args a = {0};
	struct bench_stats st;

	bench_page[0] = 0;
	/* The first install loads the image: not measured. */
	bench_check(
	    "hyp.load",
	    (unsigned long)hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN), 0);
	bench_hyp_calls();
	bench_hyp_remove();

	/* Install, as a kernel calls it: the client's checks, its status call, SET_VECTORS, INIT.
	 */
	a.fn = (void *)hyp_sample_install;
	a.x[0] = hyp_sample_default_region();
	a.x[1] = HYP_REGION_ALIGN;
	bench_measure_net(bench_sample_call, &a, bench_hyp_remove, &st);
	bench_check("hyp.install.answer", st.ret, 0);
	bench_check("hyp.install.spread", st.spread, 0);
	bench_figure("hyp.install.el2", st.el2);
	bench_figure("hyp.install.total", st.all);
	bench_hyp_remove();

	/* Teardown: RESET_VECTORS under it, the stub's own RESET included. */
	a.fn = NULL;
	a.x[0] = HVC_RESET_VECTORS;
	a.x[1] = 0;
	bench_measure_net(bench_sample_hvc, &a, bench_hyp_install, &st);
	/* Two `hvc`s at EL1: the one it traps, and the one it runs again under the stub. */
	report_call("hyp.reset", &st, 0, 2);

	/* SOFT_RESTART from under it: teardown, then the stub's restart. */
	a.x[0] = HVC_SOFT_RESTART;
	bench_measure(bench_sample_restart, &a, bench_hyp_install, &st);
	bench_check("hyp.restart.answer", st.ret, 0);
	bench_check("hyp.restart.spread", st.spread, 0);
	bench_figure("hyp.restart.el2", st.el2 - self);
	bench_check("hyp.removed", hyp_call(HYP_CALL_STATUS, 0, 0, 0, 0), HVC_STUB_ERR);
}
