/* SPDX-License-Identifier: MIT */
/* The SOFT_RESTART landing checks, from the stub (suite stub) and from under a hypervisor (suite
 * hyp). */
#ifndef TESTS_GUEST_LANDING_H
#define TESTS_GUEST_LANDING_H

#include <stdbool.h>

/*
 * One round trip at EL2/HYP through rt_el2_call_args() with random
 * arguments: the function ran there and came back, and it arrived as the
 * ABI says (arguments, EL2/HYP, every exception masked, MMU and caches
 * off, VBAR_EL2/HVBAR the stub's). False, with the failures recorded,
 * when it did not.
 */
bool soft_restart_lands_at_el2(void);

/* What the round trip runs at EL2/HYP: arg ^ (level << 28). */
unsigned long landing_at_el2(unsigned long arg);

#endif
