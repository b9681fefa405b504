// SPDX-License-Identifier: MIT
/*
 * hs-cycles: install and remove hypstub's module N times inside Debian's
 * Linux, checking after each: the hypervisor's status (every CPU installed,
 * version 1, its CPU count), the module gone with its sysfs folder, and
 * every CPU's "Linux's stub back at VBAR_EL2" line in the kernel log (the
 * module reads VBAR_EL2 through the stub after HVC_RESET_VECTORS and says
 * so only when it is the stub's again), with no error from the module.
 *
 *   hs-cycles <module.ko> <cycles> <cpus>
 *
 * The same checks as the shell's load/unload, without a fork per file
 * read: under TCG a shell cycle costs about a second, this one a tenth.
 * Prints "cycles: N" every 10 on stderr (and into /tmp/beat), then
 * "N install/remove cycles on C CPUs" on stdout (exit 0), or
 * "cycle N: <why>" (exit 1).
 */
#include "raw.h"

#define MODULE_NAME "hypstub_hyp"
#define SYSFS	    "/sys/kernel/hypstub"

static char line[160];
static long line_len;

static void put(const char *s)
{
	while (*s && line_len < (long)sizeof(line) - 1)
		line[line_len++] = *s++;
}

static void put_num(long v)
{
	char digits[24];
	int n = 0;

	if (v < 0) {
		put("-");
		v = -v;
	}
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n) {
		char d[2] = {digits[--n], 0};

		put(d);
	}
}

/* The line so far, and a newline, to `fd`. */
static void flush_to(long fd)
{
	put("\n");
	sys(SYS_write, fd, (long)line, line_len);
	line_len = 0;
}

static void flush(void)
{
	flush_to(1);
}

static long cycle;

/* "cycle N: <why><value>", then exit 1. */
static void __attribute__((noreturn)) fail(const char *why, long value)
{
	put("cycle ");
	put_num(cycle);
	put(": ");
	put(why);
	put_num(value);
	flush();
	leave(1);
}

static long parse(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* A sysfs file's number, or -1 when it cannot be read. */
static long read_number(const char *path)
{
	char buf[32];
	long fd = sys(SYS_openat, AT_FDCWD, (long)path, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = sys(SYS_read, fd, (long)buf, sizeof(buf) - 1);
	sys(SYS_close, fd, 0, 0);
	if (n <= 0)
		return -1;
	while (n && (buf[n - 1] == '\n'))
		n--;
	buf[n] = 0;
	return parse(buf);
}

/* SYSFS "/cpu<cpu>/<file>" */
static long read_cpu_number(long cpu, const char *file)
{
	char path[64];
	long saved = line_len;

	put(SYSFS "/cpu");
	put_num(cpu);
	put("/");
	put(file);
	for (long i = saved; i < line_len; i++)
		path[i - saved] = line[i];
	path[line_len - saved] = 0;
	line_len = saved;
	return read_number(path);
}

static int contains(const char *s, long n, const char *what)
{
	long w = str_len(what);

	for (long i = 0; i + w <= n; i++) {
		long j = 0;

		while (j < w && s[i + j] == what[j])
			j++;
		if (j == w)
			return 1;
	}
	return 0;
}

/* A kernel log record's level: "<facility * 8 + level>,<seq>,...;<text>". */
static long record_level(const char *rec, long n)
{
	long v = 0;

	for (long i = 0; i < n && rec[i] >= '0' && rec[i] <= '9'; i++)
		v = v * 10 + (rec[i] - '0');
	return v & 7;
}

/*
 * The kernel log's records since the last call: how many say `what`. A
 * record of the module's at error level (3) or worse fails the cycle,
 * shown as it is.
 */
static long kmsg_count(long kmsg, const char *what)
{
	static char rec[1024];
	long count = 0;

	for (;;) {
		long n = sys(SYS_read, kmsg, (long)rec, sizeof(rec) - 1);

		if (n == -EPIPE)
			continue; /* records overwritten before read: go on */
		if (n == -EAGAIN)
			return count;
		if (n <= 0)
			fail("reading /dev/kmsg: ", n);
		rec[n] = 0;
		if (contains(rec, n, "hypstub") && record_level(rec, n) <= 3) {
			put("the module logged an error: ");
			put(rec);
			line_len--; /* the record's own newline */
			fail("level ", record_level(rec, n));
		}
		count += contains(rec, n, what);
	}
}

static void check_installed(long cpus)
{
	long n = read_number(SYSFS "/cpus");

	if (n != cpus)
		fail(SYSFS "/cpus says ", n);
	for (long c = 0; c < cpus; c++) {
		if (read_cpu_number(c, "installed") != 1)
			fail("not installed on CPU ", c);
		if (read_cpu_number(c, "version") != 1)
			fail("version 1 not answered on CPU ", c);
	}
}

static void one_cycle(long ko, long kmsg, long cpus)
{
	long r = sys(SYS_finit_module, ko, (long)"", 0);

	if (r)
		fail("finit_module: ", r);
	if (kmsg_count(kmsg, "installed (Linux's stub at VBAR_EL2=") != cpus)
		fail("CPUs logging their install: not all of ", cpus);
	check_installed(cpus);
	r = sys(SYS_delete_module, (long)MODULE_NAME, O_NONBLOCK, 0);
	if (r)
		fail("delete_module: ", r);
	r = sys(SYS_openat, AT_FDCWD, (long)SYSFS, O_RDONLY | O_DIRECTORY);
	if (r >= 0)
		fail(SYSFS " still there after rmmod, fd ", r);
	r = kmsg_count(kmsg, "Linux's stub back at VBAR_EL2");
	if (r != cpus)
		fail("CPUs reporting Linux's stub back at VBAR_EL2: ", r);
}

static void __attribute__((used)) start_c(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	long cycles, cpus, ko, kmsg;

	if (argc != 4 || (cycles = parse(argv[2])) < 0 || (cpus = parse(argv[3])) < 1) {
		say("usage: hs-cycles <module.ko> <cycles> <cpus>\n");
		leave(2);
	}
	ko = sys(SYS_openat, AT_FDCWD, (long)argv[1], O_RDONLY);
	if (ko < 0)
		fail("cannot open the module: ", ko);
	kmsg = sys(SYS_openat, AT_FDCWD, (long)"/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg < 0)
		fail("cannot open /dev/kmsg: ", kmsg);
	sys(SYS_lseek, kmsg, 0, SEEK_END); /* only what the cycles log */
	for (cycle = 1; cycle <= cycles; cycle++) {
		one_cycle(ko, kmsg, cpus);
		if (cycle % 10 == 0) {
			/* Progress on stderr; the init script's watchdog reads /tmp/beat. */
			long beat = sys4(SYS_openat, AT_FDCWD, (long)"/tmp/beat",
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);

			put("cycles: ");
			put_num(cycle);
			if (beat >= 0) {
				sys(SYS_write, beat, (long)line, line_len);
				sys(SYS_close, beat, 0, 0);
			}
			flush_to(2);
		}
	}
	put_num(cycles);
	put(" install/remove cycles on ");
	put_num(cpus);
	put(" CPUs");
	flush();
	leave(0);
}

/* The entry: the stack holds argc, then argv. */
__asm__(".global _start\n_start:\n\tmov x0, sp\n\tb start_c\n");
