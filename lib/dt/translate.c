// SPDX-License-Identifier: MIT
/* A node's reg as a CPU address: through every ancestor's `ranges` (dt_translate.h). */
#include <hypstub/dt_translate.h>
#include <libfdt.h>
#include <stdbool.h>

static uint64_t read_cells(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < 4 * n; i++)
		v = (v << 8) | p[i];
	return v;
}

/* #address-cells or #size-cells of `node`, as libfdt reads them, at most 2. */
static int cells(const void *fdt, int node, bool address)
{
	int n = address ? fdt_address_cells(fdt, node) : fdt_size_cells(fdt, node);

	if (n < 0)
		return n;
	return n > 2 ? -FDT_ERR_BADNCELLS : n;
}

int hs_dt_translate(const void *fdt, int node, uint64_t *addr)
{
	uint64_t a = *addr;

	/* `node` is the bus; its `ranges` maps into its parent's space. The root maps nothing. */
	while (node > 0) {
		int parent = fdt_parent_offset(fdt, node), len, ca, pa, sc, entry;
		const unsigned char *ranges;
		bool found = false;

		if (parent < 0)
			return parent;
		ranges = fdt_getprop(fdt, node, "ranges", &len);
		if (!ranges)
			return len == -FDT_ERR_NOTFOUND ? -FDT_ERR_NOTFOUND : len;
		ca = cells(fdt, node, true);
		sc = cells(fdt, node, false);
		pa = cells(fdt, parent, true);
		if (ca < 0 || sc < 0 || pa < 0)
			return ca < 0 ? ca : sc < 0 ? sc : pa;
		entry = 4 * (ca + pa + sc);
		if (len == 0) {
			node = parent; /* empty ranges: the same addresses on both sides */
			continue;
		}
		if (ca == 0 || entry == 0)
			return -FDT_ERR_NOTFOUND;
		for (int at = 0; at + entry <= len && !found; at += entry) {
			uint64_t child = read_cells(ranges + at, ca);
			uint64_t to = read_cells(ranges + at + 4 * ca, pa);
			uint64_t size = read_cells(ranges + at + 4 * (ca + pa), sc);

			if (a < child || a - child >= size)
				continue;
			if (to + (a - child) < to)
				return -FDT_ERR_BADVALUE;
			a = to + (a - child);
			found = true;
		}
		if (!found)
			return -FDT_ERR_NOTFOUND;
		node = parent;
	}
	*addr = a;
	return 0;
}

int hs_dt_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node), len, ac, sc;
	const unsigned char *reg;

	if (parent < 0)
		return parent;
	ac = cells(fdt, parent, true);
	sc = cells(fdt, parent, false);
	if (ac < 0 || sc < 0)
		return ac < 0 ? ac : sc;
	if (ac == 0 || index < 0)
		return -FDT_ERR_NOTFOUND;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return len;
	if ((index + 1) * 4 * (ac + sc) > len)
		return -FDT_ERR_NOTFOUND;
	reg += index * 4 * (ac + sc);
	*addr = read_cells(reg, ac);
	if (size)
		*size = read_cells(reg + 4 * ac, sc);
	return hs_dt_translate(fdt, parent, addr);
}
