/* SPDX-License-Identifier: MIT */
/*
 * The guest test harness: tests are declared in code with TEST() and run
 * by tests/guest/harness.c in the order of their names. A run picks its
 * suites from the kernel command line ("tests=stub,regs"); the runner
 * boots one QEMU per suite.
 */
#ifndef TESTS_GUEST_HARNESS_H
#define TESTS_GUEST_HARNESS_H

#include <stdint.h>
#include <stdio.h>

enum test_needs {
	NEEDS_NOTHING,
	NEEDS_HYP,    /* skipped where the shim installed no stub */
	NEEDS_NO_HYP, /* only where the shim was entered at EL1 */
};

struct test_case {
	const char *suite;
	const char *name;
	void (*fn)(void);
	enum test_needs needs;
};

#define TEST_NEEDS(suite_, name_, needs_)                                    \
	static void test_##suite_##_##name_(void);                           \
	static const struct test_case test_case_##suite_##_##name_           \
	    __attribute__((used, section(".tests." #suite_ "." #name_))) = { \
		#suite_, #name_, test_##suite_##_##name_, needs_};           \
	static void test_##suite_##_##name_(void)

#define TEST(suite, name)	 TEST_NEEDS(suite, name, NEEDS_NOTHING)
#define TEST_HYP(suite, name)	 TEST_NEEDS(suite, name, NEEDS_HYP)
#define TEST_NO_HYP(suite, name) TEST_NEEDS(suite, name, NEEDS_NO_HYP)

/* Record a failure of the running test; it goes on unless told to stop. */
void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Failures so far in the running test. */
unsigned test_failures(void);
/* The number after "key=" on the kernel command line, or `otherwise`. */
unsigned long test_bootarg(const char *key, unsigned long otherwise);
/* Mark the running test as skipped, with a reason. */
void test_skip(const char *reason);

#define EXPECT_EQ(got, want)                                                                       \
	do {                                                                                       \
		unsigned long long got_ = (unsigned long long)(got);                               \
		unsigned long long want_ = (unsigned long long)(want);                             \
		if (got_ != want_)                                                                 \
			test_fail(__FILE__, __LINE__, "%s == 0x%llx, expected %s == 0x%llx", #got, \
				  got_, #want, want_);                                             \
	} while (0)

#define EXPECT_NE(got, bad)                                                                   \
	do {                                                                                  \
		unsigned long long got_ = (unsigned long long)(got);                          \
		if (got_ == (unsigned long long)(bad))                                        \
			test_fail(__FILE__, __LINE__, "%s == 0x%llx, expected anything else", \
				  #got, got_);                                                \
	} while (0)

#define EXPECT_TRUE(cond)                                                    \
	do {                                                                 \
		if (!(cond))                                                 \
			test_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

/* Stop the running test at the first failure of a loop. */
#define ASSERT_EQ(got, want)                        \
	do {                                        \
		unsigned before_ = test_failures(); \
		EXPECT_EQ(got, want);               \
		if (test_failures() != before_)     \
			return;                     \
	} while (0)

#endif
