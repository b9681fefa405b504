// SPDX-License-Identifier: MIT
/* The demo's visit to the sample built-in hypervisor (docs/HYPERVISOR.md). */
#include <arch/cpu.h>
#include <arch/exc_frame.h>
#include <hypstub/client.h>
#include <hypstub/hyp.h>
#include <hypstub/rt.h>
#include <hypstub/rt_smp.h>
#include <stdio.h>

#include "demo.h"

/* A page of the demo's own, to write-protect. */
static volatile uint32_t page[1024] __attribute__((aligned(4096)));

static volatile struct {
	unsigned long count, status, far;
} caught;

/* The abort the hypervisor injects arrives here, at EL1/SVC: note it, skip the store. */
static bool catch_abort(struct hs_exc_frame *f)
{
	caught.count++;
	caught.status = f->esr;
	caught.far = f->far;
	f->elr += 4;
	return true;
}

static void install_here(unsigned cpu, void *arg)
{
	(void)cpu;
	*(long *)arg = hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN);
}

static void remove_here(unsigned cpu, void *arg)
{
	(void)cpu;
	*(long *)arg = hyp_sample_remove();
}

/* fn on every CPU, one after the other; each result must be 0. */
static void on_every_cpu(const char *what, rt_cpu_fn fn)
{
	for (unsigned i = 0; i < rt_smp_ncpus(); i++) {
		long r = -100;
		char line[64];

		if (i == rt_smp_self())
			fn(i, &r);
		else if (rt_smp_run(i, fn, &r))
			r = -101;
		snprintf(line, sizeof(line), "%s on CPU%u", what, i);
		step(line, (unsigned long)r, 0);
	}
}

void demo_hypervisor(void)
{
	struct hyp_status st = {0, 0, 0};
	uint32_t v;

	printf("\n== The sample hypervisor: %u KiB image, into 2 MiB at 0x%lx ==\n",
	       (unsigned)hyp_image_size() / 1024, (unsigned long)hyp_sample_default_region());
	for (unsigned i = 0; i < rt_smp_ncpus(); i++)
		if (i != rt_smp_self() && !rt_smp_running(i))
			step("another CPU started through hypstub", (unsigned long)rt_smp_start(i),
			     0);
	on_every_cpu("installed (HVC_SET_VECTORS, then its INIT call)", install_here);
	step("its status call", hyp_sample_status(&st), 0);
	step("  version", st.version, HYP_VERSION);
	step("  CPUs under it", st.cpus, rt_smp_ncpus());
	step("HVC_SET_VECTORS now: only the stub's call", hyp_set_vectors(hyp_stub_vectors()),
	     HVC_STUB_ERR);

	rt_set_sync_hook(catch_abort);
	page[0] = 1;
	step("a page of ours made read-only in stage 2",
	     hyp_sample_protect((uintptr_t)page, 4096, 1), 0);
	page[0] = 2;
	printf("  a write to it: %s abort at %s, fault status 0x%lx, address 0x%lx\n",
	       caught.count == 1 ? "caught, an" : "NO", ARCH_EL1_NAME, caught.status, caught.far);
	step("  the write was caught at " ARCH_EL1_NAME, caught.count, 1);
	step("  and did not happen", page[0], 1);
	(void)*(volatile uint32_t *)hyp_sample_default_region();
	step("a read of the hypervisor's own memory is caught too", caught.count, 2);
	step("faults the hypervisor counted", hyp_sample_status(&st) ? ~0ul : st.faults, 2);
	step("the page writable again", hyp_sample_protect((uintptr_t)page, 4096, 0), 0);
	page[0] = 3;
	step("  a write to it", page[0], 3);
	rt_set_sync_hook(NULL);

	on_every_cpu("torn down (HVC_RESET_VECTORS)", remove_here);
	step("its status call: the stub refuses it", hyp_sample_status(&st), HVC_STUB_ERR);
	v = *(volatile uint32_t *)hyp_sample_default_region();
	step("its memory is plain memory again (its magic)", v, HYP_IMAGE_MAGIC);
	for (unsigned i = 0; i < rt_smp_ncpus(); i++)
		if (i != rt_smp_self())
			step("another CPU powered off", (unsigned long)rt_smp_stop(i), 0);
}
