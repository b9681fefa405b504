// SPDX-License-Identifier: MIT
/*
 * Reading the machine description out of the device tree: one walk over
 * its structure block (hypstub/dt_walk.h), every node's properties read
 * once, with libfdt's meaning for each query (a node's reg in its parent's
 * #address-cells/#size-cells, 2 and 1 when absent; the first node with a
 * compatible string in the tree's order; /cpus and /chosen by libfdt's
 * name rule). The console and the GIC are then found with libfdt, their
 * reg translated to CPU addresses through every parent's ranges
 * (hypstub/dt_translate.h).
 */
#include <hypstub/dt_translate.h>
#include <hypstub/dt_walk.h>
#include <hypstub/platform.h>
#include <libfdt.h>
#include <stdbool.h>
#include <string.h>

/* How deep the walk keeps its parents' cells: nodes below are walked past, not read. */
#define DT_MAX_DEPTH 16

/* The compatible strings hypstub looks for, in the order of preference of each kind. */
enum { C_GICV3, C_A15_GIC, C_GIC400, C_A7_GIC, C_A9_GIC, C_PSCI02, C_PSCI, C_COUNT };
#define COMPATIBLE(s)                 \
	{                             \
		s, (int)sizeof(s) - 1 \
	}
static const struct {
	const char *name;
	int len;
} compatibles[C_COUNT] = {
    [C_GICV3] = COMPATIBLE("arm,gic-v3"),
    [C_A15_GIC] = COMPATIBLE("arm,cortex-a15-gic"),
    [C_GIC400] = COMPATIBLE("arm,gic-400"),
    [C_A7_GIC] = COMPATIBLE("arm,cortex-a7-gic"),
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
	bool is_cpus, is_resmem;
	const char *enable_method; /* the /cpus node's, for CPUs without their own */
	int enable_method_len;
};

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
	bool cpus_seen, chosen_seen, resmem_seen;
	const char *stdout_path;
	int stdout_path_len;
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

/* The i-th (address, size) of the node's reg, in its parent's cells. */
static bool node_reg_at(const struct dt_reader *r, const struct dt_node *n, int i, uint64_t *addr,
			uint64_t *size)
{
	const struct dt_level *parent;
	int entry;

	if (n->depth == 0 || n->depth > DT_MAX_DEPTH || !n->reg)
		return false;
	parent = &r->level[n->depth - 1];
	if (parent->ac < 1 || parent->ac > 2 || parent->sc < 0 || parent->sc > 2)
		return false;
	entry = 4 * (parent->ac + parent->sc);
	if (n->reg_len < (i + 1) * entry)
		return false;
	*addr = dt_read_cells(n->reg + i * entry, parent->ac);
	if (size)
		*size = dt_read_cells(n->reg + i * entry + 4 * parent->ac, parent->sc);
	return true;
}

static bool node_reg(const struct dt_reader *r, const struct dt_node *n, uint64_t *addr,
		     uint64_t *size)
{
	return node_reg_at(r, n, 0, addr, size);
}

/* Every (address, size) of the node's reg with a size, appended to a list of `max`. */
static void node_ranges(const struct dt_reader *r, const struct dt_node *n,
			struct hs_mem_range *list, unsigned *count, unsigned max)
{
	uint64_t addr, size;

	for (int i = 0; node_reg_at(r, n, i, &addr, &size); i++) {
		if (!size)
			continue;
		if (*count < max)
			list[*count] = (struct hs_mem_range){addr, size};
		(*count)++;
	}
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
	uint64_t addr;
	unsigned kinds;

