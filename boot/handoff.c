// SPDX-License-Identifier: MIT
/* The device tree the payload receives: the loader's, plus what we did. */
#include "handoff.h"

#include <hypstub/bootinfo.h>
#include <libfdt.h>

static int fdt_setprop_cells64(void *fdt, int node, const char *name, int cells, uint64_t a,
			       uint64_t b, int pairs)
{
	fdt32_t v[8];
	int n = 0;
	uint64_t vals[2] = {a, b};

	for (int i = 0; i < pairs; i++) {
		if (cells == 2)
			v[n++] = cpu_to_fdt32((uint32_t)(vals[i] >> 32));
		v[n++] = cpu_to_fdt32((uint32_t)vals[i]);
	}
	return fdt_setprop(fdt, node, name, v, n * (int)sizeof(fdt32_t));
}

int hs_handoff_dtb(const void *src, void *dst, size_t room, const struct hs_handoff *h)
{
	int err = fdt_open_into(src, dst, (int)room);
	int node, chosen, ac, sc;

	if (err)
		return err;
	err = fdt_add_mem_rsv(dst, h->resident_base, h->resident_size);
	if (err)
		return err;
	chosen = fdt_path_offset(dst, "/chosen");
	if (chosen >= 0) {
		fdt_delprop(dst, chosen, "linux,initrd-start");
		fdt_delprop(dst, chosen, "linux,initrd-end");
	}
	node = fdt_add_subnode(dst, 0, HS_DT_NODE + 1);
	if (node < 0)
		return node;
	ac = fdt_address_cells(dst, 0);
	sc = fdt_size_cells(dst, 0);
	err = fdt_setprop_string(dst, node, "compatible", HS_DT_COMPATIBLE);
	if (!err)
		err = fdt_setprop_string(dst, node, "status",
					 h->stub_installed ? "okay" : "disabled");
	if (!err)
		err = fdt_setprop_u32(dst, node, HS_DT_PROP_BOOT_EL, h->boot_el);
	if (!err)
		err = fdt_setprop_u64(dst, node, HS_DT_PROP_VECTORS, h->stub_vectors);
	if (!err && ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 && ac == sc)
		err = fdt_setprop_cells64(dst, node, "reg", ac, h->resident_base, h->resident_size,
					  2);
	if (!err)
		err = fdt_pack(dst);
	return err;
}
