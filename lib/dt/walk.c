// SPDX-License-Identifier: MIT
/* One read of each tag of a device tree's structure block (hypstub/dt_walk.h). */
#include <hypstub/dt_walk.h>
#include <libfdt.h>
#include <stddef.h>

#define TAG_BEGIN_NODE 1u
#define TAG_END_NODE   2u
#define TAG_PROP       3u
#define TAG_NOP	       4u
#define TAG_END	       9u

/* A big-endian word, one byte at a time: no alignment assumed. */
static uint32_t be32_at(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t align4(uint32_t x)
{
	return (x + 3u) & ~3u;
}

int hs_dt_walk_start(struct hs_dt_walk *w, const void *fdt, int node)
{
	int err = fdt_check_header(fdt);
	uint32_t total, st_off;

	if (err)
		return err;
	if (fdt_version(fdt) < 16)
		return -FDT_ERR_BADVERSION;
	/* fdt_check_header() has checked these blocks against totalsize. */
	total = fdt_totalsize(fdt);
	st_off = fdt_off_dt_struct(fdt);
	w->st = (const unsigned char *)fdt + st_off;
	w->st_size = fdt_version(fdt) >= 17 ? fdt_size_dt_struct(fdt) : total - st_off;
	w->strs = (const char *)fdt + fdt_off_dt_strings(fdt);
	/* As libfdt reads them: before version 17, strings run to the end of the tree. */
	w->strs_size =
	    fdt_version(fdt) >= 17 ? fdt_size_dt_strings(fdt) : total - fdt_off_dt_strings(fdt);
	w->depth = 0;
	if (node < 0 || (uint32_t)node % 4 || w->st_size < 4 || (uint32_t)node > w->st_size - 4 ||
	    be32_at(w->st + node) != TAG_BEGIN_NODE)
		return -FDT_ERR_BADOFFSET;
	w->off = (uint32_t)node;
	return 0;
}

int hs_dt_prop_is(const struct hs_dt_walk *w, const struct hs_dt_item *it, const char *s, int len)
{
	uint32_t off = it->nameoff;
	int i = 0;

	/* The strings block's string at nameoff, bounded by the block. */
	if (off >= w->strs_size || (uint32_t)len >= w->strs_size - off)
		return 0;
	while (i < len && w->strs[off + i] == s[i])
		i++;
	return i == len && !w->strs[off + i];
}

int hs_dt_walk_next(struct hs_dt_walk *w, struct hs_dt_item *it)
{
	for (;;) {
		uint32_t off = w->off, tag, len, i;

		if (w->st_size < 4 || off > w->st_size - 4)
			return -FDT_ERR_TRUNCATED;
		tag = be32_at(w->st + off);
		it->offset = (int)off;
		off += 4;
		switch (tag) {
		case TAG_BEGIN_NODE:
			for (i = off; i < w->st_size && w->st[i]; i++)
				;
			if (i >= w->st_size)
				return -FDT_ERR_TRUNCATED;
			it->tag = HS_DTW_NODE;
			it->name = (const char *)w->st + off;
			it->name_len = (int)(i - off);
			it->depth = w->depth++;
			w->off = align4(i + 1);
			return it->tag;
		case TAG_END_NODE:
			if (w->depth == 0)
				return -FDT_ERR_BADSTRUCTURE;
			it->depth = --w->depth;
			w->off = off;
			it->tag = w->depth ? HS_DTW_NODE_END : HS_DTW_DONE;
			return it->tag;
		case TAG_PROP:
			if (w->depth == 0)
				return -FDT_ERR_BADSTRUCTURE; /* a property outside every node */
			if (w->st_size - off < 8)
				return -FDT_ERR_TRUNCATED;
			len = be32_at(w->st + off);
			if (len > w->st_size - off - 8)
				return -FDT_ERR_TRUNCATED;
			it->tag = HS_DTW_PROP;
			it->depth = w->depth - 1;
			it->name = NULL;
			it->name_len = 0;
			it->nameoff = be32_at(w->st + off + 4);
			it->value = w->st + off + 8;
			it->len = (int)len;
			w->off = align4(off + 8 + len);
			return it->tag;
		case TAG_NOP: w->off = off; continue;
		default:
			/* FDT_END inside the node, or no tag at all. */
			return -FDT_ERR_BADSTRUCTURE;
		}
	}
}

int hs_dt_node_name_is(const char *node_name, int node_len, const char *name, int len)
{
	int has_at = 0;

	if (node_len < len)
		return 0;
	for (int i = 0; i < len; i++) {
		if (node_name[i] != name[i])
			return 0;
		has_at |= name[i] == '@';
	}
	return node_len == len || (!has_at && node_name[len] == '@');
}

int hs_dt_subnode(const void *fdt, int parent, const char *name, int len)
{
	struct hs_dt_walk w;
	struct hs_dt_item it;
	int tag = hs_dt_walk_start(&w, fdt, parent);

	if (tag)
		return tag;
	while ((tag = hs_dt_walk_next(&w, &it)) > 0 && tag != HS_DTW_DONE)
		if (tag == HS_DTW_NODE && it.depth == 1 &&
		    hs_dt_node_name_is(it.name, it.name_len, name, len))
			return it.offset;
	return tag < 0 ? tag : -FDT_ERR_NOTFOUND;
}

const void *hs_dt_prop_namelen(const void *fdt, int node, const char *name, int namelen, int *len)
{
	struct hs_dt_walk w;
	struct hs_dt_item it;
	int tag = hs_dt_walk_start(&w, fdt, node);

	if (!tag)
		tag = hs_dt_walk_next(&w, &it); /* the node itself */
	/* Its properties come before its first child. */
	while (tag >= 0 && (tag = hs_dt_walk_next(&w, &it)) == HS_DTW_PROP)
		if (hs_dt_prop_is(&w, &it, name, namelen)) {
			if (len)
				*len = it.len;
			return it.value;
		}
	if (len)
		*len = tag < 0 ? tag : -FDT_ERR_NOTFOUND;
	return NULL;
}

const void *hs_dt_prop(const void *fdt, int node, const char *name, int *len)
{
	int n = 0;

	while (name[n])
		n++;
	return hs_dt_prop_namelen(fdt, node, name, n, len);
}

int hs_dt_path(const void *fdt, const char *path, int len)
{
	const char *p = path, *end = path + len;
	int node = 0;

	if (len > 0 && *p != '/') {
		/* An alias, whose value is an absolute path, then the rest. */
		const char *q = p, *alias;
		int alen, n = 0;
		int aliases = hs_dt_subnode(fdt, 0, "aliases", 7);

		while (q < end && *q != '/')
			q++;
		alias =
		    aliases >= 0 ? hs_dt_prop_namelen(fdt, aliases, p, (int)(q - p), &alen) : NULL;
		if (!alias)
			return -FDT_ERR_BADPATH;
		while (n < alen && alias[n])
			n++;
		if (n == 0 || alias[0] != '/')
			return -FDT_ERR_BADPATH;
		node = hs_dt_path(fdt, alias, n);
		p = q;
	}
	while (p < end && node >= 0) {
		const char *q;

		while (p < end && *p == '/')
			p++;
		if (p == end)
			break;
		for (q = p; q < end && *q != '/'; q++)
			;
		node = hs_dt_subnode(fdt, node, p, (int)(q - p));
		p = q;
	}
	return node;
}
