// SPDX-License-Identifier: MIT
/*
 * The sample hypervisor's EL1 client (include/hypstub/hyp.h): load it
 * once, install it on a CPU, call it, remove it.
 */
#include <hypstub/bulk.h>
#include <hypstub/client.h>
#include <hypstub/hyp.h>
#include <string.h>

/* Clean [p, p + size) to memory and drop stale instructions (arch/<arch>/hyp_call.S). */
void arch_hyp_image_sync(const void *p, size_t size);

/* Where the image was loaded; it stays there (the caller reserved the region for good). */
static struct {
	uintptr_t base;
	size_t size;
	int loaded;
} hyp_sample;

size_t hyp_image_size(void)
{
	return (size_t)((uintptr_t)hyp_image_end - (uintptr_t)hyp_image_start);
}

uintptr_t hyp_sample_default_region(void)
{
	const struct hs_cpu_table *t = hyp_cpu_table();

	if (!t || t->ram_end - t->ram_base < HS_RESIDENT_SIZE + HYP_REGION_ALIGN)
		return 0;
	return (uintptr_t)(t->ram_end - HS_RESIDENT_SIZE - HYP_REGION_ALIGN);
}

static int hyp_overlaps(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
	return a < b + bsize && b < a + asize;
}

/* Is [base, base + size) a place the image may go? 0 or the error. */
static int hyp_sample_check(const struct hs_cpu_table *t, uintptr_t base, size_t size)
{
	uint64_t len = hyp_image_size();
	uint64_t resident = t->ram_end - HS_RESIDENT_SIZE;

	if (base % HYP_REGION_ALIGN || size % HYP_REGION_ALIGN || size < HYP_MEM_SIZE)
		return HYP_ERR_ALIGN;
	if (base < t->ram_base || base >= t->ram_end || size > t->ram_end - base ||
	    hyp_overlaps(base, size, resident, HS_RESIDENT_SIZE) ||
	    hyp_overlaps(base, size, (uintptr_t)hyp_image_start, len))
		return HYP_ERR_PLACE;
	if (hyp_sample.loaded && (hyp_sample.base != base || hyp_sample.size != size))
		return HYP_ERR_LOADED;
	return 0;
}

/* Copy the image, fill in its header, clear the rest, make it visible to EL2. */
static void hyp_sample_load(const struct hs_cpu_table *t, uintptr_t base, size_t size)
{
	size_t len = hyp_image_size();
	struct hyp_image_header *h = (struct hyp_image_header *)base;

	hs_bulk_copy((void *)base, hyp_image_start, len);
	hs_bulk_zero((char *)base + len, HYP_MEM_SIZE - len);
	h->ram_base = t->ram_base;
	h->ram_end = t->ram_end;
	h->region_size = size;
	arch_hyp_image_sync((void *)base, HYP_MEM_SIZE);
	hyp_sample.base = base;
	hyp_sample.size = size;
	hyp_sample.loaded = 1;
}

int hyp_sample_install(uintptr_t base, size_t size)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	int cpu = hyp_cpu_index();
	struct hyp_status st;
	int err;

	if (!hyp_available() || !t || cpu < 0)
		return HYP_ERR_UNAVAILABLE;
	err = hyp_sample_check(t, base, size);
	if (err)
		return err;
	/* Only the hypervisor answers its status call: then this CPU has it. */
	if (hyp_sample_status(&st) == 0)
		return HYP_ERR_INSTALLED;
	if (!hyp_sample.loaded) {
		const struct hyp_image_header *img = (const void *)hyp_image_start;

		if (img->magic != HYP_IMAGE_MAGIC || img->version != HYP_VERSION)
			return HYP_ERR_UNAVAILABLE;
		hyp_sample_load(t, base, size);
	}
	if (hyp_set_vectors(base + HYP_VECTORS_OFFSET))
		return HYP_ERR_REFUSED;
	/* Refused, it puts the stub's vectors back itself. */
	if (hyp_call(HYP_CALL_INIT, hyp_stub_vectors(), (unsigned long)cpu, 0, 0))
		return HYP_ERR_REFUSED;
	return 0;
}

int hyp_sample_remove(void)
{
	return hyp_reset_vectors() ? HYP_ERR_REFUSED : 0;
}

unsigned long hyp_sample_protect(uintptr_t base, size_t size, int ro)
{
	return hyp_call(HYP_CALL_PROTECT, base, size, (unsigned long)ro, 0);
}

unsigned long hyp_sample_lock(void)
{
	return hyp_call(HYP_CALL_LOCK, 0, 0, 0, 0);
}

/* HYP_CALL_STATUS with `scope` (HYP_STATUS_ALL_CPUS or HYP_STATUS_THIS_CPU). */
static unsigned long status_call(unsigned long scope, struct hyp_status *st)
{
	unsigned long r[5] = {HYP_CALL_STATUS, scope, 0, 0, 0};

	if (!hyp_available())
		return HVC_STUB_ERR;
	arch_hvc0_regs(r);
	if (r[0])
		return r[0];
	st->version = r[1];
	st->cpus = r[2];
	st->faults = r[3];
	return 0;
}

unsigned long hyp_sample_status(struct hyp_status *st)
{
	return status_call(HYP_STATUS_ALL_CPUS, st);
}

unsigned long hyp_sample_status_this_cpu(struct hyp_status *st)
{
	return status_call(HYP_STATUS_THIS_CPU, st);
}
