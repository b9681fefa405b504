/* SPDX-License-Identifier: MIT */
/*
 * From a node's `reg` to a CPU physical address: the address is in its
 * parent's bus space, and each ancestor's `ranges` maps its children's
 * bus space into its own parent's, up to the root (the CPU's). libfdt
 * reads the cells but translates nothing; this does, with the device
 * tree specification's rules: an empty `ranges` is the identity, a
 * missing one means the bus is not memory-mapped (not translatable),
 * #address-cells defaults to 2 and #size-cells to 1.
 */
#ifndef HYPSTUB_DT_TRANSLATE_H
#define HYPSTUB_DT_TRANSLATE_H

#include <stdint.h>

/*
 * `addr`, a bus address of `node`'s children (a child's reg), translated
 * through `node` and every ancestor to a CPU address. 0, or a negative
 * libfdt error: -FDT_ERR_NOTFOUND (an ancestor has no `ranges`, or no
 * entry of it covers the address), -FDT_ERR_BADNCELLS (more than two
 * address or size cells), -FDT_ERR_BADVALUE (a ranges entry that
 * overflows), or libfdt's own for a bad tree.
 */
int hs_dt_translate(const void *fdt, int node, uint64_t *addr);

/*
 * The `index`-th (address, size) of `node`'s reg, the address translated
 * to a CPU address. 0, or a negative libfdt error (-FDT_ERR_NOTFOUND
 * when there is no such entry or it is not translatable).
 */
int hs_dt_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size);

#endif
