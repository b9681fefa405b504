// SPDX-License-Identifier: MIT
/*
 * The boot shim: entered at EL2 (or EL1) with a device tree, it sets EL2
 * up, installs the stub, hands the payload a device tree that says what
 * it did, and drops to EL1 into the payload. It never returns.
 */
#include <arch/cpu.h>
#include <arch/el2_setup.h>
#include <arch/sysreg.h>
#include <hypstub/bootinfo.h>
#include <hypstub/bulk.h>
#include <hypstub/platform.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../cpu/cpu.h"
#include "../stub/stub.h"
#include "early_console.h"
#include "handoff.h"
#include "payload.h"
#include "smp.h"

/* Linker symbols: the shim's own image, bss included. */
extern char _image_start[], _end[];

__attribute__((noreturn, format(printf, 1, 2))) static void shim_fatal(const char *fmt, ...)
{
	va_list ap;

	printf("[shim] error: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n*** hypstub: boot stopped ***\n");
	for (;;)
		__asm__ volatile("wfi");
}

static void shim_print_platform(const struct hs_platform *p)
{
	printf("[shim] RAM 0x%llx..0x%llx", (unsigned long long)p->ram_base,
	       (unsigned long long)(p->ram_base + p->ram_size));
	for (unsigned i = 1; i < p->nmem && i < HS_MAX_MEM; i++)
		printf(" + 0x%llx..0x%llx", (unsigned long long)p->mem[i].base,
		       (unsigned long long)(p->mem[i].base + p->mem[i].size));
	printf(", UART %s@0x%llx", hs_uart_type_name(p->uart.type),
	       (unsigned long long)p->uart_base);
	if (p->gic_version)
		printf(", GICv%u@0x%llx", p->gic_version, (unsigned long long)p->gic_dist_base);
	else
		printf(", no GIC");
	printf(", PSCI via %s, %u CPU(s)\n", hs_psci_conduit_name(p->psci), p->ncpus);
	if (p->console_how != HS_CONSOLE_STDOUT)
		printf("[shim] console: %s%s\n", hs_console_why(p->console_how),
		       p->uart.type != HS_UART_NONE ? "; this is the first UART hypstub can drive"
						    : "");
	for (unsigned i = 0; i < p->nrsv && i < HS_MAX_RSV; i++)
		printf("[shim] reserved 0x%llx..0x%llx\n", (unsigned long long)p->rsv[i].base,
		       (unsigned long long)(p->rsv[i].base + p->rsv[i].size));
}

static const char *shim_level_name(unsigned long level)
{
	static const char *const names[] = ARCH_LEVEL_NAMES;

	return level < sizeof(names) / sizeof(names[0]) ? names[level] : "an unknown level";
}

/* The resident copy of `sym`, a symbol of the resident code. */
static void *resident_copy(uint64_t resident, const void *sym)
{
	return (char *)(uintptr_t)resident + ((uintptr_t)sym - (uintptr_t)hs_stub_start);
}

/*
 * Copy the resident code (the stub, the CPU entry and its table) into
 * the resident region; at EL2, make the stub this CPU's vectors.
 */
static uint64_t shim_install_resident(uint64_t resident, unsigned long boot_el)
{
	size_t size = (size_t)((uintptr_t)hs_cpu_end - (uintptr_t)hs_stub_start);
	size_t stub_size = (size_t)((uintptr_t)hs_stub_end - (uintptr_t)hs_stub_start);
	uint64_t vectors = (uint64_t)(uintptr_t)resident_copy(resident, hs_stub_vectors);

	hs_stub_config.pa_limit = arch_pa_limit();
	/* The crash path's slow-path lock is in the resident table's rows. */
	hs_stub_config.cpu_table = (uintptr_t)resident_copy(resident, &hs_cpu_table);
	hs_bulk_copy((void *)(uintptr_t)resident, hs_stub_start, size);
	arch_icache_invalidate_all();
	if (boot_el != 2)
		return 0;
	sysreg_vbar_el2_write(vectors);
	isb();
	printf("[shim] stub installed: %zu bytes at 0x%llx, %s=0x%llx\n", stub_size,
	       (unsigned long long)resident, ARCH_VBAR_NAME, (unsigned long long)vectors);
	return vectors;
}

