// SPDX-License-Identifier: MIT
/* The device tree the payload receives: the loader's, plus what we did. */
#include "handoff.h"

#include <stdbool.h>

#include <hypstub/bootinfo.h>
#include <hypstub/bulk.h>
#include <hypstub/cpus.h>
#include <hypstub/dt_walk.h>
#include <libfdt.h>
#include <string.h>

/* Write `value` as `cells` big-endian 32-bit cells (1 or 2); returns cells. */
static int put_cells(fdt32_t *out, int cells, uint64_t value)
{
	if (cells == 2)
		*out++ = cpu_to_fdt32((uint32_t)(value >> 32));
	*out = cpu_to_fdt32((uint32_t)value);
	return cells;
}

static int add_hypstub_node(void *dst, const struct hs_handoff *h)
{
	int ac = fdt_address_cells(dst, 0);
	int sc = fdt_size_cells(dst, 0);
	int node, err;

	/* A tree that has one already (hypstub restarted into hypstub) says
	 * things that are no longer true: replace it. */
	node = hs_dt_path(dst, HS_DT_NODE, (int)sizeof(HS_DT_NODE) - 1);
	if (node >= 0) {
		err = fdt_del_node(dst, node);
		if (err)
			return err;
	}
	node = fdt_add_subnode(dst, 0, HS_DT_NODE_NAME);
	if (node < 0)
		return node;
	err = fdt_setprop_string(dst, node, "compatible", HS_DT_COMPATIBLE);
	if (!err)
		err = fdt_setprop_string(dst, node, "status",
					 h->stub_installed ? "okay" : "disabled");
	if (!err)
		err = fdt_setprop_u32(dst, node, HS_DT_PROP_BOOT_EL, h->boot_el);
	if (!err)
		err = fdt_setprop_u64(dst, node, HS_DT_PROP_VECTORS, h->stub_vectors);
	if (!err && h->cpu_entry)
		err = fdt_setprop_u64(dst, node, HS_DT_PROP_CPU_ENTRY, h->cpu_entry);
	if (!err && h->cpu_table)
		err = fdt_setprop_u64(dst, node, HS_DT_PROP_CPU_TABLE, h->cpu_table);
	if (!err && h->cpu_release)
		err = fdt_setprop_u64(dst, node, HS_DT_PROP_CPU_RELEASE, h->cpu_release);
	if (!err && ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2) {
		fdt32_t reg[4];
		int n = put_cells(reg, ac, h->resident_base);

		n += put_cells(reg + n, sc, h->resident_size);
		err = fdt_setprop(dst, node, "reg", reg, n * (int)sizeof(fdt32_t));
	}
	return err;
}

/* The table's row for a /cpus node, by its reg; NULL when the table does not list it. */
static const struct hs_cpu *cpu_row(const void *fdt, int node, int ac, const struct hs_cpu_table *t)
{
	int len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	uint64_t mpidr;

	if (!reg || len < ac * (int)sizeof(fdt32_t))
		return NULL;
	mpidr = fdt32_to_cpu(reg[0]);
	if (ac == 2)
		mpidr = (mpidr << 32) | fdt32_to_cpu(reg[1]);
	for (unsigned i = 0; i < t->ncpus && i < HS_MAX_CPUS; i++)
		if (t->cpu[i].mpidr == mpidr)
			return &t->cpu[i];
	return NULL;
}

/*
 * "hypstub,boot-el" in every /cpus node the table lists, and in no other:
 * one the loader's tree already had (hypstub restarted into hypstub)
 * would say something hypstub no longer vouches for.
 */
