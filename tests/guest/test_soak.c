// SPDX-License-Identifier: MIT
/*
 * Suite "soak" (`make soak`, never in `make test`): every CPU mixes, for
 * `soak=SECONDS` of guest time (counter time, 600 by default), random
 * calls with the register checks, installs and teardowns of an EL2
 * handler of its own and of the sample hypervisor (with calls under it),
 * and SOFT_RESTART round trips, while the boot CPU
 * also power-cycles the last CPU between its rounds of work. Each CPU
 * counts what it did; any anomaly is reported with the CPU and the count
 * at which it happened, and ends that CPU's share of the run.
 */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/hyp.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>
#include <string.h>

#include "arch_test.h"
#include "harness.h"
#include "regs_check.h"

#define SOAK_DEFAULT_SECONDS 600u
#define SOAK_CHUNK_CALLS     500u
#define SOAK_REPORT_SECONDS  60u
#define AFFINITY_MASK	     0xfffffful
#define CYCLED_ROUNDS	     16u /* the power-cycled CPU's share between two cycles */

struct soak_cpu {
	struct regs_run run; /* the calls, and the first anomaly */
	unsigned installs, hyp_installs, el2_round_trips, chunks;
};

static struct soak_cpu soak[HS_MAX_CPUS];
static uint64_t soak_deadline;

static bool soak_over(void)
{
	return sysreg_cntvct_el0_read() >= *(volatile uint64_t *)&soak_deadline;
}

static unsigned long el2_mpidr(unsigned long unused)
{
	(void)unused;
	return (unsigned long)arch_cpu_affinity();
}

/* Install the sample handler, check it answers here, tear it down, check the stub. */
static void install_round(struct soak_cpu *s)
{
	unsigned long me = (unsigned long)(arch_cpu_affinity() & AFFINITY_MASK), got;

	if (hyp_set_vectors((uintptr_t)rt_sample_vectors) != 0)
		regs_fail(&s->run, "install %u refused", s->installs);
	got = hyp_call(RT_SAMPLE_WHOAMI, 0, 0, 0, 0);
	if (got != me)
		regs_fail(&s->run, "install %u: 0x%lx answered, not this CPU (0x%lx)", s->installs,
			  got, me);
	if (hyp_reset_vectors() != 0 || hyp_call(RT_SAMPLE_WHOAMI, 0, 0, 0, 0) != HVC_STUB_ERR)
		regs_fail(&s->run, "teardown %u: the stub did not come back", s->installs);
	s->installs++;
}

/*
 * Install the sample hypervisor here, check its status call and a refused
 * call with random arguments under it, remove it, check the stub is back.
 */
static void hyp_round(struct soak_cpu *s)
{
	struct hyp_status st;
	unsigned long x1 = (unsigned long)regs_random(&s->run);
	int err = hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN);

	if (err) {
		regs_fail(&s->run, "hypervisor install %u: %d", s->hyp_installs, err);
		return;
	}
	if (hyp_sample_status(&st) != 0 || st.version != HYP_VERSION || st.cpus < 1)
		regs_fail(&s->run, "hypervisor install %u: its status call", s->hyp_installs);
	if (hyp_call(HYP_CALL_STATUS + 0x100, x1, ~x1, 0, 0) != HVC_STUB_ERR ||
	    hyp_set_vectors((uintptr_t)rt_sample_vectors) != HVC_STUB_ERR)
		regs_fail(&s->run, "hypervisor install %u: a call it must refuse", s->hyp_installs);
	if (hyp_sample_remove() != 0 || hyp_sample_status(&st) != HVC_STUB_ERR)
		regs_fail(&s->run, "hypervisor teardown %u: the stub did not come back",
			  s->hyp_installs);
	s->hyp_installs++;
}

static void soft_restart_round(struct soak_cpu *s)
{
	for (unsigned i = 0; i < 8; i++) {
		unsigned long got = rt_el2_call(el2_mpidr, 0);

		if (rt_el2_ctx_self()->refused || got != (unsigned long)arch_cpu_affinity()) {
			regs_fail(&s->run, "soft restart %u: refused 0x%lx, MPIDR 0x%lx",
				  s->el2_round_trips, rt_el2_ctx_self()->refused, got);
			return;
		}
		s->el2_round_trips++;
	}
}

