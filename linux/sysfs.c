// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * /sys/kernel/hypstub/: the hypervisor's state, for shell scripts.
 *
 *   version, cpus, faults   its status call (HYP_CALL_STATUS) on one CPU:
 *                           version, CPUs it is installed on, stage 2
 *                           faults it turned into aborts (all CPUs)
 *   protected               bytes of kernel text and rodata made read-only
 *   locked                  1 once HYP_CALL_LOCK succeeded
 *   text_write_test         reading it writes a word of kernel text back
 *                           (hs_text_write_test): 0 written, -14 caught
 *   cpuN/installed          1 when CPU N's EL2 answers the status call
 *   cpuN/version            its answer's version (0: not installed)
 *   cpuN/faults             the faults it turned into aborts on CPU N
 *                           (HYP_STATUS_THIS_CPU, asked on CPU N)
 *   cpuN/stub_vectors       Linux's stub's VBAR_EL2 seen on install
 */
#include <linux/cpu.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sysfs.h>
#include "hypstub_mod.h"

static struct kobject *hs_kobj;
static struct kobject *hs_cpu_kobj[NR_CPUS];

static void hs_status_ipi(void *arg)
{
	hs_status(arg);
}

/* The status call (st->scope) on `cpu` (answer HVC_STUB_ERR when it is offline). */
static void hs_status_on(int cpu, struct hs_status *st)
{
	st->answer = HVC_STUB_ERR;
	st->version = 0;
	st->cpus = 0;
	st->faults = 0;
	if (cpu < 0)
		cpu = get_cpu();
	else
		get_cpu();
	if (cpu_online(cpu))
		smp_call_function_single(cpu, hs_status_ipi, st, 1);
	put_cpu();
}

static ssize_t version_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct hs_status st = { HYP_STATUS_ALL_CPUS };

	hs_status_on(-1, &st);
	return sysfs_emit(buf, "%lu\n", st.version);
}

static ssize_t cpus_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct hs_status st = { HYP_STATUS_ALL_CPUS };

	hs_status_on(-1, &st);
	return sysfs_emit(buf, "%lu\n", st.cpus);
}

static ssize_t faults_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct hs_status st = { HYP_STATUS_ALL_CPUS };

	hs_status_on(-1, &st);
	return sysfs_emit(buf, "%lu\n", st.faults);
}

static ssize_t protected_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%lu\n", hs_protected_bytes);
}

static ssize_t locked_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", hs_locked);
}

static ssize_t text_write_test_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", hs_text_write_test());
}

/* One attribute a line. */
/* clang-format off */
static struct kobj_attribute hs_attrs[] = {
	__ATTR_RO(version),
	__ATTR_RO(cpus),
	__ATTR_RO(faults),
	__ATTR_RO(protected),
	__ATTR_RO(locked),
	__ATTR(text_write_test, 0400, text_write_test_show, NULL),
};
/* clang-format on */

static int hs_cpu_of(struct kobject *k)
{
	int cpu;

	if (kstrtoint(kobject_name(k) + 3, 10, &cpu))
		return -1;
	return cpu;
}

/* The status call on the CPU of cpuN/: -EINVAL for a name that is not one. */
static int hs_cpu_status(struct kobject *k, struct hs_status *st)
{
	int cpu = hs_cpu_of(k);

	if (cpu < 0)
		return -EINVAL;
	hs_status_on(cpu, st);
	return 0;
}

static ssize_t installed_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct hs_status st = { HYP_STATUS_ALL_CPUS };

	if (hs_cpu_status(k, &st))
		return -EINVAL;
	return sysfs_emit(buf, "%d\n", st.answer == 0);
}

static ssize_t cpu_version_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct hs_status st = { HYP_STATUS_ALL_CPUS };

	if (hs_cpu_status(k, &st))
		return -EINVAL;
	return sysfs_emit(buf, "%lu\n", st.version);
}

static ssize_t cpu_faults_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	struct hs_status st = { HYP_STATUS_THIS_CPU };

	if (hs_cpu_status(k, &st))
		return -EINVAL;
	return sysfs_emit(buf, "%lu\n", st.faults);
}

static ssize_t stub_vectors_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	int cpu = hs_cpu_of(k);

	if (cpu < 0)
		return -EINVAL;
	return sysfs_emit(buf, "%#lx\n", per_cpu(hs_cpu, cpu).stub_vectors);
}

static struct kobj_attribute hs_cpu_attrs[] = {
	__ATTR_RO(installed),
	__ATTR(version, 0444, cpu_version_show, NULL),
	__ATTR(faults, 0444, cpu_faults_show, NULL),
	__ATTR_RO(stub_vectors),
};

int hs_sysfs_init(void)
{
	char name[16];
	int i, cpu, err;

	hs_kobj = kobject_create_and_add("hypstub", kernel_kobj);
	if (!hs_kobj)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(hs_attrs); i++) {
		err = sysfs_create_file(hs_kobj, &hs_attrs[i].attr);
		if (err)
			goto fail;
	}
	for_each_possible_cpu(cpu) {
		snprintf(name, sizeof(name), "cpu%d", cpu);
		hs_cpu_kobj[cpu] = kobject_create_and_add(name, hs_kobj);
		err = -ENOMEM;
		if (!hs_cpu_kobj[cpu])
			goto fail;
		for (i = 0; i < ARRAY_SIZE(hs_cpu_attrs); i++) {
			err = sysfs_create_file(hs_cpu_kobj[cpu], &hs_cpu_attrs[i].attr);
			if (err)
				goto fail;
		}
	}
	return 0;
fail:
	hs_sysfs_exit();
	return err;
}

void hs_sysfs_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		kobject_put(hs_cpu_kobj[cpu]);
		hs_cpu_kobj[cpu] = NULL;
	}
	kobject_put(hs_kobj);
	hs_kobj = NULL;
}
