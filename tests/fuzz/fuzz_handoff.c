// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the device tree the payload receives
 * (boot/handoff.c). The input is a room size (2 bytes, how much space the
 * shim gives the new tree beyond the input's size) and then the loader's
 * tree, whose header's totalsize is made to say its size; it ends right
 * before an unreadable page, and the destination is exactly `room` bytes
 * of heap (AddressSanitizer sees an overrun). Whatever the tree, the
 * hand-off must not read or write out of bounds. When it succeeds the
 * result fits in `room` and has the /hypstub node and the reservation the
 * payload relies on, and every /cpus node's "hypstub,boot-el" is a level
 * the table gave. The CPU table (up to 8 CPUs with MPIDRs 0..7, the
 * levels and states varied) is made from the room bytes, so that the seed
 * trees stay trees. (A tree with a broken structure block is passed on
 * as broken: the hand-off edits, it does not repair. Whether the result
 * is valid is not asked of fdt_check_full(): libfdt 1.6.1's dereferences
 * NULL on some malformed trees, found by this target.)
 */
#include <hypstub/bootinfo.h>
#include <hypstub/cpus.h>
#include <libfdt.h>
#include <string.h>

#include "../../boot/handoff.h"
#include "fuzz_input.h"

static struct hs_handoff handoff = {
    .boot_el = 2,
    .stub_installed = 1,
    .stub_vectors = 0x47e00800,
    .resident_base = 0x47e00000,
    .resident_size = HS_RESIDENT_SIZE,
};

static int has_reservation(const void *fdt)
{
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		uint64_t a, s;

		if (fdt_get_mem_rsv(fdt, i, &a, &s) == 0 && a == handoff.resident_base &&
		    s == handoff.resident_size)
			return 1;
	}
	return 0;
}

/* A CPU table from the bits of `seed`: how many CPUs, and each one's level and state. */
static void make_cpu_table(struct hs_cpu_table *t, unsigned seed)
{
	memset(t, 0, sizeof(*t));
	t->ncpus = seed % (HS_MAX_CPUS + 1);
	for (unsigned i = 0; i < t->ncpus; i++) {
		t->cpu[i].mpidr = i;
		t->cpu[i].level = (seed >> (i + 4)) & 1 ? 2 : 1;
		t->cpu[i].state = (seed >> (i + 8)) & 1 ? HS_CPU_PARKED : HS_CPU_NEVER_UP;
	}
}

/* Every "hypstub,boot-el" in /cpus says 0, 1 or 2, one cell. */
static void check_cpu_levels(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;

	if (cpus < 0)
		return;
	fdt_for_each_subnode (node, fdt, cpus) {
		int len;
		const fdt32_t *v = fdt_getprop(fdt, node, HS_DT_PROP_CPU_BOOT_EL, &len);

		if (v)
			FUZZ_CHECK(len == 4 && fdt32_to_cpu(*v) <= 2);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};
	size_t extra = (size_t)fuzz_take(&in, 2);
	struct hs_cpu_table table;
	size_t room;
	void *src, *dst;
	int err;

	make_cpu_table(&table, (unsigned)extra);
	handoff.cpus = &table;
	handoff.cpu_entry = handoff.resident_base + 0x1000;
	handoff.cpu_table = handoff.resident_base + 0x1800;

	if (in.size < sizeof(struct fdt_header))
		return 0;
	src = fuzz_guarded_copy(in.data, in.size);
	fdt_set_totalsize(src, (uint32_t)in.size);
	room = in.size + extra;
	dst = malloc(room);
	FUZZ_CHECK(dst != NULL);
	err = hs_handoff_dtb(src, dst, room, &handoff);
	if (err == 0) {
		int node;

		FUZZ_CHECK(fdt_totalsize(dst) <= room);
		FUZZ_CHECK(has_reservation(dst));
		node = fdt_path_offset(dst, HS_DT_NODE);
		FUZZ_CHECK(node >= 0);
		FUZZ_CHECK(fdt_node_check_compatible(dst, node, HS_DT_COMPATIBLE) == 0);
		check_cpu_levels(dst);
	} else {
		FUZZ_CHECK(err < 0);
	}
	free(dst);
	return 0;
}
