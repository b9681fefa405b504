// SPDX-License-Identifier: MIT
/*
 * The payload runtime's other CPUs (see <hypstub/rt_smp.h>). Each has a
 * mailbox with one writer per field: the boot CPU posts work by bumping
 * `posted`, the CPU answers by copying it to `done`. No atomics are
 * needed, which matters with the MMU off, where memory is Device memory
 * and exclusive accesses are not guaranteed to work.
 */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/psci.h>
#include <hypstub/rt.h>
#include <hypstub/rt_smp.h>
#include <stddef.h>
#include <stdio.h>

#define RT_CPU_STACK_SIZE 0x4000
#define RT_CPU_TLS_SIZE	  256

struct rt_cpu {
	struct hs_cpu_start start; /* first: CPU_ON's context_id points here */
	uintptr_t stack_top;	   /* read by rt_secondary_entry */
	uintptr_t tls;		   /* read by rt_secondary_entry */
	unsigned index;
	bool running;
	/* The mailbox. */
	rt_cpu_fn fn;
	void *arg;
	unsigned posted, done;
	unsigned alive; /* set by the CPU once it runs C */
};

/* rt_secondary_entry (rt_start.S) loads the stack and TLS from these words. */
_Static_assert(offsetof(struct rt_cpu, stack_top) == 2 * sizeof(uintptr_t), "stack_top");
_Static_assert(offsetof(struct rt_cpu, tls) == 3 * sizeof(uintptr_t), "tls");

static struct rt_cpu rt_cpus[HS_MAX_CPUS];
static char rt_cpu_stacks[HS_MAX_CPUS][RT_CPU_STACK_SIZE] __attribute__((aligned(16)));
static char rt_cpu_tls[HS_MAX_CPUS][RT_CPU_TLS_SIZE] __attribute__((aligned(16)));

void rt_secondary_entry(void);
void rt_secondary_main(struct rt_cpu *c);

/* The CPUs the payload can use: the tree's, when it has a way to start them (PSCI, spin table). */
unsigned rt_smp_ncpus(void)
{
	const struct hs_cpu_table *t = hyp_cpu_table();

	if (rt_platform.psci == HS_PSCI_NONE && !(t && t->spin_cpus))
		return 1;
	return t && t->ncpus ? t->ncpus : 1;
}

unsigned rt_smp_self(void)
{
	int i = hyp_cpu_index();

	return i < 0 ? 0 : (unsigned)i;
}

static unsigned read_once(const unsigned *p)
{
	return *(const volatile unsigned *)p;
}

static void write_once(unsigned *p, unsigned v)
{
	dsb_sy();
	*(volatile unsigned *)p = v;
	dsb_sy();
}

/* Spin until `cond(c)` or the timeout. */
static int rt_smp_until(struct rt_cpu *c, bool (*cond)(struct rt_cpu *))
{
	uint64_t start = sysreg_cntpct_el0_read();
	uint64_t limit = (uint64_t)sysreg_cntfrq_el0_read() * RT_SMP_TIMEOUT_S;

	while (!cond(c))
		if (sysreg_cntpct_el0_read() - start > limit)
			return RT_SMP_TIMEOUT;
	return 0;
}

static bool cpu_alive(struct rt_cpu *c)
{
	return read_once(&c->alive) != 0;
}

static bool cpu_done(struct rt_cpu *c)
{
	return read_once(&c->done) == c->posted;
}

static bool cpu_off(struct rt_cpu *c)
{
	return rt_smp_affinity_info(c->index) == PSCI_AFFINITY_OFF;
}

static bool cpu_waiting(struct rt_cpu *c)
{
	const volatile struct hs_cpu *row = &hyp_cpu_table()->cpu[c->index];

	return row->state == HS_CPU_WAITING;
}

/* The mailbox's stop orders: fn 0 with one of these as arg. */
#define RT_STOP_OFF  ((void *)0)
#define RT_STOP_PARK ((void *)1)

