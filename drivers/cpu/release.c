// SPDX-License-Identifier: MIT
/*
 * Releasing a CPU that waits at a spin table: the shim's at boot (the
 * loader's cpu-release-addr) and a payload's later (hypstub's own release
 * slots). Pure over the arch accessors: host-tested on the fake CPU.
 */
#include <arch/sysreg.h>
#include <hypstub/cpu_release.h>

void hs_spin_table_write(volatile uint64_t *addr, uint64_t entry)
{
	/* One 64-bit store: the waiting CPU reads the word whole. */
	*addr = entry;
	/* It reads with its MMU off, from memory: push the line out of our cache. */
	dcache_clean_poc_line(addr);
	/* The clean completes before the wake-up, so that the woken CPU sees the entry. */
	dsb_sy();
	sev();
}

void hs_cpu_release_write(struct hs_cpu_release *slot, uint64_t entry, uint64_t ctx)
{
	volatile struct hs_cpu_release *s = slot;

	/* ctx first, and out to memory, before the entry that lets the CPU go. */
	s->ctx = ctx;
	dcache_clean_poc_line(&s->ctx);
	dsb_sy();
	hs_spin_table_write(&s->entry, entry);
}
