// SPDX-License-Identifier: MIT
/*
 * Suites "kexec" and "kexec_chain": the kexec loader (include/hypstub/kexec.h)
 * from EL1/SVC.
 *
 * "kexec": every bad input is refused with a clear message, nothing is
 * restarted and nothing written: an image without the right magic, an
 * image or a device tree that does not fit in RAM, a destination over the
 * loader or the stub, a device tree libfdt rejects, another CPU still on.
 *
 * "kexec_chain": restart into hypstub's own shim image (staged in RAM by
 * the runner: chain_image=, chain_image_size=), with this payload as its
 * initrd (chain_initrd=, chain_initrd_size=), chain_rounds times in a row.
 * A record in RAM that no boot touches (chain_record=) keeps the count and
 * the EL2/HYP state found at the first arrival; every later arrival must
 * find exactly the same.
 */
#include <arch/kexec_arch.h>
#include <arch/sysreg.h>
#include <hypstub/client.h>
#include <hypstub/kexec.h>
#include <hypstub/rt.h>
#include <hypstub/rt_el2.h>
#include <hypstub/rt_smp.h>
#include <libfdt.h>
#include <string.h>

#include "harness.h"

extern char _start[], _end[];

/* A header-only "image" to hand the loader (never restarted into). */
static unsigned char fake[4096] __attribute__((aligned(64)));
/* A copy of the device tree to spoil. */
static unsigned char dtb_copy[0x4000] __attribute__((aligned(64)));

static void put32(unsigned char *p, unsigned at, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[at + i] = (unsigned char)(v >> (8 * i));
}

/* A valid header for this architecture: span bytes of memory, placed anywhere. */
static void make_image(uint64_t span)
{
	memset(fake, 0, sizeof(fake));
	hs_kexec_header_write(fake, ARCH_KEXEC_KIND, 0, span);
}

static struct hs_kexec_request base_request(void)
{
	struct hs_kexec_request req;

	EXPECT_EQ((uintptr_t)hs_kexec_request_init(&req, rt_dtb), 0);
	req.image = (uintptr_t)fake;
	req.image_size = sizeof(fake);
	return req;
}

/* The loader must refuse with a message containing `want`; the caller goes on. */
static void expect_refused(const struct hs_kexec_request *req, const char *want)
{
	struct hs_kexec_plan plan;
	const char *err = hs_kexec_plan(req, &plan);

	if (!err)
		err = hs_kexec_boot(&plan, NULL);
	EXPECT_TRUE(err != NULL);
	if (err && !strstr(err, want))
		test_fail(__FILE__, __LINE__, "refused with \"%s\", expected \"%s\"", err, want);
	if (err)
		printf("    refused: %s\n", err);
	EXPECT_EQ(rt_current_el(), 1);
}

TEST_HYP(kexec, a_valid_image_is_planned)
{
	struct hs_kexec_request req = base_request();
	struct hs_kexec_plan plan;

	make_image(0x100000);
	EXPECT_EQ((uintptr_t)hs_kexec_plan(&req, &plan), 0);
	EXPECT_EQ(plan.kind, ARCH_KEXEC_KIND);
	EXPECT_EQ(plan.dst % 0x200000, 0);
	EXPECT_TRUE(plan.dst + plan.span <= (uintptr_t)_start || plan.dst >= (uintptr_t)_end);
	EXPECT_TRUE(plan.dtb_dst >= plan.dst + plan.span ||
		    plan.dtb_dst + plan.dtb_room <= plan.dst);
}

TEST_HYP(kexec, refuses_an_image_without_the_magic)
{
	struct hs_kexec_request req = base_request();

	make_image(0x100000);
	fake[ARCH_KEXEC_KIND == HS_KEXEC_ARM64_IMAGE ? HS_ARM64_IMAGE_MAGIC_AT
						     : HS_ZIMAGE_MAGIC_AT] ^= 0xff;
	expect_refused(&req, "not a kernel image");
}

