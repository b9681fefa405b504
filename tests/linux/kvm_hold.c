// SPDX-License-Identifier: MIT
/*
 * kvm-hold: create a KVM VM and keep it, so that KVM holds EL2 (Linux 6.1
 * in nVHE mode takes EL2 from its stub while a VM exists). A static arm64
 * program with no C library: raw system calls only. Prints
 * "kvm-hold: VM created" and sleeps until killed; exits 1 without
 * /dev/kvm, 2 when KVM_CREATE_VM fails.
 */
#include "raw.h"

#define KVM_CREATE_VM 0xae01 /* _IO(KVMIO, 0x01) */

void _start(void)
{
	static const long second[2] = {1, 0};
	long kvm = sys(SYS_openat, AT_FDCWD, (long)"/dev/kvm", O_RDWR);

	if (kvm < 0) {
		say("kvm-hold: no /dev/kvm\n");
		leave(1);
	}
	if (sys(SYS_ioctl, kvm, KVM_CREATE_VM, 0) < 0) {
		say("kvm-hold: KVM_CREATE_VM failed\n");
		leave(2);
	}
	say("kvm-hold: VM created\n");
	for (;;)
		sys(SYS_nanosleep, (long)second, 0, 0);
}
