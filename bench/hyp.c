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
	a.x[1] = HYP_STATUS_ALL_CPUS;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("hyp.status", &st, 0, 1);
	a.x[0] = HYP_CALL_PROTECT;
	a.x[1] = (uintptr_t)bench_page;
	a.x[2] = sizeof(bench_page);
	a.x[3] = 0;
	bench_measure_net(bench_sample_hvc, &a, NULL, &st);
	report_call("hyp.protect", &st, 0, 1);
}

/*
 * The cost to a kernel of running under stage 2: two loops at EL1 over
 * 4 MiB of RAM just below the hypervisor's region, one word per 4 KiB
 * page, each measured without the hypervisor and under it. "touch"
 * increments a word in every page in order; "chase" follows a chain of
 * pointers from page to page in a scattered order (each load needs the
 * previous one: the access pattern of a table walk, and a TLB fill per
 * step on hardware). Instructions at EL1 and EL2 are counted; any exit
 * to the hypervisor would show at EL2.
 */
#define S2_PAGES  1024u
#define S2_PAGE	  4096u
#define S2_STRIDE 389u /* coprime with S2_PAGES: the chain visits every page */

static volatile uintptr_t s2_sink;

static uintptr_t s2_area(void)
{
	return hyp_sample_default_region() - S2_PAGES * S2_PAGE;
}

static void s2_touch(uintptr_t base)
{
	for (unsigned i = 0; i < S2_PAGES; i++)
		++*(volatile uintptr_t *)(base + i * S2_PAGE);
}

static void s2_chase(uintptr_t base)
{
	uintptr_t p = base;

	for (unsigned i = 0; i < S2_PAGES; i++)
		p = *(volatile uintptr_t *)p;
	s2_sink = p;
}

static void s2_make_chain(uintptr_t base)
{
	for (unsigned i = 0; i < S2_PAGES; i++)
		*(volatile uintptr_t *)(base + i * S2_PAGE) =
		    base + ((i + S2_STRIDE) % S2_PAGES) * S2_PAGE;
}

/* One loop without and under the hypervisor: "hyp.stage2.<name>.plain/.under". */
static void s2_measure(const char *name, void (*loop)(uintptr_t))
{
	struct bench_args a = {0};
	struct bench_stats plain, under;
	char what[48];

	a.fn = (void *)loop;
	a.x[0] = s2_area();
	s2_make_chain(s2_area());
	bench_measure_net(bench_sample_call, &a, NULL, &plain);
	bench_hyp_install();
	s2_make_chain(s2_area());
	bench_measure_net(bench_sample_call, &a, NULL, &under);
	bench_hyp_remove();
	snprintf(what, sizeof(what), "hyp.stage2.%s.spread", name);
	bench_check(what, plain.spread | under.spread, 0);
	snprintf(what, sizeof(what), "hyp.stage2.%s.no_exits", name);
	bench_check(what, plain.el2 | under.el2, 0);
	snprintf(what, sizeof(what), "hyp.stage2.%s.plain", name);
	bench_figure(what, plain.all);
	snprintf(what, sizeof(what), "hyp.stage2.%s.under", name);
	bench_figure(what, under.all);
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

	s2_measure("touch", s2_touch);
	s2_measure("chase", s2_chase);
}
