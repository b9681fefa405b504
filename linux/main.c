// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * hypstub_hyp: load hypstub's sample hypervisor (build/arm64/hyp.bin,
 * built into the module) into 2 MiB taken from Linux and install it on
 * every online CPU through Linux's own hyp stub; follow CPU hotplug; tear
 * it down on rmmod, reboot and kexec (a reboot notifier: kernel_kexec()
 * runs them through kernel_restart_prepare()); refuse, with nothing
 * changed, when EL2 is not Linux's stub's to give. docs/LINUX.md.
 */
#define pr_fmt(fmt) "hypstub: " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <asm/cpufeature.h>
#include <asm/virt.h>
#include "hypstub_mod.h"

bool hs_protect_param = true;
module_param_named(protect, hs_protect_param, bool, 0444);
MODULE_PARM_DESC(protect, "make the kernel's text and rodata read-only in stage 2 (default 1)");

static bool hs_lock_param;
module_param_named(lock, hs_lock_param, bool, 0444);
MODULE_PARM_DESC(lock, "lock the hypervisor in: no removal, no kexec until reset (default 0)");

struct hs_region hs_region;
DEFINE_PER_CPU(struct hs_cpu, hs_cpu);
int hs_locked;
static enum cpuhp_state hs_hp_state;
/* Set once the machine goes down: no CPU gets the hypervisor after that. */
static bool hs_going_down;

static int hs_cpu_online(unsigned int cpu)
{
	int err;

	if (READ_ONCE(hs_going_down))
		return 0;
	local_irq_disable();
	err = hs_install_this_cpu();
	local_irq_enable();
	return err;
}

static int hs_cpu_offline(unsigned int cpu)
{
	int err;

	local_irq_disable();
	err = hs_remove_this_cpu();
	local_irq_enable();
	return err;
}

static void hs_remove_ipi(void *unused)
{
	hs_remove_this_cpu();
}

/* Reboot, power-off, halt and kexec: every CPU back to Linux's stub first. */
static int hs_reboot(struct notifier_block *nb, unsigned long action, void *data)
{
	WRITE_ONCE(hs_going_down, true);
	if (hs_locked) {
		pr_emerg("locked: it stays; a kexec will fail, a PSCI reset works\n");
		return NOTIFY_DONE;
	}
	cpus_read_lock();
	on_each_cpu(hs_remove_ipi, NULL, 1);
	cpus_read_unlock();
	pr_info("removed from every CPU before %s\n", data ? (char *)data : "reboot");
	return NOTIFY_DONE;
}

static struct notifier_block hs_reboot_nb = {
	.notifier_call = hs_reboot,
};

/*
 * HYP_CALL_LOCK: the hypervisor refuses RESET_VECTORS and SOFT_RESTART from
 * now on, so the module can never be removed (it holds a reference to
 * itself), no CPU can go offline and kexec is impossible; a PSCI reset or
 * power-off still works. A failed lock is reported and leaves it unlocked.
 */
static void hs_lock(void)
{
	unsigned long r[5] = { HYP_CALL_LOCK };

	hs_hvc(r);
	if (r[0]) {
		pr_err("lock refused (%#lx): not locked\n", r[0]);
		return;
	}
	hs_locked = 1;
	__module_get(THIS_MODULE);
	pr_info("locked: no removal, no CPU offline, no kexec until reset\n");
}

/* Can this module own EL2 at all? Checked before anything changes. */
static int hs_check_el2(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);

	if (is_kernel_in_hyp_mode()) {
		pr_err("refused: Linux itself runs at EL2 (VHE); there is no stub to install through\n");
		return -EBUSY;
	}
	if (!((pfr0 >> ID_AA64PFR0_EL1_EL2_SHIFT) & 0xf)) {
		pr_err("refused: this CPU has no EL2\n");
		return -ENODEV;
	}
	return 0;
}

static void hs_region_free(void)
{
	__free_pages(hs_region.pages, get_order(HS_REGION_SIZE));
	hs_region.pages = NULL;
}

static bool hs_any_installed(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		if (per_cpu(hs_cpu, cpu).installed)
			return true;
	return false;
}

static int __init hs_init(void)
{
	int err;

	err = hs_check_el2();
	if (err)
		return err;
	err = hs_find_ram(&hs_region.ram_base, &hs_region.ram_end);
	if (err)
		return err;
	/* An order-9 block: physically contiguous and aligned to its 2 MiB. */
	hs_region.pages = alloc_pages(GFP_KERNEL, get_order(HS_REGION_SIZE));
	if (!hs_region.pages) {
		pr_err("no 2 MiB of contiguous memory\n");
		return -ENOMEM;
	}
	hs_region.va = page_address(hs_region.pages);
	hs_region.pa = page_to_phys(hs_region.pages);
	if (hs_region.pa % HS_REGION_SIZE || hs_region.pa < hs_region.ram_base ||
	    hs_region.pa + HS_REGION_SIZE > hs_region.ram_end) {
		pr_err("the region %pa is not where the hypervisor can live\n", &hs_region.pa);
		err = -ENOMEM;
		goto free;
	}
	err = hs_load();
	if (err)
		goto free;
	pr_info("hypervisor loaded at %pa (RAM %#llx-%#llx)\n", &hs_region.pa, hs_region.ram_base,
		hs_region.ram_end);
	/* On every online CPU now, and on each one later; a failure rolls back. */
	err = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "hypstub:online", hs_cpu_online,
				hs_cpu_offline);
	if (err < 0) {
		pr_err("install failed (%d): removed again from every CPU it reached, EL2 as it was\n",
		       err);
		goto free;
	}
	hs_hp_state = err;
	if (hs_protect_param) {
		err = hs_protect_kernel();
		if (err)
			goto remove;
	}
	err = hs_sysfs_init();
	if (err)
		goto remove;
	register_reboot_notifier(&hs_reboot_nb);
	if (hs_lock_param)
		hs_lock();
	pr_info("installed on %u CPUs\n", num_online_cpus());
	return 0;
remove:
	cpuhp_remove_state(hs_hp_state);
free:
	if (hs_any_installed())
		pr_crit("some CPU still runs the hypervisor: its memory stays taken\n");
	else
		hs_region_free();
	return err;
}

static void __exit hs_exit(void)
{
	unregister_reboot_notifier(&hs_reboot_nb);
	hs_sysfs_exit();
	cpuhp_remove_state(hs_hp_state);
	if (hs_any_installed()) {
		pr_crit("some CPU still runs the hypervisor: its memory stays taken\n");
		return;
	}
	hs_region_free();
	pr_info("removed from every CPU\n");
}

module_init(hs_init);
module_exit(hs_exit);
MODULE_DESCRIPTION("hypstub's sample hypervisor, late-launched through Linux's arm64 hyp stub");
MODULE_LICENSE("Dual MIT/GPL");
