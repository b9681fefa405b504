/* SPDX-License-Identifier: MIT */
/*
 * The shim's earliest checks (ARM state), before the C runtime and before
 * anything that depends on where the image sits: they reach their own
 * labels PC-relatively only and never use the stack; a check that
 * passes touches r9, r10 and lr only, so the loader's r0-r2 survive. A failure is told on the early
 * UART, a PL011 at EARLY_UART_BASE when the build names one (make
 * EARLY_UART=, like Linux's DEBUG_LL: the device tree cannot be trusted
 * or even found yet); without it nothing can be said here. Then the CPU
 * stops.
 */
#include <hypstub/early_uart.h>

	.arm
	.syntax unified
	.text
/*
 * shim_check_entry_alignment: return if _start is SHIM_IMAGE_ALIGN-aligned,
 * else say where the image was entered and stop. The vector tables set
 * up before C (HVBAR, VBAR) and the relocated data need that alignment.
 */
	.global shim_check_entry_alignment
shim_check_entry_alignment:
	ldr	r9, 1f
0:	add	r9, pc, r9			@ r9 = _start, PC-relatively
	mov	r10, #(SHIM_IMAGE_ALIGN - 1)
	tst	r9, r10
	bxeq	lr
	mov	r8, r9
	adr	r10, early_msg_misaligned
	bl	early_puts
	mov	r10, r8
	bl	early_puthex
	adr	r10, early_msg_misaligned_why
	bl	early_puts
	b	shim_early_stop
1:	.word	_start - (0b + 8)

/* shim_early_stop: the closing banner, then park with A, I, F masked. */
	.global shim_early_stop
shim_early_stop:
	adr	r10, early_msg_stopped
	bl	early_puts
	cpsid	aif
1:	wfi
	b	1b

/* early_puts: r10 = NUL-terminated string, "\n" sent as "\r\n". Clobbers r3, r7, r9-r12. */
early_puts:
	mov	r7, lr
1:	ldrb	r11, [r10], #1
	cmp	r11, #0
	bxeq	r7
	cmp	r11, #'\n'
	moveq	r12, #'\r'
	bleq	early_putc
	mov	r12, r11
	bl	early_putc
	b	1b

/* early_puthex: r10 = value, printed as 0x and 8 hex digits. Clobbers r3, r5, r6, r9-r12. */
early_puthex:
	mov	r6, lr
	mov	r5, r10
	mov	r12, #'0'
	bl	early_putc
	mov	r12, #'x'
	bl	early_putc
	mov	r10, #28
1:	lsr	r12, r5, r10
	and	r12, r12, #0xf
	cmp	r12, #10
	addlo	r12, r12, #'0'
	addhs	r12, r12, #('a' - 10)
	bl	early_putc
	subs	r10, r10, #4
	bge	1b
	bx	r6

/* early_putc: r12 = character; polls the PL011's transmit FIFO. Clobbers r3, r9. */
early_putc:
#if EARLY_UART_BASE == 0
	bx	lr				@ no early UART: output is impossible here
#endif
	ldr	r9, =EARLY_UART_BASE
1:	ldr	r3, [r9, #PL011_FR]
	tst	r3, #(1 << PL011_FR_TXFF_BIT)
	bne	1b
	strb	r12, [r9, #PL011_DR]
	bx	lr
	.ltorg

early_msg_misaligned:
	.asciz	"\n[shim] error: entered at "
early_msg_misaligned_why:
	.asciz	", which is not 4 KiB aligned:\n" \
		"[shim]   load the image at a 4 KiB boundary (a zImage: anywhere 4 KiB-aligned in RAM)\n"
early_msg_stopped:
	.asciz	"*** hypstub: boot stopped ***\n"
	.balign	4
