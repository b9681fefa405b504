/* SPDX-License-Identifier: MIT */
/*
 * arm64 layer of the ABI checks (tests/abi/abi_checks.h), assembled both
 * into hypstub's conformance payload and into Linux's abi_check module:
 * the EL1 callers of `hvc`, and the EL2 blob they install or land in.
 *
 * The blob is position-independent (PC-relative only) and runs from a
 * copy at a physical address with the EL2 MMU off, so it reads only
 * data next to itself. It keeps no stack and touches no register at EL2
 * but x0, x1, x16, x17 and (as scratch) FAR_EL2; it never writes SP_EL2.
 */
#include "../abi_checks.h"
/* x<n> at base + 8 * n, as the project's other register frames (relative: the Linux build too). */
#include "../../../arch/arm64/include/arch/frame_store.S.inc"

/* A 64-bit constant into a register. */
.macro abi_mov_q reg, val
	movz	\reg, #:abs_g1:\val
	movk	\reg, #:abs_g0_nc:\val
.endm

	.text
/* unsigned long abi_hvc(x0, x1): `hvc #0`; x18 kept for the kernel (its platform register). */
	.global abi_hvc
abi_hvc:
	hint	#34				/* bti c */
	str	x18, [sp, #-16]!
	hvc	#0
	ldr	x18, [sp], #16
	ret

/* unsigned long abi_hvc_imm(which, x0, x1): `hvc` with a nonzero immediate. */
	.global abi_hvc_imm
abi_hvc_imm:
	hint	#34
	str	x18, [sp, #-16]!
	mov	x9, x0
	mov	x0, x1
	mov	x1, x2
	cmp	x9, #1
	b.eq	1f
	cmp	x9, #2
	b.eq	2f
	cmp	x9, #3
	b.eq	3f
	hvc	#1
	b	9f
1:	hvc	#0x42
	b	9f
2:	hvc	#0x8000
	b	9f
3:	hvc	#0xffff
9:	ldr	x18, [sp], #16
	ret

/* What a C caller needs kept (x18..x30) saved below SP, the pointer in x1 above them. */
.macro save_callee
	stp	x29, x30, [sp, #-112]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	x18, x1, [sp, #96]
.endm

.macro restore_callee_ret
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldr	x18, [sp, #96]
	ldp	x29, x30, [sp], #112
	ret
.endm

/* void abi_hvc_regs(in[31], out[32]): every register in, `hvc #0`, every register and SP out. */
	.global abi_hvc_regs
abi_hvc_regs:
	hint	#34
	save_callee
	ldp	x1, x2, [x0, #8]
	ldp	x3, x4, [x0, #24]
	ldp	x5, x6, [x0, #40]
	ldp	x7, x8, [x0, #56]
	ldp	x9, x10, [x0, #72]
	ldp	x11, x12, [x0, #88]
	ldp	x13, x14, [x0, #104]
	ldp	x15, x16, [x0, #120]
	ldp	x17, x18, [x0, #136]
	ldp	x19, x20, [x0, #152]
	ldp	x21, x22, [x0, #168]
	ldp	x23, x24, [x0, #184]
	ldp	x25, x26, [x0, #200]
	ldp	x27, x28, [x0, #216]
	ldp	x29, x30, [x0, #232]
	ldr	x0, [x0]
	hvc	#0
	stp	x0, x1, [sp, #-16]!
	ldr	x0, [sp, #16 + 104]		/* out */
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	frame_store_x6_x29 x0
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16		/* x0, x1 as the call left them */
	stp	x2, x3, [x0, #0]
	mov	x2, sp				/* SP as the call left it */
	str	x2, [x0, #248]
	restore_callee_ret

/*
 * unsigned long abi_restart(entry, a0, a1, a2, sent[31]): see abi_checks.h.
 * x27 = where to come back (right after the `hvc`), x28 = the SPSR_EL2
 * that comes back to EL1h with this caller's DAIF: the landing uses them
 * when the stub changed ELR_EL2/SPSR_EL2 (hypstub's does; Linux's keeps
 * them as the `hvc` left them, and then they are used as they are).
 */
	.global abi_restart
abi_restart:
	hint	#34
	mov	x9, x1
	mov	x1, x4				/* sent, saved by save_callee */
	save_callee
	mov	x10, x1
	mov	x4, x3				/* x2..x4 = a0..a2 */
	mov	x3, x2
	mov	x2, x9
	mov	x1, x0				/* x1 = entry */
	mov	x0, #ABI_SOFT_RESTART
	adr	x27, 1f
	mrs	x28, daif
	mov	x9, #5				/* SPSR_EL2.M = EL1h ... */
	orr	x28, x28, x9			/* ... DAIF as ours */
	stp	x0, x1, [x10, #0]
	stp	x2, x3, [x10, #16]
	str	x4, [x10, #32]
	stp	x27, x28, [x10, #216]
	str	x29, [x10, #232]
	ldp	x5, x6, [x10, #40]
	ldp	x7, x8, [x10, #56]
	ldr	x9, [x10, #72]
	ldp	x11, x12, [x10, #88]
	ldp	x13, x14, [x10, #104]
	ldp	x15, x16, [x10, #120]
	ldp	x17, x18, [x10, #136]
	ldp	x19, x20, [x10, #152]
	ldp	x21, x22, [x10, #168]
	ldp	x23, x24, [x10, #184]
	ldp	x25, x26, [x10, #200]
	ldr	x30, [x10, #240]
	ldr	x10, [x10, #80]
	hvc	#0
1:	restore_callee_ret

/* void abi_dcache_clean(va, size) and _clean_inval: by the line size in CTR_EL0. */
.macro dcache_by_line op
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4			/* DminLine: log2(words) */
	mov	x2, #4
	lsl	x2, x2, x3			/* line size in bytes */
	add	x1, x0, x1
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	\op, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret
.endm

	.global abi_dcache_clean
abi_dcache_clean:
	hint	#34
	dcache_by_line cvac

	.global abi_dcache_clean_inval
abi_dcache_clean_inval:
	hint	#34
	dcache_by_line civac

	.global abi_icache_inval_all
abi_icache_inval_all:
	hint	#34
	ic	ialluis
	dsb	sy
	isb
	ret

/* void abi_el1_sysregs(unsigned long out[ABI_NSYSREGS]): abi_checks.c's list, in its order. */
	.global abi_el1_sysregs
abi_el1_sysregs:
	hint	#34
	.irp	reg, sctlr_el1, tcr_el1, ttbr0_el1, ttbr1_el1, mair_el1, amair_el1, vbar_el1, \
		cpacr_el1, tpidr_el1, tpidr_el0, tpidrro_el0, contextidr_el1, sp_el0, elr_el1, \
		spsr_el1, esr_el1, far_el1, afsr0_el1, afsr1_el1, par_el1, cntkctl_el1, csselr_el1, \
		mdscr_el1
	mrs	x1, \reg
	str	x1, [x0], #8
	.endr
	ret

/* unsigned long abi_pa_limit(void): 2^PARange. */
	.global abi_pa_limit
abi_pa_limit:
	hint	#34
	mrs	x0, id_aa64mmfr0_el1
	and	x0, x0, #0xf
	adr	x1, abi_pa_bits
	ldrb	w0, [x1, x0]
	mov	x1, #1
	lsl	x0, x1, x0
	ret
abi_pa_bits:					/* by PARange: bits of physical address */
	.byte	32, 36, 40, 42, 44, 48, 52, 52, 52, 52, 52, 52, 52, 52, 52, 52
	.balign	4

/*
 * The blob: copied as bytes, executed only at EL2 from its copy. See
 * abi_checks.h for its layout.
 */
	.section .rodata
	.balign	4096
	.global abi_el2_blob
abi_el2_blob:
	.rept	0x400 / 4
	b	abi_mis
	.endr
	b	abi_answer			/* 0x400: synchronous, lower EL, AArch64 */
	.rept	(0x1000 - 0x404) / 4
	b	abi_mis
	.endr

	/*
	 * The SOFT_RESTART landing (ABI_BLOB_LANDING): record every register
	 * and the state it arrived in, then eret to the caller's EL1 right
	 * after its `hvc` (x27, with SPSR x28, unless ELR_EL2 already says so).
	 */
	.org	abi_el2_blob + ABI_BLOB_LANDING
abi_landing:
	msr	far_el2, x0			/* scratch: nothing reads it but here */
	adr	x0, abi_record
	str	x1, [x0, #8]
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	frame_store_x6_x29 x0
	str	x30, [x0, #240]
	mrs	x1, far_el2
	str	x1, [x0, #ABI_REC_X]
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	str	x1, [x0, #ABI_REC_EL]
	mrs	x1, daif
	str	x1, [x0, #ABI_REC_DAIF]
	mrs	x1, sctlr_el2
	str	x1, [x0, #ABI_REC_SCTLR]
	mrs	x1, vbar_el2
	str	x1, [x0, #ABI_REC_VBAR]
	mov	x1, sp
	str	x1, [x0, #ABI_REC_SP]
	mrs	x1, elr_el2
	str	x1, [x0, #ABI_REC_ELR]
	mrs	x1, spsr_el2
	str	x1, [x0, #ABI_REC_SPSR]
	dsb	sy
	mrs	x1, elr_el2
	cmp	x1, x27
	b.eq	1f
	msr	elr_el2, x27			/* back after the caller's hvc ... */
	msr	spsr_el2, x28			/* ... at EL1h, its DAIF */
1:	abi_mov_q x0, ABI_LANDED
	isb
	eret

	/* An `hvc` to the table's real entry. */
abi_answer:
	mrs	x16, esr_el2
	lsr	x16, x16, #26
	cmp	x16, #0x16			/* EC: HVC from AArch64 */
	b.ne	abi_mis
	cmp	x0, #ABI_SOFT_RESTART
	b.eq	4f
	cmp	x0, #ABI_RESET_VECTORS
	b.eq	2f
	abi_mov_q x16, ABI_CALL_VBAR
	cmp	x0, x16
	b.eq	1f
	abi_mov_q x16, ABI_CALL_RESTORE
	cmp	x0, x16
	b.eq	3f
	abi_mov_q x0, ABI_ANSWER_MAGIC
	eret
1:	mrs	x0, vbar_el2
	eret
2:	ldr	x16, abi_forward
	cbz	x16, 3f
	/* Hand RESET_VECTORS to the stub's synchronous lower-EL vector, as it is. */
	ldr	x16, abi_stub_vectors
	add	x16, x16, #0x400
	br	x16
	/* RESET_VECTORS as the spec asks of a hypervisor: the stub's vectors, EL2 MMU off. */
3:	ldr	x16, abi_stub_vectors
	msr	vbar_el2, x16
	mrs	x16, sctlr_el2
	bic	x16, x16, #1			/* SCTLR_EL2.M = 0: the EL2 MMU off */
	msr	sctlr_el2, x16
	isb
	mov	x0, #0
	eret

	/* SOFT_RESTART: straight to x1, nothing else (make bench's known path). */
4:	br	x1

	/* Taken anywhere else in the table: put the stub back, say so. */
abi_mis:
	ldr	x16, abi_stub_vectors
	msr	vbar_el2, x16
	isb
	abi_mov_q x0, ABI_MISVECTORED
	eret

	/*
	 * make bench's pad (ABI_BLOB_PAD): its first instruction reads the
	 * instruction counter that PMSELR_EL0 selects, then it returns as the
	 * landing does.
	 */
	.org	abi_el2_blob + ABI_BLOB_PAD
abi_pad:
	mrs	x16, pmxevcntr_el0
	adr	x17, abi_pad_count
	str	x16, [x17]
	dsb	sy
	mrs	x16, elr_el2
	cmp	x16, x27
	b.eq	1f
	msr	elr_el2, x27
	msr	spsr_el2, x28
1:	abi_mov_q x0, ABI_LANDED
	isb
	eret

	.org	abi_el2_blob + ABI_BLOB_DATA
abi_pad_count = abi_el2_blob + ABI_BLOB_DATA + ABI_DATA_PAD
abi_stub_vectors = abi_el2_blob + ABI_BLOB_DATA + ABI_DATA_STUB_VECTORS
abi_forward = abi_el2_blob + ABI_BLOB_DATA + ABI_DATA_FORWARD
abi_record = abi_el2_blob + ABI_BLOB_DATA + ABI_DATA_RECORD
	.org	abi_el2_blob + ABI_BLOB_SIZE