/* Every CPU up once; HYP only when they all entered at the same level. */
static void shim_start_cpus(uint64_t resident, const struct hs_platform *plat,
			    unsigned long boot_el, struct hs_handoff *handoff)
{
	struct hs_cpu_table *table = resident_copy(resident, &hs_cpu_table);
	uintptr_t entry = (uintptr_t)resident_copy(resident, hs_cpu_entry);
	unsigned up;
	int odd;

	if (plat->ncpus > table->ncpus)
		printf("[shim] the device tree lists %u CPUs; hypstub keeps %u: the other %u stay "
		       "off\n",
		       plat->ncpus, (unsigned)table->ncpus, plat->ncpus - (unsigned)table->ncpus);
	up = hs_smp_bring_up(table, plat, entry,
			     (uintptr_t)resident_copy(resident, hs_cpu_spin_entry),
			     (uintptr_t)resident_copy(resident, &hs_cpu_bring_up));
	if (table->ncpus > 1 && table->spin_cpus)
		printf("[shim] %u of %u CPUs up; the payload starts the others through hypstub's "
		       "release slots at 0x%llx\n",
		       up, (unsigned)table->ncpus,
		       (unsigned long long)(uintptr_t)resident_copy(resident, hs_cpu_release));
	else if (table->ncpus > 1)
		printf("[shim] %u of %u CPUs up; the payload starts the others through 0x%llx\n",
		       up, (unsigned)table->ncpus, (unsigned long long)entry);
	odd = hs_smp_odd_cpu(table);
	if (odd >= 0) {
		static const char *const levels[] = ARCH_LEVEL_NAMES;
		const struct hs_cpu *c = &table->cpu[odd];

		printf("[shim] CPU%d (MPIDR 0x%llx) entered at %s, the boot CPU at %s: "
		       "%s is unavailable on every CPU\n",
		       odd, (unsigned long long)c->mpidr, c->level < 4 ? levels[c->level] : "?",
		       shim_level_name(boot_el), ARCH_EL2_NAME);
		hs_smp_disable_hyp(table);
		handoff->stub_installed = 0;
	}
}

void shim_main(const void *loader_dtb, unsigned long boot_el);

