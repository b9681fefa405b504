/* SPDX-License-Identifier: MIT */
#ifndef BOOT_HANDOFF_H
#define BOOT_HANDOFF_H

#include <hypstub/cpus.h>
#include <stddef.h>
#include <stdint.h>

struct hs_handoff {
	unsigned boot_el;
	int stub_installed;
	uint64_t stub_vectors;
	uint64_t resident_base, resident_size;
	uint64_t cpu_entry, cpu_table;	 /* the resident CPU entry and its table */
	const struct hs_cpu_table *cpus; /* each CPU's boot level, for /cpus; may be NULL */
	uint64_t cpu_release;		 /* hypstub's release slots (struct hs_cpu_release[]) */
};

/*
 * Copy the loader's tree `src` into `dst` (at most `room` bytes), reserve
 * the resident region, add the /hypstub node and drop the initrd
 * properties (the shim consumed the initrd: it was the payload). Each
 * /cpus/cpu node the table knows gets the level that CPU entered at.
 * Returns 0 or a negative libfdt error.
 */
int hs_handoff_dtb(const void *src, void *dst, size_t room, const struct hs_handoff *h);

#endif