/* One round of mixed work; false once the time is up or something went wrong. */
static bool soak_round(struct soak_cpu *s)
{
	switch (regs_random(&s->run) % 8) {
	case 0: install_round(s); break;
	case 1: soft_restart_round(s); break;
	case 2: hyp_round(s); break;
	default: regs_random_calls(&s->run, SOAK_CHUNK_CALLS); break;
	}
	s->chunks++;
	return !s->run.failures && !soak_over();
}

/* Rounds until the time is up, or `arg` rounds when it is not 0. */
static void soak_cpu(unsigned cpu, void *arg)
{
	struct soak_cpu *s = &soak[cpu];
	unsigned rounds = (unsigned)(uintptr_t)arg;

	if (!s->run.rng)
		s->run.rng = 0x50a30000u + cpu;
	arch_sysregs_randomize();
	for (unsigned i = 0; soak_round(s) && i + 1 != rounds; i++)
		;
}

TEST_HYP(soak, mixed_work_on_every_cpu)
{
	unsigned n = rt_smp_ncpus(), self = rt_smp_self();
	unsigned cycled = n > 1 ? (self + n - 1) % n : self;
	unsigned long seconds = test_bootarg("soak", SOAK_DEFAULT_SECONDS);
	uint64_t freq = sysreg_cntfrq_el0_read(), start = sysreg_cntvct_el0_read();
	uint64_t next_report = start + freq * SOAK_REPORT_SECONDS;
	unsigned power_cycles = 0, total_calls = 0;
	struct soak_cpu *me = &soak[self];

	memset(soak, 0, sizeof(soak));
	rt_sample_stub_vectors = hyp_stub_vectors();
	/* The first install loads the hypervisor: here, before any other CPU installs it. */
	if (hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN) != 0 ||
	    hyp_sample_remove() != 0) {
		test_fail(__FILE__, __LINE__, "the sample hypervisor could not be loaded");
		return;
	}
	soak_deadline = start + freq * seconds;
	dsb_sy();
	printf("    soak: %u CPU(s), %lu s of guest time\n", n, seconds);
	for (unsigned i = 0; i < n; i++)
		if (i != self && (rt_smp_running(i) || rt_smp_start(i) == 0))
			rt_smp_post(i, soak_cpu,
				    (void *)(uintptr_t)(i == cycled ? CYCLED_ROUNDS : 0));
	me->run.rng = 0x50a30000u + self;
	while (soak_round(me)) {
		/* The last CPU: once its share is done, power it off and on, and again. */
		if (cycled != self && rt_smp_idle(cycled) && !soak[cycled].run.failures &&
		    !soak_over()) {
			if (rt_smp_stop(cycled) || rt_smp_start(cycled)) {
				regs_fail(&me->run, "power cycle %u of CPU%u failed", power_cycles,
					  cycled);
				break;
			}
			power_cycles++;
			rt_smp_post(cycled, soak_cpu, (void *)(uintptr_t)CYCLED_ROUNDS);
		}
		if (sysreg_cntvct_el0_read() >= next_report) {
			printf(
			    "    soak: %llu s: CPU%u made %u calls, %u installs, %u power cycles\n",
			    (unsigned long long)((sysreg_cntvct_el0_read() - start) / freq), self,
			    me->run.calls, me->installs, power_cycles);
			next_report += freq * SOAK_REPORT_SECONDS;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		const struct soak_cpu *s = &soak[i];

		if (i != self && rt_smp_wait(i))
			test_fail(__FILE__, __LINE__, "CPU%u never finished", i);
		if (s->run.failures)
			test_fail(__FILE__, __LINE__, "CPU%u: %s", i, s->run.first_failure);
		printf("    CPU%u: %u checked calls, %u installs and teardowns, %u of the sample "
		       "hypervisor, %u EL2 round trips, %u anomalies\n",
		       i, s->run.calls, s->installs, s->hyp_installs, s->el2_round_trips,
		       s->run.failures);
		total_calls += s->run.calls;
	}
	printf("    soak: %llu s of guest time, %u checked calls on %u CPU(s), CPU%u power-cycled "
	       "%u times\n",
	       (unsigned long long)((sysreg_cntvct_el0_read() - start) / freq), total_calls, n,
	       cycled, power_cycles);
	EXPECT_TRUE(sysreg_cntvct_el0_read() - start >= freq * seconds);
}