void shim_main(const void *loader_dtb, unsigned long boot_el)
{
	struct hs_platform plat;
	struct hs_handoff handoff = {.boot_el = (unsigned)boot_el};
	struct hs_loaded loaded;
	uint64_t resident, el2_sp = 0;
	void *dtb;
	int err, boot_cpu;

	/* Console first, so that every later failure can be reported. */
	err = shim_console_init(loader_dtb, &plat);
	printf("\n[shim] hypstub (%s) entered at %s, device tree at %p\n", ARCH_NAME,
	       shim_level_name(boot_el), loader_dtb);
	shim_print_image_place();
	if (boot_el != 1 && boot_el != 2)
		shim_fatal("entered at %s: hypstub must be entered at %s (or %s)",
			   shim_level_name(boot_el), ARCH_EL2_NAME, ARCH_EL1_NAME);
	if (err)
		shim_fatal("the device tree at %p is unusable: %s", loader_dtb, fdt_strerror(err));
	shim_print_platform(&plat);
	/* The bank the loader put the shim in is the one hypstub uses. */
	if (hs_platform_use_bank_of(&plat, (uintptr_t)_image_start))
		shim_fatal("no memory bank this CPU can address");
	if (plat.ram_size < 4 * HS_RESIDENT_SIZE)
		shim_fatal("only 0x%llx bytes of RAM: hypstub needs at least 0x%lx",
			   (unsigned long long)plat.ram_size, 4 * HS_RESIDENT_SIZE);
	if (plat.nrsv > HS_MAX_RSV)
		shim_fatal("the device tree reserves %u ranges of memory: hypstub keeps track of "
			   "%u at most",
			   plat.nrsv, HS_MAX_RSV);
	/* The top of that bank, below anything the tree reserves, clear of the shim itself. */
	resident = hs_platform_place_top(&plat, plat.ram_base, plat.ram_base + plat.ram_size,
					 HS_RESIDENT_SIZE, HS_RESIDENT_SIZE);
	if (resident < (uintptr_t)_end && resident + HS_RESIDENT_SIZE > (uintptr_t)_image_start)
		resident = hs_platform_place_top(&plat, plat.ram_base, (uintptr_t)_image_start,
						 HS_RESIDENT_SIZE, HS_RESIDENT_SIZE);
	if (!resident)
		shim_fatal("no room for the resident region (0x%lx bytes) in RAM outside the "
			   "device tree's reserved ranges",
			   HS_RESIDENT_SIZE);
	handoff.resident_base = resident;
	handoff.resident_size = HS_RESIDENT_SIZE;
	boot_cpu = hs_smp_table_init(&hs_cpu_table, &plat, boot_el);
	if (boot_cpu < 0)
		shim_fatal("this CPU (MPIDR 0x%llx) is not in the device tree's /cpus",
			   (unsigned long long)arch_cpu_affinity());

	if (boot_el == 2) {
		struct el2_state st;

		el2_setup(&st, plat.gic_version == 3);
		el2_print_state(&st);
		if (plat.gic_version == 3 && !st.gic_sre_ok)
			printf(
			    "[shim] warning: the GICv3 system register interface did not enable: "
			    "%s cannot use the GICv3 system registers\n",
			    ARCH_EL1_NAME);
		handoff.stub_installed = 1;
		el2_sp = resident + HS_EL2_STACK_TOP((uint64_t)boot_cpu);
	} else {
		printf("[shim] entered at %s: there is no %s to set up and no stub to install;\n"
		       "[shim]   the payload starts anyway and will find HYP unavailable\n",
		       ARCH_EL1_NAME, ARCH_EL2_NAME);
	}

	handoff.stub_vectors = shim_install_resident(resident, boot_el);
	handoff.cpu_entry = (uintptr_t)resident_copy(resident, hs_cpu_entry);
	handoff.cpu_table = (uintptr_t)resident_copy(resident, &hs_cpu_table);
	handoff.cpus = resident_copy(resident, &hs_cpu_table);
	handoff.cpu_release = (uintptr_t)resident_copy(resident, hs_cpu_release);
	shim_start_cpus(resident, &plat, boot_el, &handoff);

	dtb = (void *)(uintptr_t)(resident + HS_RESIDENT_DTB_OFFSET);
	err = hs_handoff_dtb(loader_dtb, dtb, HS_RESIDENT_SIZE - HS_RESIDENT_DTB_OFFSET, &handoff);
	if (err)
		shim_fatal("cannot build the payload's device tree: %s", fdt_strerror(err));

	if (!plat.initrd_start || plat.initrd_end <= plat.initrd_start)
		shim_fatal("no payload: pass one as the initrd (QEMU -initrd, U-Boot booti's 2nd "
			   "argument)");
	{
		struct hs_range keep_out[2 + HS_MAX_RSV] = {
		    {(uintptr_t)_image_start, (uintptr_t)_end,
		     "payload: a segment overlaps the shim"},
		    {resident, resident + HS_RESIDENT_SIZE,
		     "payload: a segment overlaps hypstub's resident region"},
		};
		unsigned nkeep = 2;

		for (unsigned i = 0; i < plat.nrsv; i++)
			keep_out[nkeep++] = (struct hs_range){
			    plat.rsv[i].base, plat.rsv[i].base + plat.rsv[i].size,
			    "payload: a segment overlaps memory the device tree reserves"};
		const struct hs_load_limits lim = {
		    .ram_start = plat.ram_base,
		    .ram_end = plat.ram_base + plat.ram_size,
		    .keep_out = keep_out,
		    .nkeep_out = nkeep,
		    .raw_load_addr = plat.ram_base + HS_PAYLOAD_RAW_OFFSET,
		    .elf_machine = ARCH_ELF_MACHINE,
		    .elf_class = ARCH_ELF_CLASS,
		    .thumb_entry = ARCH_THUMB_ENTRY,
		};
		const char *why =
		    hs_payload_load((const void *)(uintptr_t)plat.initrd_start,
				    plat.initrd_end - plat.initrd_start, &lim, &loaded);
		if (why)
			shim_fatal("%s", why);
	}
	arch_icache_invalidate_all();
	printf("[shim] payload (%s, %llu bytes) at 0x%llx..0x%llx, entry 0x%llx\n",
	       loaded.is_elf ? "ELF" : "raw binary",
	       (unsigned long long)(plat.initrd_end - plat.initrd_start),
	       (unsigned long long)loaded.low, (unsigned long long)loaded.high,
	       (unsigned long long)loaded.entry);
	printf("[shim] dropping to %s, device tree at 0x%llx\n\n", ARCH_PAYLOAD_ENTRY,
	       (unsigned long long)(uintptr_t)dtb);
	arch_enter_payload((uintptr_t)loaded.entry, (uintptr_t)dtb, (uintptr_t)el2_sp);
}
