// SPDX-License-Identifier: MIT
/*
 * The kexec payload (`make run KERNEL=...`): an EL1/SVC payload that hands
 * the machine, at EL2/HYP, to a kernel already lying in RAM. Its command
 * line (/chosen/bootargs) says where:
 *
 *   kexec=ADDR,SIZE          the kernel image (arm64 Image, arm zImage)
 *   kexec_dtb=ADDR[,SIZE]    its device tree (default: the one this payload got)
 *   kexec_initrd=ADDR,SIZE   an initrd for it, left where it is
 *   kexec_load=ADDR          place the kernel there instead of where it asks
 *   kexec_under_hyp=1        install the sample hypervisor on every CPU first:
 *                            the restart then goes through its teardown
 *   -- ARGS                  the next kernel's command line (default: this
 *                            device tree's /chosen as it is)
 *
 * With more than one CPU it first starts every other CPU through hypstub
 * and then stops each again (PSCI CPU_OFF from it; on a spin-table board,
 * HS_CALL_PARK: it waits at EL2 in hypstub's parking place, which the
 * next kernel's tree names as its cpu-release-addr): the loader restarts
 * only when every other CPU is off or parked.
 */
#include <arch/cpu.h>
#include <hypstub/client.h>
#include <hypstub/dt_walk.h>
#include <hypstub/hyp.h>
#include <hypstub/kexec.h>
#include <hypstub/rt.h>
#include <hypstub/rt_smp.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char args[1024];

/* The value of `key=` in the command line (before any "--"), or NULL. */
static const char *arg(const char *key)
{
	size_t n = strlen(key);

	for (const char *p = args; *p; p += strcspn(p, " "), p += strspn(p, " ")) {
		if (!strncmp(p, "--", 2) && (p[2] == ' ' || !p[2]))
			return NULL;
		if (!strncmp(p, key, n) && p[n] == '=')
			return p + n + 1;
	}
	return NULL;
}

/* "A" or "A,B" into a and b; returns how many numbers were there. */
static int arg_pair(const char *key, uint64_t *a, uint64_t *b)
{
	const char *v = arg(key);
	char *end;

	if (!v)
		return 0;
	*a = strtoull(v, &end, 0);
	if (*end != ',')
		return 1;
	*b = strtoull(end + 1, NULL, 0);
	return 2;
}

static void read_args(const void *dtb)
{
	int chosen = hs_dt_subnode(dtb, 0, "chosen", 6);
	const char *s = chosen >= 0 ? fdt_getprop(dtb, chosen, "bootargs", NULL) : NULL;

	snprintf(args, sizeof(args), "%s", s ? s : "");
}

/* The text after " -- ", or NULL. */
static const char *next_cmdline(void)
{
	const char *p;

	if (!strncmp(args, "-- ", 3))
		return args + 3;
	p = strstr(args, " -- ");
	if (p)
		return p + 4;
	return NULL;
}

static bool under_hyp;

/* On one CPU: install the sample hypervisor from its usual region. */
static void install_hyp(unsigned cpu, void *result)
{
	((int *)result)[cpu] = hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN);
}

/* Keep the hypervisor's region out of the plan: under stage 2 it is not there. */
static const char *keep_hyp_out(struct hs_kexec_request *req)
{
	uint64_t base = hyp_sample_default_region();

	if (!base)
		return "kexec: kexec_under_hyp=1: no CPU table, so no sample hypervisor";
	if (req->nkeep_out >= HS_KEXEC_MAX_KEEP_OUT)
		return "kexec: kexec_under_hyp=1: no room to keep the hypervisor's region out";
	req->keep_out[req->nkeep_out++] =
	    (struct hs_kexec_range){base, base + HYP_REGION_ALIGN, "the sample hypervisor"};
	return NULL;
}

/*
 * Start every other CPU (installing the sample hypervisor on each, and on
 * this one, when asked), then stop it again: the loader needs them all off.
 */
