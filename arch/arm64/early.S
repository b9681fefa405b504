/* SPDX-License-Identifier: MIT */
/*
 * The shim's earliest checks, before the C runtime and before anything
 * that depends on where the image sits: they use only `adr` (exact at
 * any 4-byte address), x9-x17 and lr, never the stack, so x0-x8 (the
 * loader's registers) survive. A failure is told on the early UART, a
 * PL011 at EARLY_UART_BASE, when the build names one (make EARLY_UART=,
 * like Linux's DEBUG_LL: the device tree cannot be trusted or even found
 * yet); without it nothing can be said here. Then the CPU stops.
 */
#include <hypstub/early_uart.h>

	.text
/*
 * shim_check_entry_alignment: return if _start is SHIM_IMAGE_ALIGN-aligned,
 * else say where the image was entered and stop. `adrp` (the C code's
 * way to reach its data) is exact only at a 4 KiB-aligned image.
 */
	.global shim_check_entry_alignment
shim_check_entry_alignment:
	adr	x9, _start
	tst	x9, #(SHIM_IMAGE_ALIGN - 1)
	b.ne	1f
	ret
1:	mov	x16, x9
	adr	x10, early_msg_misaligned
	bl	early_puts
	mov	x10, x16
	bl	early_puthex
	adr	x10, early_msg_misaligned_why
	bl	early_puts
	b	shim_early_stop

/* shim_early_stop: the closing banner, then park with exceptions masked. */
	.global shim_early_stop
shim_early_stop:
	adr	x10, early_msg_stopped
	bl	early_puts
	msr	daifset, #0xf
1:	wfi
	b	1b

/* early_puts: x10 = NUL-terminated string, "\n" sent as "\r\n". Clobbers x9-x13, x17. */
early_puts:
	mov	x17, lr
1:	ldrb	w11, [x10], #1
	cbz	w11, 2f
	cmp	w11, #'\n'
	b.ne	3f
	mov	w12, #'\r'
	bl	early_putc
3:	mov	w12, w11
	bl	early_putc
	b	1b
2:	ret	x17

/* early_puthex: x10 = value, printed as 0x and 16 hex digits. Clobbers x9-x15, x17. */
early_puthex:
	mov	x17, lr
	mov	x14, x10
	mov	w12, #'0'
	bl	early_putc
	mov	w12, #'x'
	bl	early_putc
	mov	x15, #60
1:	lsr	x12, x14, x15
	and	x12, x12, #0xf
	cmp	x12, #10
	add	x13, x12, #'0'
	add	x12, x12, #('a' - 10)
	csel	x12, x13, x12, lo
	bl	early_putc
	subs	x15, x15, #4
	b.ge	1b
	ret	x17

/* early_putc: w12 = character; polls the PL011's transmit FIFO. Clobbers x9, x13. */
early_putc:
#if EARLY_UART_BASE == 0
	ret				/* no early UART: output is impossible here */
#endif
	ldr	x13, =EARLY_UART_BASE
1:	ldr	w9, [x13, #PL011_FR]
	tbnz	w9, #PL011_FR_TXFF_BIT, 1b
	strb	w12, [x13, #PL011_DR]
	ret

early_msg_misaligned:
	.asciz	"\n[shim] error: entered at "
early_msg_misaligned_why:
	.asciz	", which is not 4 KiB aligned:\n" \
		"[shim]   load the image at a 4 KiB boundary (an arm64 Image: 2 MiB-aligned base + text_offset)\n"
early_msg_stopped:
	.asciz	"*** hypstub: boot stopped ***\n"
	.balign	4
