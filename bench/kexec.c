// SPDX-License-Identifier: MIT
/*
 * The kexec loader's cost (`bench=kexec` on the command line): the
 * instructions from the loader's start (hs_kexec_request_init) to its
 * `hvc` (HVC_SOFT_RESTART, included), for synthetic images of 1, 4 and
 * 16 MiB with valid headers and, when `kexec=ADDR,SIZE` names one staged
 * in RAM, a real kernel. The loader runs as the kexec payload runs it,
 * with one change: the plan's entry is the bench's landing pad at
 * EL2/HYP, which reads the counters and returns to EL1/SVC, so the
 * kernel's code never runs (its header and size are all that matter).
 *
 * The window's fixed part is calibrated by the same window restarting
 * into the pad at once (bench_kexec_hvc_only); the EL2/HYP part must be
 * the same stub path in both (plus arm's three-instruction trampoline).
 * Beside it: the floor of a copy plus a clean, with its count known.
 */
#include <arch/kexec_arch.h>
#include <hypstub/kexec.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define KEXEC_REPS 11
#define MIB	   0x100000ul
/*
 * Synthetic images: RAM + 128 MiB + 64 KiB, no place an Image may run
 * (not text_offset above a 2 MiB boundary), so the loader copies them:
 * the copy is what their slope measures. Debian's kernel is staged where
 * it may run (scripts/hsqemu.py), as `make run` stages it.
 */
#define STAGE_OFFSET  (128 * MIB + 0x10000)
#define FLOOR_BYTES   MIB
#define KEXEC_CMDLINE "console=ttyAMA0 panic=-1" /* the kexec payload's default */
/* Above the payload's 2 MiB block, as a real kernel that size is placed. */
#define ARM64_TEXT_OFFSET (8 * MIB)

void bench_sample_kexec(const struct bench_args *a, struct bench_sample *s);
void bench_kexec_landing(void);
void bench_kexec_hvc_only(void);
void bench_copy_clean_floor(void *dst, const void *src, unsigned long bytes);

static const void *own_dtb;

/* A header this machine's loader accepts, for `size` bytes at `at`. */
static void synthetic_image(uintptr_t at, unsigned long size)
{
	hs_kexec_header_write((void *)at, ARCH_KEXEC_KIND, ARM64_TEXT_OFFSET, size);
}

/*
 * The loader as the kexec payload runs it, its entry moved to the pad.
 * Debian's kernel with the payload's HS_KEXEC_UNCACHED; the synthetic
 * images without it, so that their slope is the general path's copy and
 * clean.
 */
static const char *plan(unsigned long image, unsigned long size, unsigned flags,
			struct hs_kexec_plan *p)
{
	struct hs_kexec_request req;
	const char *err = hs_kexec_request_init(&req, own_dtb);

	if (err)
		return err;
	req.image = image;
	req.image_size = size;
	req.flags |= flags;
	return hs_kexec_plan(&req, p);
}

/* The middle of the kexec window: returns only when the loader refused. */
static unsigned long kexec_once(unsigned long image, unsigned long size, unsigned long flags)
{
	struct hs_kexec_plan p;
	const char *err = plan(image, size, (unsigned)flags, &p);

	if (!err) {
		p.entry = (uintptr_t)bench_kexec_landing;
		err = hs_kexec_boot(&p, KEXEC_CMDLINE);
	}
	return (uintptr_t)err;
}

/* The request and plan alone, as a call (for the fixed cost's split). */
static unsigned long plan_only(unsigned long image, unsigned long size)
{
	struct hs_kexec_plan p;

	return (uintptr_t)plan(image, size, 0, &p);
}

static void measure(window_fn w, void *fn, unsigned long x0, unsigned long x1, unsigned long x2,
		    struct bench_stats *st)
{
	struct bench_args a = {.fn = fn};

	a.x[0] = x0;
	a.x[1] = x1;
	a.x[2] = x2;
	bench_measure_reps(w, &a, NULL, st, KEXEC_REPS);
}

