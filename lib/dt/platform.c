// SPDX-License-Identifier: MIT
/*
 * Reading the machine description out of the device tree: one walk over
 * its structure block (hypstub/dt_walk.h), every node's properties read
 * once, with libfdt's meaning for each query (a node's reg in its parent's
 * #address-cells/#size-cells, 2 and 1 when absent; the first node with a
 * compatible string in the tree's order; /cpus and /chosen by libfdt's
 * name rule).
 */
#include <hypstub/dt_walk.h>
#include <hypstub/platform.h>
#include <libfdt.h>
#include <stdbool.h>
#include <string.h>

/* How deep the walk keeps its parents' cells: nodes below are walked past, not read. */
#define DT_MAX_DEPTH 16

/* The compatible strings hypstub looks for, in the order of preference of each kind. */
enum { C_PL011, C_GICV3, C_A15_GIC, C_GIC400, C_A9_GIC, C_PSCI02, C_PSCI, C_COUNT };
#define COMPATIBLE(s)                 \
	{                             \
		s, (int)sizeof(s) - 1 \
	}
static const struct {
	const char *name;
	int len;
} compatibles[C_COUNT] = {
    [C_PL011] = COMPATIBLE("arm,pl011"),
    [C_GICV3] = COMPATIBLE("arm,gic-v3"),
    [C_A15_GIC] = COMPATIBLE("arm,cortex-a15-gic"),
    [C_GIC400] = COMPATIBLE("arm,gic-400"),
    [C_A9_GIC] = COMPATIBLE("arm,cortex-a9-gic"),
    [C_PSCI02] = COMPATIBLE("arm,psci-0.2"),
    [C_PSCI] = COMPATIBLE("arm,psci"),
};

/* A node's properties, as far as hypstub reads them. */
struct dt_node {
	int offset, depth;
	const char *name;
	int name_len;
	const char *type, *compatible, *method, *stdout_path, *enable_method;
	int type_len, compatible_len, method_len, stdout_path_len, enable_method_len;
	const unsigned char *reg, *initrd_start, *initrd_end, *release;
	int reg_len, initrd_start_len, initrd_end_len, release_len;
	int ac, sc; /* for its children: libfdt's fdt_address_cells()/fdt_size_cells() */
};

/* What one parent says of its children. */
struct dt_level {
	int ac, sc;
	bool is_cpus;
	const char *enable_method; /* the /cpus node's, for CPUs without their own */
	int enable_method_len;
};

/* PL011s remembered, to find the one stdout-path names without a second walk. */
#define DT_MAX_UARTS 4

/* The first node of each compatible kind, and its reg. */
struct dt_found {
	int offset;
	uint64_t base;
	bool reg_ok;
	const char *method;
	int method_len;
};

struct dt_reader {
	struct hs_platform *p;
	struct dt_level level[DT_MAX_DEPTH];
	struct dt_found found[C_COUNT];
	struct dt_found uart[DT_MAX_UARTS];
	int nuarts; /* PL011s in the tree (more than DT_MAX_UARTS: only the first are kept) */
	bool ram_done, cpus_seen, chosen_seen;
	const char *stdout_path;
	int stdout_path_len;
	int stdout_node; /* -1: unknown; the walk then remembers PL011s instead */
	bool stdout_pl011, stdout_reg_ok;
	uint64_t stdout_base;
};

static uint64_t dt_read_cells(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < 4 * n; i++)
		v = (v << 8) | p[i];
	return v;
}

/* A string property's value is `s` (as strcmp() sees it: up to its first NUL). */
static bool value_is(const char *v, int len, const char *s)
{
	int i = 0;

	while (i < len && v[i] && v[i] == s[i])
		i++;
	return i < len && !v[i] && !s[i];
}

/*
 * Which of `compatibles` the NUL-terminated strings of a compatible list
 * hold (fdt_stringlist_contains() for each), as bits: each string of the
 * list is measured once and compared only with the names of its length.
 */
static unsigned compatible_kinds(const char *list, int len)
{
	unsigned kinds = 0;

	for (int at = 0, end; at < len; at = end + 1) {
		for (end = at; end < len && list[end]; end++)
			;
		if (end == len)
			break; /* not NUL-terminated: not a string */
		for (int c = 0; c < C_COUNT; c++)
			if (compatibles[c].len == end - at &&
			    !memcmp(list + at, compatibles[c].name, (size_t)(end - at)))
				kinds |= 1u << c;
	}
	return kinds;
}

