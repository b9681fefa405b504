/* SPDX-License-Identifier: MIT */
/*
 * The benchmark payload's first instructions (the ELF entry point; the
 * runtime's _start follows). Sixteen back-to-back reads of CNTPCT_EL0:
 * under -icount shift=0 the counter ticks once every 16 instructions
 * (62.5 MHz against 1 ns per instruction), so exactly one of sixteen
 * consecutive instructions sees it step, unless the first read is on the
 * step itself. That pins the instruction count since reset exactly
 * (bench_boot_instructions). Only x0, the device tree, must survive.
 * The reads go to .data, which _start does not clear.
 */
	.section .text.bench_entry, "ax"
	.global bench_entry
bench_entry:
	mrs	x1, cntpct_el0		/* the payload's first instruction */
	mrs	x2, cntpct_el0
	mrs	x3, cntpct_el0
	mrs	x4, cntpct_el0
	mrs	x5, cntpct_el0
	mrs	x6, cntpct_el0
	mrs	x7, cntpct_el0
	mrs	x8, cntpct_el0
	mrs	x9, cntpct_el0
	mrs	x10, cntpct_el0
	mrs	x11, cntpct_el0
	mrs	x12, cntpct_el0
	mrs	x13, cntpct_el0
	mrs	x14, cntpct_el0
	mrs	x15, cntpct_el0
	mrs	x16, cntpct_el0
	adrp	x17, bench_boot_ticks
	add	x17, x17, :lo12:bench_boot_ticks
	stp	x1, x2, [x17, #0]
	stp	x3, x4, [x17, #16]
	stp	x5, x6, [x17, #32]
	stp	x7, x8, [x17, #48]
	stp	x9, x10, [x17, #64]
	stp	x11, x12, [x17, #80]
	stp	x13, x14, [x17, #96]
	stp	x15, x16, [x17, #112]
	mrs	x1, cntfrq_el0
	str	x1, [x17, #128]
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	b	_start

	.data
	.balign 8
	.global bench_boot_ticks
bench_boot_ticks:
	.fill	17, 8, 0		/* 16 reads of CNTPCT_EL0, then CNTFRQ_EL0 */

/*
 * uint64_t bench_tick_burst(uint64_t ticks[16]): PMEVCNTR2 (instructions
 * at EL1 and EL2), then sixteen reads of CNTPCT_EL0 as at the entry; the
 * first of them is the instruction after the PMU read.
 */
	.text
	.global bench_tick_burst
bench_tick_burst:
	mrs	x9, pmevcntr2_el0
	mrs	x1, cntpct_el0
	mrs	x2, cntpct_el0
	mrs	x3, cntpct_el0
	mrs	x4, cntpct_el0
	mrs	x5, cntpct_el0
	mrs	x6, cntpct_el0
	mrs	x7, cntpct_el0
	mrs	x8, cntpct_el0
	mrs	x10, cntpct_el0
	mrs	x11, cntpct_el0
	mrs	x12, cntpct_el0
	mrs	x13, cntpct_el0
	mrs	x14, cntpct_el0
	mrs	x15, cntpct_el0
	mrs	x16, cntpct_el0
	mrs	x17, cntpct_el0
	stp	x1, x2, [x0, #0]
	stp	x3, x4, [x0, #16]
	stp	x5, x6, [x0, #32]
	stp	x7, x8, [x0, #48]
	stp	x10, x11, [x0, #64]
	stp	x12, x13, [x0, #80]
	stp	x14, x15, [x0, #96]
	stp	x16, x17, [x0, #112]
	mov	w0, w9
	ret
