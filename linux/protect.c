// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Where the kernel lives, from what Linux publishes to every module: the
 * "System RAM" and "Kernel code" resources of /proc/iomem (on arm64,
 * "Kernel code" runs from _stext to __init_begin: the text and the
 * read-only data), and TTBR1_EL1, whose table (swapper_pg_dir) lies in
 * that range and is still written after boot (through the fixmap): it is
 * left writable. No kallsyms, no unexported symbol.
 */
#define pr_fmt(fmt) "hypstub: " fmt

#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include "hypstub_mod.h"

unsigned long hs_protected_bytes;

struct hs_walk {
	phys_addr_t kernel; /* a physical address inside the kernel's text */
	struct resource ram, code;
	bool have_ram, have_code;
};

/*
 * The span of every System RAM resource (walk_iomem_res_desc holds the
 * lock): the hypervisor maps it as Normal memory in stage 2, so that no
 * RAM becomes Device memory under EL1; a hole in it holds either nothing
 * or devices, which Linux maps as Device in stage 1, and the combination
 * of the two stages keeps the stricter type.
 */
static int hs_walk_ram(struct resource *res, void *arg)
{
	struct hs_walk *w = arg;

	if (!w->have_ram) {
		w->ram = *res;
		w->have_ram = true;
	}
	w->ram.start = min(w->ram.start, res->start);
	w->ram.end = max(w->ram.end, res->end);
	return 0;
}

/*
 * Its "Kernel code" child. walk_iomem_res_desc() stops at the top level,
 * and the lock it takes is not exported: the children of a System RAM
 * resource are read as they are, which holds since arm64 inserts them
 * once at boot (request_standard_resources()) and never moves them; only
 * memory hot-plug changes this part of the tree, and it does not touch
 * the bank the kernel runs from.
 */
static void hs_find_code(struct hs_walk *w)
{
	struct resource *ram, *p;

	for (ram = iomem_resource.child; ram; ram = ram->sibling)
		if (ram->start <= w->kernel && ram->end >= w->kernel)
			break;
	for (p = ram ? ram->child : NULL; p; p = p->sibling) {
		if (p->name && !strcmp(p->name, "Kernel code") && p->start <= w->kernel &&
		    p->end >= w->kernel) {
			w->code = *p;
			w->have_code = true;
		}
	}
}

static int hs_walk(struct hs_walk *w)
{
	memset(w, 0, sizeof(*w));
	/* _printk: an exported function, so a symbol of the kernel's text. */
	w->kernel = __pa_symbol(_printk);
	walk_iomem_res_desc(IORES_DESC_NONE, IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY, 0, -1, w,
			    hs_walk_ram);
	hs_find_code(w);
	if (!w->have_ram || !w->have_code || w->ram.start > w->kernel || w->ram.end < w->kernel) {
		pr_err("no System RAM / Kernel code resource around %pa in iomem\n", &w->kernel);
		return -ENODEV;
	}
	return 0;
}

/* All of RAM, first byte to last: the hypervisor maps it as Normal memory. */
int hs_find_ram(u64 *base, u64 *end)
{
	struct hs_walk w;
	int err = hs_walk(&w);

	if (err)
		return err;
	*base = w.ram.start;
	*end = w.ram.end + 1;
	return 0;
}

/* HYP_CALL_PROTECT of [base, end), read-only; 0 or -EIO. */
static int hs_protect_range(u64 base, u64 end)
{
	unsigned long r[5] = { HYP_CALL_PROTECT, base, end - base, 1 };

	if (end <= base)
		return 0;
	hs_hvc(r);
	if (r[0]) {
		pr_err("PROTECT %#llx-%#llx refused (%#lx)\n", base, end, r[0]);
		return -EIO;
	}
	hs_protected_bytes += end - base;
	return 0;
}

/* The kernel's text and read-only data read-only in stage 2, but for swapper_pg_dir. */
int hs_protect_kernel(void)
{
	u64 pgd = read_sysreg(ttbr1_el1) & GENMASK_ULL(47, PAGE_SHIFT);
	struct hs_walk w;
	u64 base, end;
	int err = hs_walk(&w);

	if (err)
		return err;
	base = PAGE_ALIGN(w.code.start);
	end = (w.code.end + 1) & PAGE_MASK;
	hs_protected_bytes = 0;
	if (pgd >= base && pgd < end) {
		err = hs_protect_range(base, pgd);
		if (!err)
			err = hs_protect_range(pgd + PAGE_SIZE, end);
	} else {
		err = hs_protect_range(base, end);
	}
	if (!err)
		pr_info("kernel text and read-only data %#llx-%#llx read-only in stage 2 (but swapper_pg_dir at %#llx)\n",
			base, end, pgd);
	return err;
}

/*
 * Write to the kernel's text as the kernel's own patching does: through a
 * second, writable mapping of its page, with the exception-table fix-up
 * (__put_kernel_nofault, as copy_to_kernel_nofault, which is not exported).
 * The word written is the one there: unprotected, nothing changes.
 * 0 when the write went through, -EFAULT when it was caught.
 */
int hs_text_write_test(void)
{
	phys_addr_t pa = __pa_symbol(_printk);
	struct page *page = pfn_to_page(PHYS_PFN(pa));
	u32 *word;
	void *va;
	u32 val;
	int ret = 0;

	va = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	if (!va)
		return -ENOMEM;
	word = va + offset_in_page(pa);
	val = READ_ONCE(*word);
	pagefault_disable();
	__put_kernel_nofault(word, &val, u32, fault);
	goto done;
fault:
	ret = -EFAULT;
done:
	pagefault_enable();
	vunmap(va);
	return ret;
}
