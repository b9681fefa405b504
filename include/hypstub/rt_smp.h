/* SPDX-License-Identifier: MIT */
/*
 * The payload runtime's other CPUs. The boot CPU starts a CPU through
 * hypstub's CPU entry (so that it gets its own EL2 set-up and stub), hands
 * it work, and stops it again with PSCI CPU_OFF (or, on a spin-table
 * board, sends it to hypstub's parking place). A started CPU runs
 * nothing of its own: it waits for work, runs it, and says it is done.
 * Waits are bounded: a CPU that does not answer within RT_SMP_TIMEOUT_S
 * seconds of counter time makes the call return RT_SMP_TIMEOUT.
 */
#ifndef HYPSTUB_RT_SMP_H
#define HYPSTUB_RT_SMP_H

#include <stdbool.h>
#include <stdint.h>

#define RT_SMP_TIMEOUT	 (-100)
#define RT_SMP_TIMEOUT_S 20u

/* Work for a CPU: called with that CPU's index and the caller's argument. */
typedef void (*rt_cpu_fn)(unsigned cpu, void *arg);

/* CPUs the shim's table lists (1 when it lists none), and the caller's index. */
unsigned rt_smp_ncpus(void);
unsigned rt_smp_self(void);

/*
 * Start CPU `cpu` (PSCI CPU_ON through hypstub) and wait until it runs.
 * Returns 0, a PSCI error, or RT_SMP_TIMEOUT.
 */
int rt_smp_start(unsigned cpu);
/* Is `cpu` started (and not stopped) by this runtime? */
bool rt_smp_running(unsigned cpu);
/* Hand `fn(cpu, arg)` to a started CPU; it runs while the caller goes on. */
void rt_smp_post(unsigned cpu, rt_cpu_fn fn, void *arg);
/* Has the work handed to `cpu` returned? (Does not wait.) */
bool rt_smp_idle(unsigned cpu);
/* Wait until the work handed to `cpu` returned: 0 or RT_SMP_TIMEOUT. */
int rt_smp_wait(unsigned cpu);
/* rt_smp_post() then rt_smp_wait(). */
int rt_smp_run(unsigned cpu, rt_cpu_fn fn, void *arg);
/*
 * Make `cpu` call PSCI CPU_OFF; wait until PSCI says it is off: 0 or
 * RT_SMP_TIMEOUT. A spin-table CPU, which cannot power off, parks
 * instead (rt_smp_park()).
 */
int rt_smp_stop(unsigned cpu);
/*
 * Make `cpu` call HS_CALL_PARK (any CPU, PSCI or spin table); wait until
 * its row says it waits in hypstub's parking place: 0 or RT_SMP_TIMEOUT.
 * rt_smp_start() releases it again.
 */
int rt_smp_park(unsigned cpu);

/*
 * PSCI AFFINITY_INFO for `cpu`'s MPIDR (PSCI_AFFINITY_ON/OFF/ON_PENDING);
 * for a spin-table CPU, OFF while it waits in hypstub's parking place.
 */
long rt_smp_affinity_info(unsigned cpu);

#endif
