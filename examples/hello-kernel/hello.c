// SPDX-License-Identifier: MIT
/*
 * hello-kernel: a kernel of one's own on hypstub, built from the
 * installed SDK alone (docs/SDK.md). hypstub's shim enters it at EL1/SVC
 * with a device tree; it says where it was entered, calls the stub,
 * installs and removes the sample hypervisor, and then restarts once,
 * through the kexec loader, into itself:
 *
 *  - the next kernel is the shim image the SDK installed, which this
 *    kernel carries (the Makefile names it: HELLO_SHIM);
 *  - the shim's payload is this kernel again: linked at RAM base +
 *    8 MiB, where the shim also enters a raw binary, its loaded image
 *    [_start, __bss_start) is its own raw binary; a copy of it goes to
 *    the kexec loader as the initrd (the shim refuses a payload that lies
 *    where it must go). Neither this file nor the runtime changes
 *    initialised data that a new start relies on (the runtime rewrites
 *    its entry registers at _start), so the copy starts like the file;
 *  - the command line says "hello.again": that is how the second
 *    arrival knows it is the second, and it ends the run with exit code 0.
 */
#include <hypstub/client.h>
#include <hypstub/dt_walk.h>
#include <hypstub/hyp.h>
#include <hypstub/kexec.h>
#include <hypstub/rt.h>
#include <stdio.h>
#include <string.h>

#ifdef __aarch64__
#define EL1_NAME "EL1"
#define EL2_NAME "EL2"
#else
#define EL1_NAME "SVC"
#define EL2_NAME "HYP"
#endif
#define AGAIN "hello.again"

/* The installed shim image, carried whole (a kexec needs it in RAM). */
__asm__(".section .rodata.hello_shim, \"a\"\n"
	".balign 64\n"
	".global hello_shim, hello_shim_end\n"
	"hello_shim: .incbin \"" HELLO_SHIM "\"\n"
	"hello_shim_end:\n"
	".previous\n");
extern const char hello_shim[], hello_shim_end[];
/* From the SDK's linker script: this kernel's first byte, its bss. */
extern char _start[], __bss_start[];

/* Where the copy of this kernel waits for the shim (in the bss: not part of the copy). */
static char payload_copy[512 * 1024] __attribute__((aligned(4096)));

static int failures;

static void step(const char *what, unsigned long got, unsigned long want)
{
	printf("hello: %-52s 0x%lx %s\n", what, got, got == want ? "ok" : "UNEXPECTED");
	failures += got != want;
}

static int second_arrival(const void *dtb)
{
	int chosen = hs_dt_path(dtb, "/chosen", 7), len = 0;
	const char *args = chosen >= 0 ? hs_dt_prop(dtb, chosen, "bootargs", &len) : NULL;

	return args && len > 0 && strstr(args, AGAIN) != NULL;
}

static void say_where(const void *dtb)
{
	printf("hello: entered at %s (level %u) at 0x%lx, device tree at 0x%lx\n", EL1_NAME,
	       rt_current_el(), (unsigned long)(uintptr_t)_start, (unsigned long)(uintptr_t)dtb);
	printf("hello: hypstub's shim was entered at %s; the stub's vectors are at 0x%lx\n",
	       hyp_boot_el() == 2   ? EL2_NAME
	       : hyp_boot_el() == 1 ? EL1_NAME
				    : "an unknown level",
	       (unsigned long)hyp_stub_vectors());
}

static void call_the_stub(void)
{
	step("stub available", hyp_available(), 1);
	step("HVC_RESET_VECTORS (the stub's own stay)", hyp_reset_vectors(), 0);
	step("HVC_SET_VECTORS, misaligned: refused", hyp_set_vectors(hyp_stub_vectors() + 4),
	     HVC_STUB_ERR);
	step("an unknown call number: refused", hyp_call(HS_CALL_BASE + 0x777, 0, 0, 0, 0),
	     HVC_STUB_ERR);
}

static void visit_the_hypervisor(void)
{
	struct hyp_status st = {0, 0, 0};

	step("sample hypervisor installed",
	     (unsigned long)hyp_sample_install(hyp_sample_default_region(), HYP_REGION_ALIGN), 0);
	step("its status call", hyp_sample_status(&st), 0);
	step("  its version", st.version, HYP_VERSION);
	step("removed (HVC_RESET_VECTORS)", (unsigned long)hyp_sample_remove(), 0);
	step("its status call now: the stub refuses", hyp_sample_status(&st), HVC_STUB_ERR);
}

static const char *restart_into_itself(const void *dtb)
{
	size_t size = (uintptr_t)__bss_start - (uintptr_t)_start;
	struct hs_kexec_request req;
	struct hs_kexec_plan plan;
	const char *err;

	if (size > sizeof(payload_copy))
		return "hello: this kernel outgrew payload_copy";
	memcpy(payload_copy, _start, size);
	err = hs_kexec_request_init(&req, dtb);
	if (err)
		return err;
	/* This kernel never turned its MMU on: no cache holds a line of it (kexec.h). */
	req.flags |= HS_KEXEC_UNCACHED;
	req.image = (uintptr_t)hello_shim;
	req.image_size = (uintptr_t)hello_shim_end - (uintptr_t)hello_shim;
	req.initrd = (uintptr_t)payload_copy;
	req.initrd_size = size;
	err = hs_kexec_plan(&req, &plan);
	if (err)
		return err;
	printf("hello: kexec into hypstub's shim (%lu bytes, to 0x%lx) with this kernel "
	       "(%lu bytes) as its payload\n",
	       (unsigned long)plan.size, (unsigned long)plan.dst, (unsigned long)size);
	return hs_kexec_boot(&plan, AGAIN);
}

int main(const void *dtb)
{
	const char *err;

	if (second_arrival(dtb)) {
		printf("hello: second arrival (\"%s\" on the command line)\n", AGAIN);
		say_where(dtb);
		step("stub available", hyp_available(), 1);
		printf("hello: done, %d unexpected\n", failures);
		return failures ? 1 : 0;
	}
	printf("hello: first arrival\n");
	say_where(dtb);
	call_the_stub();
	visit_the_hypervisor();
	if (failures) {
		printf("hello: %d unexpected: no restart\n", failures);
		return 1;
	}
	err = restart_into_itself(dtb);
	printf("hello: kexec failed: %s\n", err);
	return 2;
}