/* fdt_address_cells()/fdt_size_cells() from the property's value: -1 when bad. */
static int cells(const unsigned char *v, int len, bool zero_ok)
{
	uint32_t n;

	if (len != 4)
		return -1;
	n = (uint32_t)dt_read_cells(v, 1);
	return n > FDT_MAX_NCELLS || (!zero_ok && n == 0) ? -1 : (int)n;
}

/* The first (address, size) of the node's reg, in its parent's cells. */
static bool node_reg(const struct dt_reader *r, const struct dt_node *n, uint64_t *addr,
		     uint64_t *size)
{
	const struct dt_level *parent;

	if (n->depth == 0 || n->depth > DT_MAX_DEPTH || !n->reg)
		return false;
	parent = &r->level[n->depth - 1];
	if (parent->ac < 1 || parent->ac > 2 || parent->sc < 0 || parent->sc > 2 ||
	    n->reg_len < 4 * (parent->ac + parent->sc))
		return false;
	*addr = dt_read_cells(n->reg, parent->ac);
	if (size)
		*size = dt_read_cells(n->reg + 4 * parent->ac, parent->sc);
	return true;
}

static uint64_t u32_or_u64(const unsigned char *v, int len)
{
	return v && (len == 4 || len == 8) ? dt_read_cells(v, len / 4) : 0;
}

/* enable-method's first string; no enable-method: PSCI, if the machine has it (settled later). */
static enum hs_cpu_method cpu_method(const char *m, int len)
{
	if (!m)
		return HS_CPU_METHOD_NONE;
	if (value_is(m, len, "psci"))
		return HS_CPU_METHOD_PSCI;
	if (value_is(m, len, "spin-table"))
		return HS_CPU_METHOD_SPIN_TABLE;
	return HS_CPU_METHOD_OTHER;
}

/* Everything the node's properties say; called once they have all been seen. */
static void node_done(struct dt_reader *r, const struct dt_node *n)
{
	struct hs_platform *p = r->p;
	uint64_t addr, size;
	unsigned kinds;

	if (n->depth < DT_MAX_DEPTH)
		r->level[n->depth] = (struct dt_level){n->ac, n->sc, false, NULL, 0};
	kinds = n->compatible ? compatible_kinds(n->compatible, n->compatible_len) : 0;
	for (int c = C_GICV3; c < C_COUNT; c++) {
		struct dt_found *f = &r->found[c];

		if (f->offset < 0 && (kinds & 1u << c)) {
			f->offset = n->offset;
			f->reg_ok = node_reg(r, n, &f->base, NULL);
			f->method = n->method;
			f->method_len = n->method_len;
		}
	}
	if (kinds & 1u << C_PL011) {
		if (r->nuarts < DT_MAX_UARTS) {
			struct dt_found *u = &r->uart[r->nuarts];

			u->offset = n->offset;
			u->reg_ok = node_reg(r, n, &u->base, NULL);
		}
		r->nuarts++;
	}
	if (n->offset == r->stdout_node) {
		r->stdout_pl011 = (kinds & 1u << C_PL011) != 0;
		r->stdout_reg_ok = node_reg(r, n, &r->stdout_base, NULL);
	}
	if (n->depth == 1) {
		if (!r->ram_done && n->type && value_is(n->type, n->type_len, "memory") &&
		    node_reg(r, n, &addr, &size)) {
			p->ram_base = addr;
			p->ram_size = size;
			r->ram_done = size != 0;
		}
		if (!r->cpus_seen && hs_dt_node_name_is(n->name, n->name_len, "cpus", 4)) {
			r->cpus_seen = true;
			if (n->depth < DT_MAX_DEPTH) {
				r->level[n->depth].is_cpus = true;
				r->level[n->depth].enable_method = n->enable_method;
				r->level[n->depth].enable_method_len = n->enable_method_len;
			}
		}
		if (!r->chosen_seen && hs_dt_node_name_is(n->name, n->name_len, "chosen", 6)) {
			r->chosen_seen = true;
			r->stdout_path = n->stdout_path;
			r->stdout_path_len = n->stdout_path_len;
			p->initrd_start = u32_or_u64(n->initrd_start, n->initrd_start_len);
			p->initrd_end = u32_or_u64(n->initrd_end, n->initrd_end_len);
		}
	}
	if (n->depth == 2 && r->level[1].is_cpus && n->type &&
	    value_is(n->type, n->type_len, "cpu") && node_reg(r, n, &addr, NULL)) {
		if (p->ncpus < HS_MAX_CPUS) {
			const char *m =
			    n->enable_method ? n->enable_method : r->level[1].enable_method;
			int mlen =
			    n->enable_method ? n->enable_method_len : r->level[1].enable_method_len;

			p->cpu_mpidr[p->ncpus] = addr;
			p->cpu_method[p->ncpus] = (uint8_t)cpu_method(m, mlen);
			p->cpu_release_addr[p->ncpus] = u32_or_u64(n->release, n->release_len);
		}
		p->ncpus++;
	}
}