TEST_HYP(kexec, refuses_the_other_architectures_image)
{
	struct hs_kexec_request req = base_request();

	make_image(0x100000);
	req.arch_kind =
	    ARCH_KEXEC_KIND == HS_KEXEC_ARM64_IMAGE ? HS_KEXEC_ARM_ZIMAGE : HS_KEXEC_ARM64_IMAGE;
	expect_refused(&req, "cannot run on this");
}

TEST_HYP(kexec, refuses_an_image_running_past_the_end_of_ram)
{
	struct hs_kexec_request req = base_request();

	make_image(0x100000);
	req.image_size = req.ram_end - req.image + 64;
	expect_refused(&req, "does not fit in RAM");
}

TEST_HYP(kexec, refuses_an_image_too_big_for_ram)
{
	struct hs_kexec_request req = base_request();

	make_image(req.ram_end - req.ram_start - 0x100000);
	expect_refused(&req, "does not fit in RAM");
}

TEST_HYP(kexec, refuses_a_device_tree_too_big_for_ram)
{
	struct hs_kexec_request req = base_request();

	make_image(0x100000);
	memcpy(dtb_copy, rt_dtb, sizeof(struct fdt_header));
	fdt_set_totalsize(dtb_copy, (uint32_t)(req.ram_end - (uintptr_t)dtb_copy + 8));
	req.dtb = (uintptr_t)dtb_copy;
	expect_refused(&req, "device tree does not fit in RAM");
}

TEST_HYP(kexec, refuses_a_destination_over_the_loader)
{
	struct hs_kexec_request req = base_request();

	make_image(0x100000);
	req.load_addr = (uintptr_t)_start & ~0x1fffffull;
	expect_refused(&req, "overlaps the loader itself");
}

TEST_HYP(kexec, refuses_a_destination_over_the_stub)
{
	struct hs_kexec_request req = base_request();

	make_image(0x100000);
	req.load_addr = req.ram_end - 0x200000; /* the resident region: the top 2 MiB */
	expect_refused(&req, "overlaps the hypstub resident region");
}

TEST_HYP(kexec, refuses_a_device_tree_libfdt_rejects)
{
	struct hs_kexec_request req = base_request();
	int node;

	make_image(0x100000);
	EXPECT_EQ(fdt_open_into(rt_dtb, dtb_copy, sizeof(dtb_copy)), 0);
	fdt_pack(dtb_copy);
	/* The first node's tag spoiled: the header is fine, the structure is not. */
	node = fdt_path_offset(dtb_copy, "/chosen");
	EXPECT_TRUE(node > 0);
	put32(dtb_copy, fdt_off_dt_struct(dtb_copy) + (unsigned)node, 0x0a000000); /* no such tag */
	req.dtb = (uintptr_t)dtb_copy;
	expect_refused(&req, "rejected by libfdt");
	put32(dtb_copy, 0, 0);
	expect_refused(&req, "rejected by libfdt");
}

static void idle(unsigned cpu, void *arg)
{
	(void)cpu;
	(void)arg;
}

TEST_HYP(kexec, refuses_while_another_cpu_is_on)
{
	struct hs_kexec_request req = base_request();
	struct hs_kexec_plan plan;
	unsigned other = rt_smp_self() == 0 ? 1 : 0;

	if (rt_smp_ncpus() < 2) {
		test_skip("one CPU");
		return;
	}
	make_image(0x100000);
	EXPECT_EQ((uintptr_t)hs_kexec_plan(&req, &plan), 0);
	ASSERT_EQ(rt_smp_start(other), 0);
	EXPECT_EQ(rt_smp_run(other, idle, NULL), 0);
	expect_refused(&req, "is not off");
	EXPECT_EQ(rt_smp_stop(other), 0);
}

/* --- kexec_chain --- */

enum { CHAIN_NREGS = 11 };
#define CHAIN_MAGIC 0x6b657863u /* "kexc" */

