/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's page-table builder, one for both architectures: the
 * AArch64 4 KiB-granule descriptors and the AArch32 LPAE (long) ones are
 * the same 64-bit format. Every table here is a three-level identity map
 * whose root is a level 1 table of 512 entries (1 GiB each, 39 bits of
 * address); level 2 maps 2 MiB, level 3 4 KiB. Blocks are used wherever a
 * range allows, and split into the next level only where it does not.
 * Pure C over a pool of pages and two hooks, so the host tests run it.
 */
#ifndef HYP_PT_H
#define HYP_PT_H

#include <stdint.h>

#define PT_ENTRIES    512
#define PT_PAGE_SIZE  4096u
#define PT_LEVELS     3 /* 1, 2, 3 */
#define PT_ADDR_BITS  39
#define PT_ADDR_MASK  0x000000fffffff000ull /* output address, bits [39:12] */
#define PT_TYPE_MASK  3ull
#define PT_TYPE_BLOCK 1ull /* levels 1 and 2 */
#define PT_TYPE_TABLE 3ull /* levels 1 and 2; at level 3 this is a page */

/* Attributes both stages share. */
#define PT_AF	    (1ull << 10) /* accessed: no access flag faults */
#define PT_SH_INNER (3ull << 8)	 /* inner shareable (Normal memory) */
#define PT_XN	    (1ull << 54) /* never executable */
/* Stage 1 (the EL2/HYP regime's own map). */
#define PT_S1_ATTR(i) ((uint64_t)(i) << 2) /* AttrIndx: MAIR_EL2/HMAIR0 byte */
#define PT_S1_AP_RW   (1ull << 6)	   /* AP[2:1] = 01: AP[1] is RES1/SBO at EL2 */
#define PT_S1_DEVICE  (PT_S1_ATTR(0) | PT_S1_AP_RW | PT_AF | PT_XN)
#define PT_S1_NORMAL  (PT_S1_ATTR(1) | PT_S1_AP_RW | PT_AF | PT_SH_INNER)
/* Stage 2 (EL1's physical view). */
#define PT_S2_MEM_DEV (1ull << 2)  /* MemAttr 0001: Device-nGnRE */
#define PT_S2_MEM_WB  (15ull << 2) /* MemAttr 1111: Normal, write-back */
#define PT_S2AP_R     (1ull << 6)
#define PT_S2AP_W     (2ull << 6)
#define PT_S2AP_MASK  (3ull << 6)
#define PT_S2_DEVICE  (PT_S2_MEM_DEV | PT_S2AP_R | PT_S2AP_W | PT_AF | PT_XN)
#define PT_S2_NORMAL  (PT_S2_MEM_WB | PT_S2AP_R | PT_S2AP_W | PT_AF | PT_SH_INNER)
/* "No mapping" for pt_map(). */
#define PT_UNMAPPED 0ull

typedef uint64_t pt_entry;

/*
 * Where tables come from, and what a change needs from the CPU:
 * `publish` (a barrier: entries written are visible to the table walker)
 * and `flush` (after an entry was made invalid or narrower: the TLBs of
 * every CPU that may hold it forget it). Addresses are physical, and a
 * table's address is also its pointer (the hypervisor runs identity
 * mapped, or with the MMU off).
 */
struct pt_ctx {
	pt_entry (*pool)[PT_ENTRIES];
	unsigned npages, used;
	void (*publish)(void);
	void (*flush)(void);
};

/* A fresh, zeroed table page, or NULL when the pool is used up. */
pt_entry *pt_alloc(struct pt_ctx *ctx);

/*
 * Map [addr, addr + size) to itself with `attrs` (the descriptor without
 * its type and address bits), or unmap it (PT_UNMAPPED). Both ends must
 * be 4 KiB-aligned and below 2^39. Splits blocks where needed (copying
 * their attributes into the new table, break-before-make); never merges.
 * Returns 0, or -1 (bad range, or the pool ran out: then the range may be
 * partly changed; size the pool so that it does not).
 */
int pt_map(struct pt_ctx *ctx, pt_entry *root, uint64_t addr, uint64_t size, uint64_t attrs);

/*
 * Change only the stage 2 access bits (S2AP) of a mapped range: `ap` is
 * PT_S2AP_R or PT_S2AP_R | PT_S2AP_W. Splits blocks as needed; ranges
 * that are not mapped stay so. 0 or -1, as pt_map().
 */
int pt_set_s2ap(struct pt_ctx *ctx, pt_entry *root, uint64_t addr, uint64_t size, uint64_t ap);

/*
 * The leaf descriptor that maps `addr` (a block or a page), 0 when none;
 * *level says at which level the walk ended (1, 2 or 3).
 */
pt_entry pt_lookup(const pt_entry *root, uint64_t addr, unsigned *level);

/* Bytes one entry maps at `level`. */
static inline uint64_t pt_level_size(unsigned level)
{
	return 1ull << (12 + 9 * (3 - level));
}

#endif