/* One image: the loader's instructions from its start to its `hvc`. */
static void one(const char *name, unsigned long image, unsigned long size, unsigned flags,
		const struct bench_stats *cal)
{
	struct bench_stats st;
	struct hs_kexec_plan p;
	const char *err = plan(image, size, flags, &p);
	char what[64];

	if (err) {
		printf("BENCHCHECK FAIL kexec.%s.plan: %s\n", name, err);
		bench_check("kexec.plan", 0, 1);
		return;
	}
	printf("BENCHINFO kexec.%s %lu bytes at 0x%llx to 0x%llx, device tree %llu bytes to "
	       "0x%llx\n",
	       name, size, (unsigned long long)p.src, (unsigned long long)p.dst,
	       (unsigned long long)p.dtb_room, (unsigned long long)p.dtb_dst);
	measure(bench_sample_kexec, (void *)kexec_once, image, size, flags, &st);
	snprintf(what, sizeof(what), "kexec.%s.restarted", name);
	bench_check(what, st.ret, 0);
	snprintf(what, sizeof(what), "kexec.%s.spread", name);
	bench_check(what, st.spread, 0);
	snprintf(what, sizeof(what), "kexec.%s.el2==stub+trampoline", name);
	bench_check(what, st.el2, cal->el2 + BENCH_KEXEC_TRAMPOLINE_INSNS);
	snprintf(what, sizeof(what), "kexec.%s.cycles==instructions", name);
	bench_check(what, st.cyc - bench_overhead()->cyc, st.all - bench_overhead()->all);
	snprintf(what, sizeof(what), "kexec.%s.bytes", name);
	bench_figure(what, (long)size);
	snprintf(what, sizeof(what), "kexec.%s.loader", name);
	bench_figure(what, (long)(st.el1 - cal->el1 + BENCH_KEXEC_CAL_INSNS));
}

/* "kexec=ADDR,SIZE" in the command line: a real kernel staged there. */
static int staged_kernel(unsigned long *addr, unsigned long *size)
{
	int chosen = fdt_path_offset(own_dtb, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(own_dtb, chosen, "bootargs", NULL) : NULL;
	const char *p = args ? strstr(args, "kexec=") : NULL;
	char *end;

	if (!p)
		return 0;
	*addr = strtoul(p + 6, &end, 0);
	if (*end != ',')
		return 0;
	*size = strtoul(end + 1, NULL, 0);
	return 1;
}

int bench_kexec_requested(const void *dtb)
{
	int chosen = fdt_path_offset(dtb, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(dtb, chosen, "bootargs", NULL) : NULL;

	return args && strstr(args, "bench=kexec") != NULL;
}

void bench_kexec(const void *dtb)
{
	static const unsigned sizes_mib[] = {1, 4, 16};
	struct hs_kexec_request req;
	struct bench_stats cal, st;
	unsigned long stage, addr, size;
	char name[16];

	own_dtb = dtb;
	if (hs_kexec_request_init(&req, dtb)) {
		bench_check("kexec.request", 0, 1);
		return;
	}
	stage = (unsigned long)req.ram_start + STAGE_OFFSET;

	/* The floor: its count is known; the counters must reproduce it. */
	measure(bench_sample_call, (void *)bench_copy_clean_floor, stage + 32 * MIB, stage,
		FLOOR_BYTES, &st);
	bench_check("kexec.floor.spread", st.spread, 0);
	bench_check("kexec.floor==known", st.el1 - bench_overhead()->el1,
		    BENCH_FLOOR_COPY_STEP_INSNS * (FLOOR_BYTES / 512) +
			BENCH_FLOOR_COPY_EXTRA_INSNS);
	bench_figure("kexec.floor.bytes", FLOOR_BYTES);
	bench_figure("kexec.floor.copy_clean", st.el1 - bench_overhead()->el1);

	/* Calibration: the window restarting into the pad at once. */
	measure(bench_sample_kexec, (void *)bench_kexec_hvc_only, 0, 0, 0, &cal);
	bench_check("kexec.calibration.restarted", cal.ret, 0);
	bench_check("kexec.calibration.spread", cal.spread, 0);

	for (unsigned i = 0; i < sizeof(sizes_mib) / sizeof(sizes_mib[0]); i++) {
		synthetic_image(stage, sizes_mib[i] * MIB);
		snprintf(name, sizeof(name), "%umib", sizes_mib[i]);
		one(name, stage, sizes_mib[i] * MIB, 0, &cal);
	}
	/* The fixed cost's first part: the request and the plan, as a call. */
	synthetic_image(stage, MIB);
	measure(bench_sample_call, (void *)plan_only, stage, MIB, 0, &st);
	bench_check("kexec.plan_only.answer", st.ret, 0);
	bench_figure("kexec.request_plan", st.el1 - bench_overhead()->el1);

	if (staged_kernel(&addr, &size))
		one("linux", addr, size, HS_KEXEC_UNCACHED, &cal);
	else
		printf("BENCHINFO kexec.linux none staged\n");
}
