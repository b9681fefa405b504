/* SPDX-License-Identifier: MIT */
/*
 * What the freestanding test programs run inside Debian's Linux share: raw
 * arm64 system calls (no C library: the initramfs carries only busybox)
 * and a few string helpers. Built with -nostdlib -ffreestanding.
 */
#ifndef HS_TESTS_LINUX_RAW_H
#define HS_TESTS_LINUX_RAW_H

#define SYS_ioctl	  29
#define SYS_openat	  56
#define SYS_close	  57
#define SYS_lseek	  62
#define SYS_read	  63
#define SYS_write	  64
#define SYS_exit	  93
#define SYS_nanosleep	  101
#define SYS_delete_module 106
#define SYS_finit_module  273
#define AT_FDCWD	  -100
#define O_RDONLY	  0
#define O_RDWR		  2
#define O_WRONLY	  1
#define O_CREAT		  0100
#define O_TRUNC		  01000
#define O_NONBLOCK	  04000
#define O_DIRECTORY	  040000
#define SEEK_END	  2
#define EPIPE		  32
#define EAGAIN		  11

/* System call n with up to four arguments: the answer, or -errno. */
static inline long sys4(long n, long a, long b, long c, long d)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
	return x0;
}

static inline long sys(long n, long a, long b, long c)
{
	return sys4(n, a, b, c, 0);
}

static inline long str_len(const char *s)
{
	long n = 0;

	while (s[n])
		n++;
	return n;
}

static inline void say(const char *s)
{
	sys(SYS_write, 1, (long)s, str_len(s));
}

static inline void __attribute__((noreturn)) leave(int code)
{
	sys(SYS_exit, code, 0, 0);
	__builtin_unreachable();
}

#endif
