/* SPDX-License-Identifier: MIT */
/*
 * The sample built-in hypervisor (hyp/, arch/<arch>/hyp/): its call
 * numbers, its image header and the EL1/SVC client functions that load,
 * install, use and remove it (lib/client/hyp_client.c).
 *
 * Installed on a CPU, it runs that CPU's EL1/SVC kernel unmodified under
 * stage 2 translation: an identity map of RAM and devices from which the
 * hypervisor's own memory is absent, and in which the kernel may make
 * ranges of its own memory read-only. It answers the stub ABI as any
 * built-in hypervisor must (docs/HYPERVISOR.md): HVC_RESET_VECTORS and
 * HVC_SOFT_RESTART tear it down on the calling CPU first, HVC_SET_VECTORS
 * and unknown numbers answer HVC_STUB_ERR.
 */
#ifndef HYPSTUB_HYP_H
#define HYPSTUB_HYP_H

#include <hypstub/hyp_abi.h>

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/*
 * The first bytes of the image. The client fills in the RAM bank and the
 * reserved region's size in its copy before the first install.
 */
struct hyp_image_header {
	uint32_t magic;	  /* HYP_IMAGE_MAGIC */
	uint32_t version; /* HYP_VERSION */
	uint64_t ram_base, ram_end;
	uint64_t region_size;
};

/* What HYP_CALL_STATUS answers. */
struct hyp_status {
	unsigned long version; /* HYP_VERSION */
	unsigned long cpus;    /* CPUs it is installed on */
	unsigned long faults;  /* stage 2 faults it turned into aborts: all CPUs, or this one's */
};

/* The client's error codes (0 is success). */
enum hyp_sample_error {
	HYP_ERR_UNAVAILABLE = -1, /* no stub, or no CPU table in the device tree */
	HYP_ERR_ALIGN = -2,	  /* region not HYP_REGION_ALIGN-aligned or too small */
	HYP_ERR_PLACE = -3,	  /* region outside the first RAM bank or over reserved memory */
	HYP_ERR_LOADED = -4,	  /* loaded already, at another region */
	HYP_ERR_INSTALLED = -5,	  /* the calling CPU has it already */
	HYP_ERR_REFUSED = -6,	  /* the stub or the hypervisor answered HVC_STUB_ERR */
};

/*
 * Load the hypervisor into [base, base + size) (first call: checked,
 * copied, caches cleaned) and install it on the calling CPU:
 * HVC_SET_VECTORS to its vectors, then HYP_CALL_INIT. Returns 0 or a
 * negative enum hyp_sample_error; on error nothing has changed. The
 * region must be HYP_REGION_ALIGN-aligned, a multiple of it and at least
 * HYP_MEM_SIZE, inside the first RAM bank, away from hypstub's resident
 * region and from the caller's copy of the image; the caller reserves it
 * for good. The first install (the load) must not run on two CPUs at
 * once; later ones may.
 */
int hyp_sample_install(uintptr_t base, size_t size);

/*
 * The region hypstub's own payloads (the demo, the tests, the benchmark,
 * the kexec payload) reserve for it: the HYP_REGION_ALIGN bytes just
 * below hypstub's resident region, at the top of the first RAM bank.
 * 0 when the device tree named no CPU table. Any other region that
 * hyp_sample_install() accepts works as well.
 */
uintptr_t hyp_sample_default_region(void);

/* Remove it from the calling CPU: HVC_RESET_VECTORS. 0 or HYP_ERR_REFUSED. */
int hyp_sample_remove(void);

/*
 * Make [base, base + size) of EL1's memory read-only (ro = 1) or
 * writable again (ro = 0) in stage 2, for every CPU. 4 KiB-aligned,
 * inside the first RAM bank, not over the hypervisor. 0 or HVC_STUB_ERR.
 */
unsigned long hyp_sample_protect(uintptr_t base, size_t size, int ro);

/*
 * HYP_CALL_LOCK: from now on the hypervisor refuses HVC_RESET_VECTORS and
 * HVC_SOFT_RESTART on every CPU (it stays until reset). 0 or HVC_STUB_ERR.
 */
unsigned long hyp_sample_lock(void);

/* HYP_CALL_STATUS. 0 or HVC_STUB_ERR (not installed on this CPU). */
unsigned long hyp_sample_status(struct hyp_status *st);
/* The same, but st->faults counts the faults of the calling CPU alone. */
unsigned long hyp_sample_status_this_cpu(struct hyp_status *st);

/* The image the payload carries (lib/client/hyp_image.S), and its size in bytes. */
extern const unsigned char hyp_image_start[], hyp_image_end[];
size_t hyp_image_size(void);

/* `hvc #0` with r[0..4] in x0..x4 (r0..r4), and x0..x3 (r0..r3) back in r[0..3]. */
void arch_hvc0_regs(unsigned long r[5]);

#endif /* __ASSEMBLER__ */
#endif