	if (n->depth < DT_MAX_DEPTH)
		r->level[n->depth] = (struct dt_level){n->ac, n->sc, false, false, NULL, 0};
	kinds = n->compatible ? compatible_kinds(n->compatible, n->compatible_len) : 0;
	for (int c = 0; c < C_COUNT; c++) {
		struct dt_found *f = &r->found[c];

		if (f->offset < 0 && (kinds & 1u << c)) {
			f->offset = n->offset;
			f->reg_ok = node_reg(r, n, &f->base, NULL);
			f->method = n->method;
			f->method_len = n->method_len;
		}
	}
	if (n->depth == 1) {
		if (n->type && value_is(n->type, n->type_len, "memory"))
			node_ranges(r, n, p->mem, &p->nmem, HS_MAX_MEM);
		if (!r->resmem_seen &&
		    hs_dt_node_name_is(n->name, n->name_len, "reserved-memory", 15)) {
			r->resmem_seen = true;
			if (n->depth < DT_MAX_DEPTH)
				r->level[n->depth].is_resmem = true;
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
	if (n->depth == 2 && r->level[1].is_resmem)
		node_ranges(r, n, p->rsv, &p->nrsv, HS_MAX_RSV);
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

/* The node stdout-path names (options after ':' are not part of it; an alias is resolved). */
static int stdout_node(const void *fdt, const char *path, int len)
{
	const char *colon;
	int plen;

	if (!path || len <= 0)
		return -FDT_ERR_NOTFOUND;
	colon = memchr(path, ':', (size_t)len);
	plen = colon ? (int)(colon - path) : (int)strnlen(path, (size_t)len);
	if (plen == 0)
		return -FDT_ERR_BADPATH;
	return fdt_path_offset_namelen(fdt, path, plen);
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

/* `node` as a console: 0 with `u` and `base` filled, else why not (an hs_console_how). */
static int uart_of(const void *fdt, int node, struct hs_uart *u, uint64_t *base)
{
	const struct hs_uart_match *m;
	const unsigned char *v;
	int len;
	const char *compat = fdt_getprop(fdt, node, "compatible", &len);

	m = compat ? hs_uart_lookup(compat, len) : NULL;
	if (!m)
		return HS_CONSOLE_NO_DRIVER;
	if (hs_dt_reg(fdt, node, 0, base, NULL) || *base == 0 || *base > UINTPTR_MAX)
		return HS_CONSOLE_NO_ADDRESS;
	u->base = (uintptr_t)*base;
	u->type = m->type;
	u->reg_shift = m->reg_shift;
	u->reg_io_width = m->reg_io_width;
	v = fdt_getprop(fdt, node, "reg-shift", &len);
	if (v && len == 4 && dt_read_cells(v, 1) < 8)
		u->reg_shift = (uint8_t)dt_read_cells(v, 1);
	v = fdt_getprop(fdt, node, "reg-io-width", &len);
	if (v && len == 4 && (dt_read_cells(v, 1) == 1 || dt_read_cells(v, 1) == 4))
		u->reg_io_width = (uint8_t)dt_read_cells(v, 1);
	return 0;
}

/* A node that is not switched off ("okay", "ok" or no status). */
static bool node_enabled(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);

	return !status || value_is(status, len, "okay") || value_is(status, len, "ok");
}

/* The console: stdout-path's UART, else the first enabled UART in the tree with a driver. */
static void find_console(const void *fdt, const struct dt_reader *r, struct hs_platform *p)
{
	int node = stdout_node(fdt, r->stdout_path, r->stdout_path_len);

	p->console_node = -1;
	if (node >= 0) {
		int why = uart_of(fdt, node, &p->uart, &p->uart_base);

		if (!why) {
			p->console_how = HS_CONSOLE_STDOUT;
			p->console_node = node;
			return;
		}
		p->console_how = (enum hs_console_how)why;
	} else {
		p->console_how = r->stdout_path ? HS_CONSOLE_BAD_PATH : HS_CONSOLE_NO_STDOUT;
	}
	p->uart = (struct hs_uart){0, HS_UART_NONE, 0, 0};
	p->uart_base = 0;
	for (int n = fdt_next_node(fdt, -1, NULL); n >= 0; n = fdt_next_node(fdt, n, NULL)) {
		struct hs_uart u;
		uint64_t base;

		if (node_enabled(fdt, n) && !uart_of(fdt, n, &u, &base)) {
			p->uart = u;
			p->uart_base = base;
			p->console_node = n;
			return;
		}
	}
}

int hs_platform_read(const void *fdt, struct hs_platform *p)
{
	struct dt_reader r;
	int err = fdt_check_header(fdt), n;
	uint64_t own_base, own_size;

	memset(p, 0, sizeof(*p));
	p->console_node = -1;
	if (err)
		return err;
	memset(&r, 0, sizeof(r));
	r.p = p;
	for (int c = 0; c < C_COUNT; c++)
		r.found[c].offset = -1;
	err = walk(fdt, &r);
	if (err) {
		memset(p, 0, sizeof(*p));
		p->console_node = -1;
		return err;
	}
	if (p->nmem) {
		p->ram_base = p->mem[0].base;
		p->ram_size = p->mem[0].size;
	}
	/*
	 * A tree hypstub handed over already (hypstub restarted into hypstub)
	 * reserves the previous resident region, named by /hypstub's reg: that
	 * region is hypstub's own to reuse, not memory someone else holds.
	 */
	n = fdt_path_offset(fdt, HS_DT_NODE);
	if (n < 0 || hs_dt_reg(fdt, n, 0, &own_base, &own_size))
		own_base = own_size = 0;
	n = fdt_num_mem_rsv(fdt);
	for (int i = 0; i < n; i++) {
		uint64_t addr, size;

		if (fdt_get_mem_rsv(fdt, i, &addr, &size) || !size ||
		    (addr == own_base && size == own_size))
			continue;
		if (p->nrsv < HS_MAX_RSV)
			p->rsv[p->nrsv] = (struct hs_mem_range){addr, size};
		p->nrsv++;
	}
	find_console(fdt, &r, p);
	for (int c = C_GICV3; c <= C_A9_GIC; c++) {
		const struct dt_found *f = &r.found[c];
		uint64_t base;

		if (f->offset >= 0 && f->reg_ok && !hs_dt_reg(fdt, f->offset, 0, &base, NULL)) {
			p->gic_dist_base = base;
			p->gic_version = c == C_GICV3 ? 3 : 2;
			break;
		}
	}
	{
		const struct dt_found *f =
		    r.found[C_PSCI02].offset >= 0 ? &r.found[C_PSCI02] : &r.found[C_PSCI];

		if (f->method && value_is(f->method, f->method_len, "smc"))
			p->psci = HS_PSCI_SMC;
		else if (f->method && value_is(f->method, f->method_len, "hvc"))
			p->psci = HS_PSCI_HVC;
	}
	/* A CPU without an enable-method is started the way the machine offers: PSCI, if any. */
	for (unsigned i = 0; i < p->ncpus && i < HS_MAX_CPUS; i++)
		if (p->cpu_method[i] == HS_CPU_METHOD_NONE && p->psci != HS_PSCI_NONE)
			p->cpu_method[i] = HS_CPU_METHOD_PSCI;
	return p->ram_size ? 0 : -FDT_ERR_NOTFOUND;
}

const char *hs_console_why(enum hs_console_how how)
{
	switch (how) {
	case HS_CONSOLE_STDOUT: return "";
	case HS_CONSOLE_NO_STDOUT: return "the device tree has no /chosen/stdout-path";
	case HS_CONSOLE_BAD_PATH: return "/chosen/stdout-path names no node of the tree";
	case HS_CONSOLE_NO_DRIVER: return "hypstub has no driver for /chosen/stdout-path's UART";
	case HS_CONSOLE_NO_ADDRESS:
		return "/chosen/stdout-path's UART has no CPU address (reg, ranges)";
	default: return "?";
	}
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

int hs_platform_use_bank_of(struct hs_platform *p, uint64_t addr)
{
	unsigned pick = HS_MAX_MEM; /* none yet */
	uint64_t end;

	/* The first bank, unless a bank holds `addr`. */
	for (unsigned i = 0; i < p->nmem && i < HS_MAX_MEM; i++)
		if (pick == HS_MAX_MEM ||
		    (addr >= p->mem[i].base && addr - p->mem[i].base < p->mem[i].size))
			pick = i;
	if (pick == HS_MAX_MEM)
		return -1;
	end = p->mem[pick].base + p->mem[pick].size;
	if (end < p->mem[pick].base || end - 1 > UINTPTR_MAX)
		end = (uint64_t)UINTPTR_MAX + 1; /* what this CPU can address */
	if (end <= p->mem[pick].base)
		return -1;
	p->ram_base = p->mem[pick].base;
	p->ram_size = end - p->mem[pick].base;
	return 0;
}

uint64_t hs_platform_place_top(const struct hs_platform *p, uint64_t start, uint64_t end,
			       uint64_t size, uint64_t align)
{
	uint64_t at;

	if (p->nrsv > HS_MAX_RSV || size == 0 || end < start || end - start < size || !align ||
	    (align & (align - 1)))
		return 0;
	at = (end - size) & ~(align - 1);
	while (at >= start) {
		bool clear = true;

		for (unsigned i = 0; i < p->nrsv; i++) {
			const struct hs_mem_range *r = &p->rsv[i];

			if (at < r->base + r->size && r->base < at + size) {
				/* Below this reservation, and try again. */
				if (r->base < size)
					return 0;
				at = (r->base - size) & ~(align - 1);
				clear = false;
				break;
			}
		}
		if (clear)
			return at;
	}
	return 0;
}
