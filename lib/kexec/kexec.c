// SPDX-License-Identifier: MIT
/*
 * The kexec loader's restart, at EL1/SVC in a hypstub payload: the other
 * CPUs must be off, then the device tree goes to its place, the image to
 * its own, the caches are made to agree and HVC_SOFT_RESTART hands the
 * machine over at EL2/HYP (arch/<arch>/kexec.S). The plan (plan.c)
 * already checked everything that can be checked without writing.
 */
#include <arch/kexec_arch.h>
#include <hypstub/arch.h>
#include <hypstub/bootinfo.h>
#include <hypstub/client.h>
#include <hypstub/dt_walk.h>
#include <hypstub/kexec.h>
#include <hypstub/psci.h>
#include <hypstub/rt.h>
#include <hypstub/rt_smp.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

/* The loader's own image, from the payload linker script: it must survive the copy. */
extern char _start[], _end[];

static uint64_t dt_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;

	for (int i = 0; i < cells; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* The stub's resident region, from /hypstub reg: 0 when the tree has none. */
static int resident_region(const void *fdt, uint64_t *start, uint64_t *end)
{
	int node = fdt_path_offset(fdt, HS_DT_NODE);
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0), len;
	const fdt32_t *reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;

	if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < (ac + sc) * 4)
		return -1;
	*start = dt_cells(reg, ac);
	*end = *start + dt_cells(reg + ac, sc);
	return 0;
}

const char *hs_kexec_request_init(struct hs_kexec_request *req, const void *own_dtb)
{
	struct hs_platform plat;
	uint64_t res_start, res_end;

	memset(req, 0, sizeof(*req));
	/* The runtime read the payload's own tree at its start. */
	if (own_dtb == rt_dtb)
		plat = rt_platform;
	else if (hs_platform_read(own_dtb, &plat))
		plat.ram_size = 0;
	if (!plat.ram_size || hs_platform_use_bank_of(&plat, (uintptr_t)_start))
		return "kexec: the payload's own device tree names no RAM";
	req->arch_kind = ARCH_KEXEC_KIND;
	req->ram_start = plat.ram_base;
	req->ram_end = plat.ram_base + plat.ram_size;
	req->dtb = (uintptr_t)own_dtb;
	req->keep_out[req->nkeep_out++] =
	    (struct hs_kexec_range){(uintptr_t)_start, (uintptr_t)_end,
				    "kexec: the kernel's place overlaps the loader itself"};
	if (!resident_region(own_dtb, &res_start, &res_end))
		req->keep_out[req->nkeep_out++] = (struct hs_kexec_range){
		    res_start, res_end,
		    "kexec: the kernel's place overlaps the hypstub resident region (the stub)"};
	/* What the tree reserves (/memreserve/, /reserved-memory), as far as there is room. */
	if (plat.nrsv > HS_MAX_RSV)
		return "kexec: the device tree reserves more ranges than hypstub keeps track of";
	for (unsigned i = 0; i < plat.nrsv; i++) {
		if (req->nkeep_out == HS_KEXEC_MAX_KEEP_OUT)
			return "kexec: the device tree reserves more ranges than the loader keeps "
			       "out";
		req->keep_out[req->nkeep_out++] = (struct hs_kexec_range){
		    plat.rsv[i].base, plat.rsv[i].base + plat.rsv[i].size,
		    "kexec: the kernel's place overlaps memory the device tree reserves"};
	}
	return NULL;
}

/*
 * Every CPU but this one off, as PSCI AFFINITY_INFO says, or (a spin-table
 * CPU, which cannot power off) waiting in hypstub's parking place, where
 * the next kernel releases it: NULL, or which is not.
 */
static const char *others_off(void)
{
	static char msg[96];
	unsigned self = rt_smp_self();
	const struct hs_cpu_table *t = hyp_cpu_table();

	for (unsigned i = 0; i < rt_smp_ncpus(); i++) {
		long state;

		if (i == self)
			continue;
		if (hyp_cpu_parks(i)) {
			if (((const volatile struct hs_cpu *)&t->cpu[i])->state == HS_CPU_WAITING)
				continue;
			snprintf(msg, sizeof(msg),
				 "kexec: CPU%u (spin table) is not parked: park it first", i);
			return msg;
		}
		state = rt_smp_affinity_info(i);
		if (state != PSCI_AFFINITY_OFF) {
			snprintf(msg, sizeof(msg),
				 "kexec: CPU%u is not off (PSCI AFFINITY_INFO %ld): stop it first",
				 i, state);
			return msg;
		}
	}
	return NULL;
}