/* What an arrival finds: EL2/HYP registers, the entry registers, the stub's place. */
struct chain_state {
	uint64_t el2[CHAIN_NREGS];
	uint64_t entry[4];
	uint64_t vectors, dtb;
};

struct chain_record {
	uint32_t magic, round;
	struct chain_state first;
};

static unsigned long read_el2(unsigned long which)
{
	switch (which) {
	case 0: return sysreg_hcr_el2_read();
	case 1: return sysreg_cptr_el2_read();
	case 2: return sysreg_cnthctl_el2_read();
	case 3: return (unsigned long)sysreg_cntvoff_el2_read();
	case 4: return sysreg_mdcr_el2_read();
	case 5: return sysreg_hstr_el2_read();
	case 6: return (unsigned long)sysreg_vttbr_el2_read();
	case 7: return sysreg_vpidr_el2_read();
	case 8: return sysreg_vmpidr_el2_read();
	case 9: return sysreg_sctlr_el2_read();
	case 10: return sysreg_vbar_el2_read();
	default: return 0;
	}
}

static void chain_snapshot(struct chain_state *s)
{
	memset(s, 0, sizeof(*s));
	for (unsigned i = 0; i < CHAIN_NREGS; i++)
		s->el2[i] = rt_el2_call(read_el2, i);
	for (unsigned i = 0; i < 4; i++)
		s->entry[i] = rt_entry_regs[i];
	s->vectors = hyp_stub_vectors();
	s->dtb = (uintptr_t)rt_dtb;
}

TEST_HYP(kexec_chain, restarts_into_hypstub_with_the_same_el2_state)
{
	struct chain_record *rec = (struct chain_record *)test_bootarg("chain_record", 0);
	unsigned rounds = (unsigned)test_bootarg("chain_rounds", 100);
	struct hs_kexec_request req;
	struct hs_kexec_plan plan;
	struct chain_state now;
	const char *err;

	ASSERT_EQ(rec != NULL && test_bootarg("chain_image", 0) != 0, 1);
	chain_snapshot(&now);
	if (rec->magic != CHAIN_MAGIC) {
		rec->magic = CHAIN_MAGIC;
		rec->round = 0;
		rec->first = now;
	}
	for (unsigned i = 0; i < CHAIN_NREGS; i++)
		EXPECT_EQ(now.el2[i], rec->first.el2[i]);
	for (unsigned i = 0; i < 4; i++)
		EXPECT_EQ(now.entry[i], rec->first.entry[i]);
	EXPECT_EQ(now.vectors, rec->first.vectors);
	EXPECT_EQ(now.dtb, rec->first.dtb);
	printf("    arrival %u: EL2 state %s the first\n", (unsigned)rec->round,
	       test_failures() ? "DIFFERS FROM" : "identical to");
	if (test_failures() || rec->round >= rounds) {
		printf("    %u soft restarts of hypstub in a row\n", (unsigned)rec->round);
		rec->magic = 0; /* a new QEMU run starts over */
		return;
	}
	rec->round++;
	ASSERT_EQ((uintptr_t)hs_kexec_request_init(&req, rt_dtb), 0);
	req.image = test_bootarg("chain_image", 0);
	req.image_size = test_bootarg("chain_image_size", 0);
	req.initrd = test_bootarg("chain_initrd", 0);
	req.initrd_size = test_bootarg("chain_initrd_size", 0);
	/* The record must survive every boot: nothing may be placed over it. */
	req.keep_out[req.nkeep_out++] = (struct hs_kexec_range){
	    (uintptr_t)rec, (uintptr_t)(rec + 1), "kexec: the kernel's place overlaps the record"};
	err = hs_kexec_plan(&req, &plan);
	if (!err)
		err = hs_kexec_boot(&plan, NULL);
	test_fail(__FILE__, __LINE__, "restart %u: %s", (unsigned)rec->round, err);
}
