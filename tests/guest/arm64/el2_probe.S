/* SPDX-License-Identifier: MIT */
/*
 * guest_el2_probe: a CPU released from hypstub's parking place enters
 * here with x0 = its struct el2_probe (test_smp.c): it writes the level
 * it runs at, wakes the waiting CPU, and goes where `then` says (the
 * parking place again). Runs at whatever level hypstub released it to,
 * with its MMU off: no stack, no C.
 */
#define PROBE_LEVEL 16
#define PROBE_THEN  24

	.text
	.global guest_el2_probe
guest_el2_probe:
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	str	x1, [x0, #PROBE_LEVEL]
	dsb	sy
	sev
	ldr	x1, [x0, #PROBE_THEN]
	br	x1
