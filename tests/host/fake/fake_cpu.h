/* SPDX-License-Identifier: MIT */
/* Test-side view of the fake CPU: the model plus cmocka assertions on it. */
#ifndef TESTS_HOST_FAKE_CPU_H
#define TESTS_HOST_FAKE_CPU_H

#include <arch/sysreg.h>

#include "../hosttest.h"

/* No access a real CPU would have refused (see fake_cpu.c). */
#define assert_fake_ok()                                                                    \
	do {                                                                                \
		if (fake_cpu.errors) {                                                      \
			fake_log_dump();                                                    \
			fail_msg("fake CPU: %u bad access(es), first: %s", fake_cpu.errors, \
				 fake_cpu.first_error);                                     \
		}                                                                           \
	} while (0)

/* Register r was written exactly once, with value v. */
#define assert_wrote_once(r, v)                                           \
	do {                                                              \
		if (fake_cpu.writes[FR_##r] != 1) {                       \
			fake_log_dump();                                  \
			fail_msg(#r " written %u time(s), expected once", \
				 fake_cpu.writes[FR_##r]);                \
		}                                                         \
		assert_int_equal(fake_cpu.reg[FR_##r], (v));              \
	} while (0)

#define assert_not_written(r)                                              \
	do {                                                               \
		if (fake_cpu.writes[FR_##r] != 0) {                        \
			fake_log_dump();                                   \
			fail_msg(#r " written %u time(s), expected never", \
				 fake_cpu.writes[FR_##r]);                 \
		}                                                          \
	} while (0)

#endif
