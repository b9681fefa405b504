// SPDX-License-Identifier: MIT
/* Runs the TEST()s of the suites named on the command line, reports each. */
#include "harness.h"

#include <arch/cpu.h>
#include <hypstub/client.h>
#include <hypstub/rt.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

extern const struct test_case __tests_start[], __tests_end[];

static unsigned current_failures;
static const char *current_skip;

void test_fail(const char *file, int line, const char *fmt, ...)
{
	/* Long loops stop reporting after a few; the count still says how many. */
	if (current_failures++ < 8) {
		va_list ap;

		printf("    %s:%d: ", file, line);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
}

unsigned test_failures(void)
{
	return current_failures;
}

void test_skip(const char *reason)
{
	current_skip = reason;
}

/* Is `suite` in the comma-separated list `list` ("all" matches every suite)? */
static int suite_selected(const char *list, const char *suite)
{
	size_t n = strlen(suite);

	/* The crash suites end the run, the soak takes minutes: only ever by name. */
	if (!list || !strcmp(list, "all"))
		return strncmp(suite, "crash", 5) != 0 && strcmp(suite, "soak") != 0;
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && !strncmp(p, suite, n))
			return 1;
		p += len + (end ? 1 : 0);
	}
	return 0;
}

unsigned long test_bootarg(const char *key, unsigned long otherwise)
{
	int chosen = fdt_path_offset(rt_dtb, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(rt_dtb, chosen, "bootargs", NULL) : NULL;
	size_t n = strlen(key);

	for (const char *p = args; p && *p; p += strcspn(p, " "), p += strspn(p, " "))
		if (!strncmp(p, key, n) && p[n] == '=')
			return strtoul(p + n + 1, NULL, 0);
	return otherwise;
}

/* "tests=..." from /chosen/bootargs, or NULL for all suites. */
static const char *selected_suites(const void *dtb)
{
	static char list[128];
	int chosen = fdt_path_offset(dtb, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(dtb, chosen, "bootargs", NULL) : NULL;
	const char *p = args ? strstr(args, "tests=") : NULL;
	size_t len;

	if (!p)
		return NULL;
	p += strlen("tests=");
	len = strcspn(p, " ");
	if (len >= sizeof(list))
		len = sizeof(list) - 1;
	memcpy(list, p, len);
	list[len] = '\0';
	return list;
}

int main(const void *dtb)
{
	const char *suites = selected_suites(dtb);
	unsigned passed = 0, failed = 0, skipped = 0;

	printf("guest: conformance run (%s), suites: %s; HYP %s (shim entered at %s)\n", ARCH_NAME,
	       suites ? suites : "all", hyp_available() ? "available" : "unavailable",
	       hyp_boot_el() == 2 ? ARCH_EL2_NAME : ARCH_EL1_NAME);
	/* Linker-made bounds: count in addresses, not by comparing pointers. */
	size_t ntests =
	    ((uintptr_t)__tests_end - (uintptr_t)__tests_start) / sizeof(struct test_case);

	for (size_t i = 0; i < ntests; i++) {
		const struct test_case *t = &__tests_start[i];

		if (!suite_selected(suites, t->suite))
			continue;
		current_failures = 0;
		current_skip = NULL;
		if (t->needs == NEEDS_HYP && !hyp_available())
			current_skip = "needs HYP";
		else if (t->needs == NEEDS_NO_HYP && hyp_available())
			current_skip = "only without HYP";
		else
			t->fn();
		if (current_skip && !current_failures) {
			printf("[ SKIP ] %s.%s (%s)\n", t->suite, t->name, current_skip);
			skipped++;
		} else if (current_failures) {
			printf("[ FAIL ] %s.%s (%u failure(s))\n", t->suite, t->name,
			       current_failures);
			failed++;
		} else {
			printf("[  OK  ] %s.%s\n", t->suite, t->name);
			passed++;
		}
	}
	printf("guest: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
	return failed ? 1 : (passed ? 0 : 4);
}
