// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * abi_check: hypstub's ABI-level conformance checks (tests/abi/, the same
 * code hypstub's guest suite "abi" runs) against Linux's own arm64 hyp
 * stub, from a module, in a kernel booted at EL2 in nVHE mode
 * (kvm-arm.mode=none keeps the stub in VBAR_EL2).
 *
 * Under Linux's stub the EL2 MMU is off, so EL2 code runs from physical
 * memory: each CPU gets two contiguous pages holding a copy of the EL2
 * blob (a vector table that answers `hvc`, and a SOFT_RESTART landing that
 * records the state it arrived in and erets back), cleaned to the point of
 * coherency by line (the kernel's cache helpers are not exported to
 * modules), and the checks pass the stub physical addresses. Each CPU runs
 * the checks with interrupts masked, in an IPI (smp_call_function_single)
 * with CPU hotplug held off.
 *
 * The checks whose failure would stop the CPU (a bad SOFT_RESTART entry,
 * SET_VECTORS outside the physical address space: Linux's stub would
 * branch or vector there) are reported as not run.
 *
 * With bench=1 it counts instead the instructions Linux's stub runs at
 * EL2 for each call (bench.c), on one CPU, for `make bench`.
 *
 * Results are console lines (ABIDEF, ABICHECK, ABIEND, ABIRESULT) that
 * scripts/conformance.py turns into the table of docs/CONFORMANCE.md.
 * Nothing stays behind: the stub is proven back in place after every
 * check, and the module may be removed at once.
 */
#define pr_fmt(fmt) "abi_check: " fmt

#include <asm/sysreg.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/smp.h>

#include "abi_checks.h"
#include "bench.h"

#define CURRENT_EL2    (2 << 2) /* CurrentEL.EL = 2 */
#define PFR0_EL2_SHIFT 8	/* ID_AA64PFR0_EL1.EL2 */

static bool bench;
module_param(bench, bool, 0444);
MODULE_PARM_DESC(bench, "count Linux's stub for make bench (bench.c) instead of the checks");

static bool count;
module_param(count, bool, 0444);
MODULE_PARM_DESC(count, "print the EL2 instruction counter, set up if need be (bench.c)");

struct cpu_job {
	struct abi_run run;
	int ret;
};

static void run_on_cpu(void *arg)
{
	struct cpu_job *job = arg;

	if (bench) {
		abi_bench_run(&job->run);
		job->ret = 0;
	} else {
		job->ret = abi_run_all(&job->run);
	}
}

static int run_cpu(unsigned int cpu, unsigned int *findings, unsigned int *failed)
{
	unsigned int order = get_order(ABI_BLOB_SIZE);
	struct cpu_job job = { .ret = -1 };
	struct page *pages;
	int err;

	pages = alloc_pages(GFP_KERNEL, order);
	if (!pages)
		return -ENOMEM;
	job.run.blob_va = page_address(pages);
	job.run.blob_pa = page_to_phys(pages);
	job.run.cpu = cpu;
	job.run.may_fault = 0;
	abi_blob_install(job.run.blob_va);
	err = smp_call_function_single(cpu, run_on_cpu, &job, 1);
	__free_pages(pages, order);
	if (err)
		return err;
	if (job.ret)
		return -EIO;
	*findings += job.run.findings;
	*failed += job.run.failed;
	return 0;
}

/* abi_on_cpu_fn: fn(arg) on `cpu`, waiting for it (the caller keeps interrupts on). */
static int on_cpu(unsigned int cpu, void (*fn)(void *arg), void *arg)
{
	return smp_call_function_single(cpu, fn, arg, 1);
}

/*
 * The check across CPUs: the blob's table installed on this CPU (preemption
 * off, interrupts on, as smp_call_function_single() needs), the next
 * online CPU asked which handler answers there.
 */
static int run_cross_cpu(void)
{
	unsigned int order = get_order(ABI_BLOB_SIZE);
	struct abi_run r = { 0 };
	struct page *pages;
	unsigned int other;

	pages = alloc_pages(GFP_KERNEL, order);
	if (!pages)
		return -ENOMEM;
	r.blob_va = page_address(pages);
	r.blob_pa = page_to_phys(pages);
	abi_blob_install(r.blob_va);
	preempt_disable();
	r.cpu = smp_processor_id();
	other = cpumask_next(r.cpu, cpu_online_mask);
	if (other >= nr_cpu_ids)
		other = cpumask_first(cpu_online_mask);
	abi_run_cross_cpu(&r, other != r.cpu ? on_cpu : NULL, other);
	preempt_enable();
	__free_pages(pages, order);
	return 0;
}

static int __init abi_check_init(void)
{
	unsigned int cpu, cpus = 0, findings = 0, failed = 0;
	int err = 0;

	if (count) {
		/* One CPU's counter, read right here: the measurements run on one CPU. */
		preempt_disable();
		abi_bench_count();
		preempt_enable();
		return 0;
	}
	if (read_sysreg(CurrentEL) == CURRENT_EL2) {
		pr_err("Linux runs at EL2 (VHE): there is no stub to check\n");
		return -ENODEV;
	}
	if (!((read_sysreg(id_aa64pfr0_el1) >> PFR0_EL2_SHIFT) & 0xf)) {
		pr_err("this CPU has no EL2\n");
		return -ENODEV;
	}
	if (!bench)
		abi_describe();
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		if (bench && cpus)
			break; /* the figures: one CPU is enough */
		err = run_cpu(cpu, &findings, &failed);
		if (err) {
			pr_err("ABIRESULT cpu=%u stopped: error %d (no stub answering "
			       "SOFT_RESTART?)\n",
			       cpu, err);
			break;
		}
		cpus++;
	}
	if (!err && !bench)
		err = run_cross_cpu();
	cpus_read_unlock();
	if (err)
		return err;
	pr_info("ABIRESULT cpus=%u failed=%u findings=%u\n", cpus, failed, findings);
	return 0;
}

static void __exit abi_check_exit(void)
{
}

module_init(abi_check_init);
module_exit(abi_check_exit);
MODULE_DESCRIPTION("hypstub's ABI conformance checks against Linux's hyp stub");
MODULE_LICENSE("Dual MIT/GPL");