/* One property of the node being read: keep the ones hypstub reads (the first of each name). */
static void node_prop(const struct hs_dt_walk *w, const struct hs_dt_item *it, struct dt_node *n)
{
	char first = it->nameoff < w->strs_size ? w->strs[it->nameoff] : 0;

#define KEEP(field, len_field, str)                                         \
	if (!n->field && hs_dt_prop_is(w, it, str, (int)sizeof(str) - 1)) { \
		n->field = it->value;                                       \
		n->len_field = it->len;                                     \
		return;                                                     \
	}
	/* Most properties are none of these: their first character says so. */
	switch (first) {
	case 'r': KEEP(reg, reg_len, "reg") return;
	case 'c':
		KEEP(compatible, compatible_len, "compatible")
		KEEP(release, release_len, "cpu-release-addr")
		return;
	case 'd': KEEP(type, type_len, "device_type") return;
	case 'e': KEEP(enable_method, enable_method_len, "enable-method") return;
	case 'm': KEEP(method, method_len, "method") return;
	case 'l':
		KEEP(initrd_start, initrd_start_len, "linux,initrd-start")
		KEEP(initrd_end, initrd_end_len, "linux,initrd-end")
		return;
	case 's': KEEP(stdout_path, stdout_path_len, "stdout-path") return;
	case '#':
		if (n->ac == -2 && hs_dt_prop_is(w, it, "#address-cells", 14))
			n->ac = cells(it->value, it->len, false);
		else if (n->sc == -2 && hs_dt_prop_is(w, it, "#size-cells", 11))
			n->sc = cells(it->value, it->len, true);
		return;
	default: return;
	}
#undef KEEP
}

static void node_start(struct dt_node *n, const struct hs_dt_item *it)
{
	/* Field by field: a struct assignment would be a call to picolibc's byte-loop memset. */
	n->offset = it->offset;
	n->depth = it->depth;
	n->name = it->name;
	n->name_len = it->name_len;
	n->type = n->compatible = n->method = n->stdout_path = n->enable_method = NULL;
	n->reg = n->initrd_start = n->initrd_end = n->release = NULL;
	n->type_len = n->compatible_len = n->method_len = n->stdout_path_len = 0;
	n->enable_method_len = 0;
	n->reg_len = n->initrd_start_len = n->initrd_end_len = n->release_len = 0;
	n->ac = n->sc = -2; /* not seen yet */
}

/* libfdt's answers for cells a node does not give: 2 address cells, 1 size cell. */
static void node_cells_default(struct dt_node *n)
{
	if (n->ac == -2)
		n->ac = 2;
	if (n->sc == -2)
		n->sc = 1;
}

/* The node stdout-path names (options after ':' are not part of it), or a negative error. */
static int stdout_node(const void *fdt, const char *path, int len)
{
	const char *colon;
	int plen;

	if (!path || len <= 0)
		return -FDT_ERR_NOTFOUND;
	colon = memchr(path, ':', (size_t)len);
	plen = colon ? (int)(colon - path) : (int)strnlen(path, (size_t)len);
	return hs_dt_path(fdt, path, plen);
}