static int add_cpu_levels(void *dst, const struct hs_cpu_table *t, uint64_t release)
{
	int cpus = hs_dt_subnode(dst, 0, "cpus", 4);
	int ac = fdt_address_cells(dst, cpus);
	int node;

	if (cpus < 0)
		return 0;
	fdt_for_each_subnode (node, dst, cpus) {
		const struct hs_cpu *c = ac >= 1 && ac <= 2 ? cpu_row(dst, node, ac, t) : NULL;
		int err;

		/* Every copy the loader's tree had, even a malformed tree's second one. */
		do
			err = fdt_delprop(dst, node, HS_DT_PROP_CPU_BOOT_EL);
		while (err == 0);
		if (err != -FDT_ERR_NOTFOUND)
			return err;
		if (c) {
			unsigned i = (unsigned)(c - t->cpu);

			err = fdt_setprop_u32(dst, node, HS_DT_PROP_CPU_BOOT_EL,
					      c->state == HS_CPU_NEVER_UP ? 0 : c->level);
			/* A spin-table CPU waits in hypstub's parking place now: its slot. */
			if (!err && release && (t->spin_cpus >> i & 1))
				err =
				    fdt_setprop_u64(dst, node, "cpu-release-addr",
						    release + (uint64_t)i * HS_CPU_RELEASE_STRIDE +
							HS_CPU_RELEASE_ENTRY);
			if (err)
				return err;
		}
	}
	return 0;
}

/*
 * Copy the source tree's blocks, not its free space: loaders hand over
 * trees with room to spare (QEMU's virt tree is 1 MiB for some 8 KiB of
 * content), and fdt_open_into() from one buffer to another copies the
 * whole of it, a few million instructions for nothing. A tree whose
 * blocks are in the usual order (header, reserve map, structure,
 * strings) is copied up to the end of its strings and opened in place;
 * any other layout is left to libfdt.
 */
static int open_copy(const void *src, void *dst, size_t room)
{
	int err = fdt_check_header(src), nrsv;
	size_t rsv, strct, strings, used;

	if (err)
		return err;
	/*
	 * A reserve map that runs off the end of the tree makes
	 * fdt_num_mem_rsv() fail, and libfdt 1.6.1's fdt_open_into() then
	 * copies a negative size (found by tests/fuzz/fuzz_handoff.c).
	 */
	nrsv = fdt_num_mem_rsv(src);
	if (nrsv < 0)
		return nrsv;
	rsv = fdt_off_mem_rsvmap(src);
	strct = fdt_off_dt_struct(src);
	strings = fdt_off_dt_strings(src);
	used = strings + fdt_size_dt_strings(src);
	/* The reserve map (with its terminating entry) must end before the
	 * structure block too, or the copy would cut it. */
	if (fdt_version(src) < 17 ||
	    rsv + ((size_t)nrsv + 1) * sizeof(struct fdt_reserve_entry) > strct ||
	    strct + fdt_size_dt_struct(src) > strings || used > fdt_totalsize(src) || used > room)
		return fdt_open_into(src, dst, (int)room);
	hs_bulk_copy(dst, src, used);
	fdt_set_totalsize(dst, (uint32_t)used);
	return fdt_open_into(dst, dst, (int)room);
}

/* True when the reserve map already holds exactly [base, base + size). */
static bool has_mem_rsv(const void *fdt, uint64_t base, uint64_t size)
{
	int n = fdt_num_mem_rsv(fdt);

	for (int i = 0; i < n; i++) {
		uint64_t a, s;

		if (!fdt_get_mem_rsv(fdt, i, &a, &s) && a == base && s == size)
			return true;
	}
	return false;
}

int hs_handoff_dtb(const void *src, void *dst, size_t room, const struct hs_handoff *h)
{
	int err = open_copy(src, dst, room);
	int chosen;

	if (err)
		return err;
	/* A tree from hypstub restarted into hypstub has the entry already:
	 * one per restart would grow the map along a chain of restarts. */
	if (!has_mem_rsv(dst, h->resident_base, h->resident_size)) {
		err = fdt_add_mem_rsv(dst, h->resident_base, h->resident_size);
		if (err)
			return err;
	}
	chosen = hs_dt_subnode(dst, 0, "chosen", 6);
	if (chosen >= 0) {
		fdt_delprop(dst, chosen, "linux,initrd-start");
		fdt_delprop(dst, chosen, "linux,initrd-end");
	}
	err = add_hypstub_node(dst, h);
	if (!err && h->cpus)
		err = add_cpu_levels(dst, h->cpus, h->cpu_release);
	if (!err)
		err = fdt_pack(dst);
	return err;
}
