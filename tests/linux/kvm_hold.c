// SPDX-License-Identifier: MIT
/*
 * kvm-hold: create a KVM VM and keep it, so that KVM holds EL2 (Linux 6.1
 * in nVHE mode takes EL2 from its stub while a VM exists). A static arm64
 * program with no C library: raw system calls only. Prints
 * "kvm-hold: VM created" and sleeps until killed; exits 1 without
 * /dev/kvm, 2 when KVM_CREATE_VM fails.
 */
#define SYS_ioctl     29
#define SYS_openat    56
#define SYS_write     64
#define SYS_exit      93
#define SYS_nanosleep 101
#define AT_FDCWD      -100
#define O_RDWR	      2
#define KVM_CREATE_VM 0xae01 /* _IO(KVMIO, 0x01) */

static long sys(long n, long a, long b, long c)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

static void say(const char *s)
{
	long n = 0;

	while (s[n])
		n++;
	sys(SYS_write, 1, (long)s, n);
}

void _start(void)
{
	static const long second[2] = {1, 0};
	long kvm = sys(SYS_openat, AT_FDCWD, (long)"/dev/kvm", O_RDWR);

	if (kvm < 0) {
		say("kvm-hold: no /dev/kvm\n");
		sys(SYS_exit, 1, 0, 0);
	}
	if (sys(SYS_ioctl, kvm, KVM_CREATE_VM, 0) < 0) {
		say("kvm-hold: KVM_CREATE_VM failed\n");
		sys(SYS_exit, 2, 0, 0);
	}
	say("kvm-hold: VM created\n");
	for (;;)
		sys(SYS_nanosleep, (long)second, 0, 0);
}
