/* SPDX-License-Identifier: MIT */
/* The instructions of the features suite (tests/guest/arm64/features.c). */
	.arch armv8.5-a+sve+memtag
	.arch_extension sme
	.text

/* uint64_t feat_sve_vl_bytes(void): the current SVE vector length in bytes. */
	.global feat_sve_vl_bytes
feat_sve_vl_bytes:
	rdvl	x0, #1
	ret

/* uint64_t feat_sve_index_sum(void): sum of the bytes 1, 2, 3, ... of one vector (mod 256 each). */
	.global feat_sve_index_sum
feat_sve_index_sum:
	ptrue	p0.b
	index	z0.b, #1, #1
	uaddv	d1, p0, z0.b
	fmov	x0, d1
	ret

/*
 * uint64_t feat_sme_streaming(uint64_t *active): enter streaming mode and
 * ZA, return the streaming vector length in bytes and store in *active
 * the elements of an all-true predicate counted in streaming mode; leave.
 */
	.global feat_sme_streaming
feat_sme_streaming:
	mov	x9, x0
	smstart	sm
	rdsvl	x0, #1
	ptrue	p0.b
	cntp	x1, p0, p0.b
	str	x1, [x9]
	smstart	za
	zero	{za}
	smstop
	ret

/* uint64_t feat_sme_svl_bytes(void): RDSVL outside streaming mode. */
	.global feat_sme_svl_bytes
feat_sme_svl_bytes:
	rdsvl	x0, #1
	ret

/* Pointer authentication with the A instruction key and the generic key. */
	.global feat_pacia
feat_pacia:
	pacia	x0, x1
	ret
	.global feat_autia
feat_autia:
	autia	x0, x1
	ret
	.global feat_pacga
feat_pacga:
	pacga	x0, x0, x1
	ret

/*
 * uint64_t feat_mte_insns(uint64_t ptr): the FEAT_MTE instructions that
 * need no tag storage; returns SUBP(ADDG(IRG(ptr), #16, #1), IRG(ptr)), 16.
 */
	.global feat_mte_insns
feat_mte_insns:
	irg	x1, x0
	addg	x2, x1, #16, #1
	gmi	x3, x1, xzr
	subp	x0, x2, x1
	ret

/* uint64_t feat_mte_stg_ldg(void *granule): store the pointer's tag, load it back. */
	.global feat_mte_stg_ldg
feat_mte_stg_ldg:
	stg	x0, [x0]
	mov	x1, x0
	ldg	x1, [x0]
	lsr	x0, x1, #56
	and	x0, x0, #0xf
	ret
