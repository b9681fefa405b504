/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* What the shared ABI checks (tests/abi/) need, inside the Linux kernel. */
#ifndef ABI_CHECK_ABI_ENV_H
#define ABI_CHECK_ABI_ENV_H

#ifndef pr_fmt
#define pr_fmt(fmt) "abi_check: " fmt
#endif

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/string.h>

#define ABI_PRINT(...) pr_info(__VA_ARGS__)

static inline unsigned long abi_random(void)
{
	return get_random_long();
}

#endif
