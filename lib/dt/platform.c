// SPDX-License-Identifier: MIT
/* Reading the machine description out of the device tree (libfdt). */
#include <hypstub/platform.h>
#include <libfdt.h>
#include <string.h>

static uint64_t dt_read_cells(const fdt32_t *cells, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(cells[i]);
	return v;
}

/* The first (address, size) of `node`'s reg, in its parent's cell sizes. */
static int dt_reg(const void *fdt, int node, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac = fdt_address_cells(fdt, parent);
	int sc = fdt_size_cells(fdt, parent);
	int len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (parent < 0)
		return parent;
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	if (!reg)
		return len;
	if (len < (int)sizeof(fdt32_t) * (ac + sc))
		return -FDT_ERR_BADVALUE;
	*addr = dt_read_cells(reg, ac);
	if (size)
		*size = dt_read_cells(reg + ac, sc);
	return 0;
}

static uint64_t dt_u32_or_u64(const void *fdt, int node, const char *name)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node, name, &len);

	if (!v || (len != 4 && len != 8))
		return 0;
	return dt_read_cells(v, len / 4);
}

uint64_t hs_platform_console(const void *fdt)
{
	int node = -1;
	int chosen = fdt_path_offset(fdt, "/chosen");
	uint64_t base = 0;

	if (chosen >= 0) {
		int len;
		const char *path = fdt_getprop(fdt, chosen, "stdout-path", &len);

		if (path && len > 0) {
			/* "path:options": the options are not part of the path. */
			const char *colon = memchr(path, ':', (size_t)len);
			int plen = colon ? (int)(colon - path) : (int)strnlen(path, (size_t)len);

			node = fdt_path_offset_namelen(fdt, path, plen);
		}
	}
	if (node < 0 || fdt_node_check_compatible(fdt, node, "arm,pl011") != 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
	if (node < 0 || dt_reg(fdt, node, &base, NULL) != 0)
		return 0;
	return base;
}

static void dt_read_gic(const void *fdt, struct hs_platform *p)
{
	static const struct {
		const char *compatible;
		unsigned version;
	} gics[] = {
	    {"arm,gic-v3", 3},
	    {"arm,cortex-a15-gic", 2},
	    {"arm,gic-400", 2},
	    {"arm,cortex-a9-gic", 2},
	};

	for (unsigned i = 0; i < sizeof(gics) / sizeof(gics[0]); i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, gics[i].compatible);

		if (node >= 0 && dt_reg(fdt, node, &p->gic_dist_base, NULL) == 0) {
			p->gic_version = gics[i].version;
			return;
		}
	}
}

static void dt_read_psci(const void *fdt, struct hs_platform *p)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	const char *method;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci");
	if (node < 0)
		return;
	method = fdt_getprop(fdt, node, "method", NULL);
	if (method && !strcmp(method, "smc"))
		p->psci = HS_PSCI_SMC;
	else if (method && !strcmp(method, "hvc"))
		p->psci = HS_PSCI_HVC;
}

static void dt_read_cpus(const void *fdt, struct hs_platform *p)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node;

	if (cpus < 0)
		return;
	fdt_for_each_subnode (node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		uint64_t mpidr;

		if (!type || strcmp(type, "cpu") || dt_reg(fdt, node, &mpidr, NULL))
			continue;
		if (p->ncpus < HS_MAX_CPUS)
			p->cpu_mpidr[p->ncpus] = mpidr;
		p->ncpus++;
	}
}

int hs_platform_read(const void *fdt, struct hs_platform *p)
{
	int err = fdt_check_header(fdt);
	int node;

	memset(p, 0, sizeof(*p));
	if (err)
		return err;
	p->uart_base = hs_platform_console(fdt);
	fdt_for_each_subnode (node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && !strcmp(type, "memory") &&
		    dt_reg(fdt, node, &p->ram_base, &p->ram_size) == 0 && p->ram_size)
			break;
	}
	if (!p->ram_size)
		return -FDT_ERR_NOTFOUND;
	dt_read_gic(fdt, p);
	dt_read_psci(fdt, p);
	dt_read_cpus(fdt, p);
	node = fdt_path_offset(fdt, "/chosen");
	if (node >= 0) {
		p->initrd_start = dt_u32_or_u64(fdt, node, "linux,initrd-start");
		p->initrd_end = dt_u32_or_u64(fdt, node, "linux,initrd-end");
	}
	return 0;
}

const char *hs_psci_conduit_name(enum hs_psci_conduit c)
{
	switch (c) {
	case HS_PSCI_SMC: return "smc";
	case HS_PSCI_HVC: return "hvc";
	default: return "none";
	}
}