static int walk(const void *fdt, struct dt_reader *r)
{
	struct hs_dt_walk w;
	struct hs_dt_item it;
	struct dt_node n;
	bool open = false; /* n is a node whose properties are still coming */
	int tag = hs_dt_walk_start(&w, fdt, 0);

	if (tag)
		return tag;
	while ((tag = hs_dt_walk_next(&w, &it)) > 0) {
		if (tag == HS_DTW_PROP) {
			if (open)
				node_prop(&w, &it, &n);
			continue;
		}
		if (open) {
			node_cells_default(&n);
			node_done(r, &n);
			open = false;
		}
		if (tag == HS_DTW_DONE)
			return 0;
		if (tag == HS_DTW_NODE) {
			node_start(&n, &it);
			open = true;
		}
	}
	return tag;
}

/* The whole tree read into `p`, `stdout` the node stdout-path names when known (else -1). */
static int read_tree(const void *fdt, struct hs_platform *p, struct dt_reader *r, int stdout)
{
	memset(p, 0, sizeof(*p));
	memset(r, 0, sizeof(*r));
	r->p = p;
	r->stdout_node = stdout;
	for (int c = 0; c < C_COUNT; c++)
		r->found[c].offset = -1;
	return walk(fdt, r);
}

int hs_platform_read(const void *fdt, struct hs_platform *p)
{
	struct dt_reader r;
	const struct dt_found *f;
	int err = fdt_check_header(fdt), node;

	memset(p, 0, sizeof(*p));
	if (err)
		return err;
	err = read_tree(fdt, p, &r, -1);
	node = err ? -1 : stdout_node(fdt, r.stdout_path, r.stdout_path_len);
	if (node >= 0) {
		/* Is it a PL011? The walk remembered the first few. */
		for (int i = 0; i < r.nuarts && i < DT_MAX_UARTS; i++)
			if (r.uart[i].offset == node) {
				r.stdout_pl011 = true;
				r.stdout_reg_ok = r.uart[i].reg_ok;
				r.stdout_base = r.uart[i].base;
			}
		/* More PL011s than it remembers: walk again, knowing the node. */
		if (!r.stdout_pl011 && r.nuarts > DT_MAX_UARTS)
			err = read_tree(fdt, p, &r, node);
	}
	if (err) {
		memset(p, 0, sizeof(*p));
		return err;
	}
	/* The console: stdout-path's node when it is a PL011, else the first PL011. */
	if (r.stdout_pl011)
		p->uart_base = r.stdout_reg_ok ? r.stdout_base : 0;
	else if (r.nuarts && r.uart[0].reg_ok)
		p->uart_base = r.uart[0].base;
	for (int c = C_GICV3; c <= C_A9_GIC; c++) {
		f = &r.found[c];
		if (f->offset >= 0 && f->reg_ok) {
			p->gic_dist_base = f->base;
			p->gic_version = c == C_GICV3 ? 3 : 2;
			break;
		}
	}
	f = r.found[C_PSCI02].offset >= 0 ? &r.found[C_PSCI02] : &r.found[C_PSCI];
	if (f->method && value_is(f->method, f->method_len, "smc"))
		p->psci = HS_PSCI_SMC;
	else if (f->method && value_is(f->method, f->method_len, "hvc"))
		p->psci = HS_PSCI_HVC;
	/* A CPU without an enable-method is started the way the machine offers: PSCI, if any. */
	for (unsigned i = 0; i < p->ncpus && i < HS_MAX_CPUS; i++)
		if (p->cpu_method[i] == HS_CPU_METHOD_NONE && p->psci != HS_PSCI_NONE)
			p->cpu_method[i] = HS_CPU_METHOD_PSCI;
	return p->ram_size ? 0 : -FDT_ERR_NOTFOUND;
}

uint64_t hs_platform_console(const void *fdt)
{
	struct hs_platform p;

	hs_platform_read(fdt, &p);
	return p.uart_base;
}

const char *hs_cpu_method_name(enum hs_cpu_method m)
{
	switch (m) {
	case HS_CPU_METHOD_PSCI: return "psci";
	case HS_CPU_METHOD_SPIN_TABLE: return "spin-table";
	case HS_CPU_METHOD_OTHER: return "an enable-method hypstub does not know";
	default: return "none";
	}
}

const char *hs_psci_conduit_name(enum hs_psci_conduit c)
{
	switch (c) {
	case HS_PSCI_SMC: return "smc";
	case HS_PSCI_HVC: return "hvc";
	default: return "none";
	}
}
