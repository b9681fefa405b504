// SPDX-License-Identifier: MIT
/* The page-table builder (pt.h): identity maps, blocks first, split on demand. */
#include "pt.h"

#include <stddef.h>

#define PT_OA_MASK 0x0000fffffffff000ull /* output address bits [47:12] */

enum pt_op { PT_OP_MAP, PT_OP_S2AP };

/* One walk over a range: what to do, and whether only to count the tables it needs. */
struct pt_walk {
	struct pt_ctx *ctx;
	enum pt_op op;
	uint64_t val;
	int dry;
	unsigned need;
};

pt_entry *pt_alloc(struct pt_ctx *ctx)
{
	pt_entry *t;

	if (ctx->used >= ctx->npages)
		return NULL;
	t = ctx->pool[ctx->used++];
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		t[i] = 0;
	return t;
}

static int pt_is_table(pt_entry e, unsigned level)
{
	return level < PT_LEVELS && (e & PT_TYPE_MASK) == PT_TYPE_TABLE;
}

static pt_entry pt_leaf(uint64_t addr, uint64_t attrs, unsigned level)
{
	return addr | attrs | (level == PT_LEVELS ? PT_TYPE_TABLE : PT_TYPE_BLOCK);
}

/*
 * Write one entry. A valid entry that is to map another address or
 * become a table is broken first (made invalid, every TLB told) and only
 * then made; one that only loses or gains permissions, or goes away, is
 * written and then the TLBs told.
 */
static void pt_write(struct pt_ctx *ctx, pt_entry *p, pt_entry e)
{
	pt_entry old = *p;

	if (old == e)
		return;
	if ((old & 1) && (e & 1) && ((old ^ e) & (PT_OA_MASK | PT_TYPE_MASK))) {
		*p = 0;
		ctx->publish();
		ctx->flush();
	}
	*p = e;
	ctx->publish();
	if (old & 1)
		ctx->flush();
}

/* A block made into a table of the next level with the same mapping. */
static pt_entry *pt_split(struct pt_ctx *ctx, pt_entry block, unsigned level)
{
	pt_entry *t = pt_alloc(ctx);
	uint64_t sub = pt_level_size(level + 1);
	uint64_t base = block & PT_OA_MASK & ~(pt_level_size(level) - 1);
	uint64_t attrs = block & ~(PT_OA_MASK | PT_TYPE_MASK);

	if (!t)
		return NULL;
	if (block & 1)
		for (unsigned i = 0; i < PT_ENTRIES; i++)
			t[i] = pt_leaf(base + i * sub, attrs, level + 1);
	ctx->publish();
	return t;
}

/* The new value of a whole entry's worth of the range. */
static pt_entry pt_new_leaf(const struct pt_walk *w, pt_entry old, uint64_t addr, unsigned level)
{
	if (w->op == PT_OP_S2AP)
		return (old & 1) ? (old & ~PT_S2AP_MASK) | w->val : old;
	return w->val == PT_UNMAPPED ? 0 : pt_leaf(addr, w->val, level);
}

/* Does a part of this entry's range need a change at all (and so a split)? */
static int pt_part_changes(const struct pt_walk *w, pt_entry old)
{
	if (w->op == PT_OP_S2AP)
		return (old & 1) && (old & PT_S2AP_MASK) != w->val;
	if (w->val == PT_UNMAPPED)
		return (old & 1) != 0;
	return 1;
}

/*
 * Tables a dry run needs for [addr, end) inside a split of `old`: every
 * entry of the new table is a copy of it, so only the partly covered
 * ones at the ends need splitting again.
 */
static unsigned pt_dry_uniform(const struct pt_walk *w, pt_entry old, unsigned level, uint64_t addr,
			       uint64_t end)
{
	uint64_t size = pt_level_size(level);
	unsigned need = 0;

	while (level < PT_LEVELS && addr < end) {
		uint64_t start = addr & ~(size - 1);
		int whole = addr == start && end - start >= size;
		uint64_t next = end - start > size ? start + size : end;

		if (!whole && pt_part_changes(w, old))
			need += 1 + pt_dry_uniform(w, old, level + 1, addr, next);
		addr = next;
	}
	return need;
}

static int pt_walk_level(struct pt_walk *w, pt_entry *table, unsigned level, uint64_t addr,
			 uint64_t end)
{
	uint64_t size = pt_level_size(level);

	while (addr < end) {
		uint64_t start = addr & ~(size - 1);
		int whole = addr == start && end - start >= size;
		uint64_t next = end - start > size ? start + size : end;
		pt_entry *p = &table[(addr >> (12 + 9 * (PT_LEVELS - level))) % PT_ENTRIES];
		pt_entry *sub;

		if (!pt_is_table(*p, level)) {
			if (whole) {
				if (!w->dry)
					pt_write(w->ctx, p, pt_new_leaf(w, *p, start, level));
				addr = next;
				continue;
			}
			if (!pt_part_changes(w, *p)) {
				addr = next;
				continue;
			}
			if (w->dry) {
				/* A split table: the rest of the range lies inside it. */
				w->need += 1 + pt_dry_uniform(w, *p, level + 1, addr, next);
				addr = next;
				continue;
			}
			sub = pt_split(w->ctx, *p, level);
			if (!sub)
				return -1;
			pt_write(w->ctx, p, (uint64_t)(uintptr_t)sub | PT_TYPE_TABLE);
		}
		sub = (pt_entry *)(uintptr_t)(*p & PT_OA_MASK);
		if (pt_walk_level(w, sub, level + 1, addr, next))
			return -1;
		addr = next;
	}
	return 0;
}

static int pt_apply(struct pt_ctx *ctx, pt_entry *root, uint64_t addr, uint64_t size, enum pt_op op,
		    uint64_t val)
{
	struct pt_walk w = {ctx, op, val, 1, 0};
	uint64_t limit = 1ull << PT_ADDR_BITS;

	if ((addr | size) & (PT_PAGE_SIZE - 1) || !size || addr >= limit || size > limit - addr)
		return -1;
	/* Count the tables the change needs first: all of it, or nothing. */
	pt_walk_level(&w, root, 1, addr, addr + size);
	if (w.need > ctx->npages - ctx->used)
		return -1;
	w.dry = 0;
	return pt_walk_level(&w, root, 1, addr, addr + size);
}

int pt_map(struct pt_ctx *ctx, pt_entry *root, uint64_t addr, uint64_t size, uint64_t attrs)
{
	return pt_apply(ctx, root, addr, size, PT_OP_MAP, attrs);
}

int pt_set_s2ap(struct pt_ctx *ctx, pt_entry *root, uint64_t addr, uint64_t size, uint64_t ap)
{
	return pt_apply(ctx, root, addr, size, PT_OP_S2AP, ap & PT_S2AP_MASK);
}

pt_entry pt_lookup(const pt_entry *root, uint64_t addr, unsigned *level)
{
	const pt_entry *t = root;

	for (unsigned l = 1; l <= PT_LEVELS; l++) {
		pt_entry e = t[(addr >> (12 + 9 * (PT_LEVELS - l))) % PT_ENTRIES];

		*level = l;
		if (!(e & 1))
			return 0;
		if (!pt_is_table(e, l))
			return e;
		t = (const pt_entry *)(uintptr_t)(e & PT_OA_MASK);
	}
	return 0;
}