static int cycle_other_cpus(void)
{
	unsigned n = rt_smp_ncpus(), self = rt_smp_self();

	for (unsigned i = 0; i < n; i++) {
		if (i == self)
			continue;
		if (rt_smp_start(i)) {
			printf("[kexec] CPU%u did not start\n", i);
			return -1;
		}
	}
	if (under_hyp) {
		int installed[HS_MAX_CPUS] = {0};
		struct hyp_status st;

		install_hyp(self, installed);
		for (unsigned i = 0; i < n; i++)
			if (i != self && rt_smp_run(i, install_hyp, installed))
				installed[i] = HYP_ERR_UNAVAILABLE;
		for (unsigned i = 0; i < n; i++)
			if (installed[i]) {
				printf(
				    "[kexec] CPU%u: the sample hypervisor was not installed (%d)\n",
				    i, installed[i]);
				return -1;
			}
		if (hyp_sample_status(&st) || st.cpus != n) {
			printf("[kexec] the sample hypervisor's status disagrees\n");
			return -1;
		}
		printf("[kexec] the sample hypervisor installed on %lu CPU(s); the restart goes "
		       "through its teardown\n",
		       st.cpus);
	}
	for (unsigned i = 0; i < n; i++) {
		if (i == self || !rt_smp_running(i))
			continue;
		if (rt_smp_stop(i)) {
			printf("[kexec] CPU%u did not stop\n", i);
			return -1;
		}
	}
	if (n > 1)
		printf("[kexec] %u other CPU(s) started and stopped again (%s)\n", n - 1,
		       hyp_cpu_parks(self == 0 ? 1 : 0)
			   ? "parked at EL2 in hypstub's spin table, for the next kernel to release"
			   : "PSCI CPU_OFF");
	return 0;
}

static const char *kind_name(enum hs_kexec_kind k)
{
	return k == HS_KEXEC_ARM64_IMAGE ? "arm64 Image" : "arm zImage";
}

int main(const void *dtb)
{
	struct hs_kexec_request req;
	struct hs_kexec_plan plan;
	uint64_t a = 0, b = 0;
	const char *err;
	const char *cmdline;

	read_args(dtb);
	cmdline = next_cmdline();
	printf("[kexec] hypstub kexec loader (%s), at %s\n", ARCH_NAME, ARCH_EL1_NAME);
	err = hs_kexec_request_init(&req, dtb);
	/* This payload never turns its MMU on: no cache holds the image (kexec.h). */
	req.flags |= HS_KEXEC_UNCACHED;
	if (!err && arg_pair("kexec", &req.image, &req.image_size) != 2)
		err = "kexec: no kernel given (kexec=ADDR,SIZE on the command line)";
	if (!err && arg_pair("kexec_dtb", &a, &b)) {
		req.dtb = a;
		req.dtb_limit = b;
	}
	if (!err && arg_pair("kexec_initrd", &req.initrd, &req.initrd_size) == 1)
		err = "kexec: kexec_initrd needs ADDR,SIZE";
	if (!err && arg_pair("kexec_load", &req.load_addr, &b) == 0)
		req.load_addr = 0;
	under_hyp = arg("kexec_under_hyp") && strtoul(arg("kexec_under_hyp"), NULL, 0);
	if (!err && under_hyp)
		err = keep_hyp_out(&req);
	if (!err)
		err = hs_kexec_plan(&req, &plan);
	if (err) {
		printf("[kexec] error: %s\n", err);
		return 1;
	}
	printf("[kexec] %s, %llu bytes at 0x%llx: to 0x%llx (%llu bytes its own), entry 0x%llx\n",
	       kind_name(plan.kind), (unsigned long long)plan.size, (unsigned long long)plan.src,
	       (unsigned long long)plan.dst, (unsigned long long)plan.span,
	       (unsigned long long)plan.entry);
	printf("[kexec] device tree, %llu bytes at 0x%llx: to 0x%llx\n",
	       (unsigned long long)plan.dtb_size, (unsigned long long)plan.dtb_src,
	       (unsigned long long)plan.dtb_dst);
	if (cmdline)
		printf("[kexec] its command line: %s\n", cmdline);
	if (cycle_other_cpus())
		return 1;
	printf("[kexec] HVC_SOFT_RESTART into it at %s\n", ARCH_EL2_NAME);
	err = hs_kexec_boot(&plan, cmdline);
	printf("[kexec] error: %s\n", err);
	return 1;
}