/*
 * A spin-table CPU waits in hypstub's parking place, not where the
 * board's own tree says: its /cpus node gets its release slot as
 * cpu-release-addr (what the shim's hand-off tree says already).
 */
static int release_addrs(void *fdt)
{
	const struct hs_cpu_table *t = hyp_cpu_table();
	int cpus = fdt_path_offset(fdt, "/cpus"), ac, node;

	if (!t || !t->spin_cpus || cpus < 0)
		return 0;
	ac = fdt_address_cells(fdt, cpus);
	fdt_for_each_subnode (node, fdt, cpus) {
		int len;
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		uint64_t mpidr;

		if (!reg || ac < 1 || ac > 2 || len < ac * (int)sizeof(*reg))
			continue;
		mpidr = ac == 2 ? (uint64_t)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1])
				: fdt32_to_cpu(reg[0]);
		for (unsigned i = 0; i < t->ncpus && i < HS_MAX_CPUS; i++) {
			uintptr_t slot = hyp_cpu_release_addr(i);
			int err;

			if (t->cpu[i].mpidr != mpidr || !slot)
				continue;
			err = fdt_setprop_u64(fdt, node, "cpu-release-addr", slot);
			if (err)
				return err;
		}
	}
	return 0;
}

/* The device tree the next kernel gets, written at its place. */
static const char *write_dtb(const struct hs_kexec_plan *p, const char *cmdline)
{
	void *dst = (void *)(uintptr_t)p->dtb_dst;
	int chosen, err;

	err = fdt_open_into((const void *)(uintptr_t)p->dtb_src, dst, (int)p->dtb_room);
	if (!err && release_addrs(dst))
		return "kexec: cannot name hypstub's release slots in the device tree (no room)";
	chosen = err ? err : hs_dt_subnode(dst, 0, "chosen", 6);
	if (chosen == -FDT_ERR_NOTFOUND && (cmdline || p->initrd_size))
		chosen = fdt_add_subnode(dst, 0, "chosen");
	if (chosen < 0)
		return cmdline || p->initrd_size || err ? "kexec: cannot edit the device tree"
							: NULL;
	err = 0;
	if (cmdline) {
		/* The loader's own command line and initrd are not the next kernel's. */
		err = fdt_setprop_string(dst, chosen, "bootargs", cmdline);
		fdt_delprop(dst, chosen, "linux,initrd-start");
		fdt_delprop(dst, chosen, "linux,initrd-end");
	}
	if (!err && p->initrd_size) {
		err = fdt_setprop_u64(dst, chosen, "linux,initrd-start", p->initrd);
		if (!err)
			err = fdt_setprop_u64(dst, chosen, "linux,initrd-end",
					      p->initrd + p->initrd_size);
	}
	return err ? "kexec: cannot edit the device tree (no room)" : NULL;
}

/* memmove, in the arch layer's 64-byte blocks, with a byte tail. */
static void move_image(uint64_t dst, uint64_t src, uint64_t n)
{
	char *d = (char *)(uintptr_t)dst;
	const char *s = (const char *)(uintptr_t)src;
	size_t blocks = (size_t)(n & ~63ull), tail = (size_t)(n & 63);

	if (dst == src)
		return;
	if (dst < src || dst >= src + n) {
		arch_kexec_copy_fwd(d, s, blocks);
		for (size_t i = blocks; i < blocks + tail; i++)
			d[i] = s[i];
	} else {
		for (size_t i = blocks + tail; i-- > blocks;)
			d[i] = s[i];
		arch_kexec_copy_bwd(d, s, blocks);
	}
}

const char *hs_kexec_boot(const struct hs_kexec_plan *p, const char *cmdline)
{
	const char *err;
	unsigned long ret;

	if (!hyp_available())
		return "kexec: no stub at EL2/HYP to restart through (HYP unavailable)";
	err = others_off();
	if (err)
		return err;
	err = write_dtb(p, cmdline);
	if (err)
		return err;
	move_image(p->dst, p->src, p->size);
	/* Everything the next kernel reads, out to the point of coherency,
	 * unless the caller vouches no cache holds any of it (kexec.h). */
	if (!(p->req_flags & HS_KEXEC_UNCACHED)) {
		arch_kexec_clean(p->dst, p->size);
		arch_kexec_clean(p->dtb_dst, p->dtb_room);
	}
	ret = arch_kexec_restart(p->entry, p->dtb_dst);
	return ret == HVC_STUB_ERR ? "kexec: the stub refused HVC_SOFT_RESTART"
				   : "kexec: HVC_SOFT_RESTART returned";
}