long rt_smp_affinity_info(unsigned cpu)
{
	const struct hs_cpu_table *t = hyp_cpu_table();

	if (!t || cpu >= t->ncpus)
		return PSCI_INVALID_PARAMETERS;
	/* A spin-table CPU has no PSCI: waiting in the parking place is its "off". */
	if (hyp_cpu_parks(cpu))
		return ((const volatile struct hs_cpu *)&t->cpu[cpu])->state == HS_CPU_WAITING
			   ? PSCI_AFFINITY_OFF
			   : PSCI_AFFINITY_ON;
	return (long)arch_smccc(PSCI_AFFINITY_INFO, (unsigned long)t->cpu[cpu].mpidr, 0, 0,
				(int)t->psci_hvc);
}

int rt_smp_start(unsigned cpu)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	struct rt_cpu *c = &rt_cpus[cpu];
	long err;

	if (!t || cpu >= t->ncpus || cpu == rt_smp_self())
		return PSCI_INVALID_PARAMETERS;
	c->start.entry = (uintptr_t)rt_secondary_entry;
	c->start.arg = 0;
	c->stack_top = (uintptr_t)rt_cpu_stacks[cpu] + RT_CPU_STACK_SIZE;
	c->tls = (uintptr_t)rt_cpu_tls[cpu];
	c->index = cpu;
	c->fn = 0;
	c->posted = c->done = 0;
	write_once(&c->alive, 0);
	err = hyp_cpu_on(t->cpu[cpu].mpidr, &c->start);
	if (err != PSCI_SUCCESS)
		return (int)err;
	if (rt_smp_until(c, cpu_alive))
		return RT_SMP_TIMEOUT;
	c->running = true;
	return 0;
}

bool rt_smp_running(unsigned cpu)
{
	return cpu < HS_MAX_CPUS && rt_cpus[cpu].running;
}

void rt_smp_post(unsigned cpu, rt_cpu_fn fn, void *arg)
{
	struct rt_cpu *c = &rt_cpus[cpu];

	c->fn = fn;
	c->arg = arg;
	write_once(&c->posted, c->posted + 1);
	__asm__ volatile("sev");
}

bool rt_smp_idle(unsigned cpu)
{
	return cpu_done(&rt_cpus[cpu]);
}

int rt_smp_wait(unsigned cpu)
{
	return rt_smp_until(&rt_cpus[cpu], cpu_done);
}

int rt_smp_run(unsigned cpu, rt_cpu_fn fn, void *arg)
{
	rt_smp_post(cpu, fn, arg);
	return rt_smp_wait(cpu);
}

int rt_smp_park(unsigned cpu)
{
	struct rt_cpu *c = &rt_cpus[cpu];

	if (!c->running)
		return 0;
	rt_smp_post(cpu, 0, RT_STOP_PARK);
	c->running = false;
	return rt_smp_until(c, cpu_waiting);
}

int rt_smp_stop(unsigned cpu)
{
	struct rt_cpu *c = &rt_cpus[cpu];

	if (!c->running)
		return 0;
	if (hyp_cpu_parks(cpu))
		return rt_smp_park(cpu);
	rt_smp_post(cpu, 0, RT_STOP_OFF);
	c->running = false;
	return rt_smp_until(c, cpu_off);
}

/* The started CPU, on its own stack: wait for work, run it, say so. */
void rt_secondary_main(struct rt_cpu *c)
{
	write_once(&c->alive, 1);
	for (;;) {
		unsigned job = read_once(&c->posted);

		if (job == c->done) {
			__asm__ volatile("wfe");
			continue;
		}
		dsb_sy(); /* the work's fn and arg were written before `posted` */
		if (!c->fn && c->arg == RT_STOP_PARK) {
			write_once(&c->done, job);
			hyp_cpu_park();
			/* Vectors of another hypervisor answered: the stub's back, park. */
			hyp_reset_vectors();
			hyp_cpu_park();
			printf("*** payload: CPU%u: HS_CALL_PARK returned ***\n", c->index);
			for (;;)
				wfi();
		}
		if (!c->fn) {
			write_once(&c->done, job);
			arch_smccc(PSCI_CPU_OFF, 0, 0, 0, (int)hyp_cpu_table()->psci_hvc);
			printf("*** payload: CPU%u: PSCI CPU_OFF returned ***\n", c->index);
			for (;;)
				wfi();
		}
		c->fn(c->index, c->arg);
		write_once(&c->done, job);
		__asm__ volatile("sev");
	}
}
