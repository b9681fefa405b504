/* SPDX-License-Identifier: MIT */
/*
 * A cheap read-only walk over a flattened device tree's structure block,
 * for the lookups hypstub makes before a kernel starts. libfdt finds a
 * node or a property by walking the tree from the start for each query,
 * a call and a bounds check per byte of every node name on the way, which
 * cost hypstub's shim and kexec payload millions of instructions on
 * QEMU's virt tree; this walk reads each tag once, with the same bounds
 * (the structure and strings blocks of a tree fdt_check_header() accepts)
 * and byte loads only (with the MMU off, memory is Device memory, where
 * an unaligned word load faults).
 *
 * Offsets are libfdt's (a node's is its FDT_BEGIN_NODE tag's, from the
 * start of the structure block), so a node found here can be edited with
 * libfdt. Trees older than version 16 (node names as full paths) are
 * refused (-FDT_ERR_BADVERSION); dtc, QEMU and U-Boot write version 17.
 */
#ifndef HYPSTUB_DT_WALK_H
#define HYPSTUB_DT_WALK_H

#include <stdint.h>

enum hs_dt_tag {
	HS_DTW_NODE = 1,     /* a node begins: name, depth (its parent's + 1; root 0) */
	HS_DTW_NODE_END = 2, /* the node at `depth` ends */
	HS_DTW_PROP = 3,     /* a property of the node at `depth`: name, value, len */
	HS_DTW_DONE = 9,     /* the node the walk started at has ended */
};

struct hs_dt_item {
	enum hs_dt_tag tag;
	int depth;	  /* from the node the walk started at (0) */
	int offset;	  /* libfdt's offset of the tag */
	const char *name; /* NODE: its name (PROP: NULL, see hs_dt_prop_is()) */
	int name_len;	  /* NODE: strlen(name) */
	uint32_t nameoff; /* PROP: its name's offset in the strings block */
	const void *value;
	int len; /* PROP: the value's length */
};

struct hs_dt_walk {
	const unsigned char *st; /* the structure block */
	uint32_t st_size;
	const char *strs; /* the strings block */
	uint32_t strs_size;
	uint32_t off; /* the next tag */
	int depth;    /* nodes open */
};

/* Start at `node` (0: the root). 0, or a negative libfdt error. */
int hs_dt_walk_start(struct hs_dt_walk *w, const void *fdt, int node);

/*
 * The next tag, NOPs skipped: an hs_dt_tag, or a negative libfdt error
 * (-FDT_ERR_BADSTRUCTURE, -FDT_ERR_TRUNCATED) when the structure block
 * is malformed or ends before the node the walk started at.
 */
int hs_dt_walk_next(struct hs_dt_walk *w, struct hs_dt_item *it);

/* True when the property `it` is called `s` (`len` bytes), a whole string of the strings block. */
int hs_dt_prop_is(const struct hs_dt_walk *w, const struct hs_dt_item *it, const char *s, int len);

/*
 * libfdt's rule for a node name: `name` (`len` bytes) names the node
 * called `node_name` (`node_len` bytes) when they are the same, or when
 * `name` has no '@' and `node_name` is `name` followed by "@unit-address".
 */
int hs_dt_node_name_is(const char *node_name, int node_len, const char *name, int len);

/*
 * fdt_subnode_offset_namelen(): `parent`'s first child called `name`
 * (`len` bytes), or whose name is `name` followed by "@unit-address"
 * when `name` has no '@'. The offset, or a negative libfdt error
 * (-FDT_ERR_NOTFOUND when there is none).
 */
int hs_dt_subnode(const void *fdt, int parent, const char *name, int len);

/*
 * fdt_path_offset_namelen(): the node at an absolute path ("/a/b"), or
 * through /aliases when the path does not start with '/' ("serial0",
 * "serial0/x"). The offset, or a negative libfdt error.
 */
int hs_dt_path(const void *fdt, const char *path, int len);

/* fdt_getprop(): `node`'s first property called `name`, or NULL (len: the error). */
const void *hs_dt_prop(const void *fdt, int node, const char *name, int *len);
/* The same for a name of `namelen` bytes. */
const void *hs_dt_prop_namelen(const void *fdt, int node, const char *name, int namelen, int *len);

#endif
