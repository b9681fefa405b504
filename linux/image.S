/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* The sample hypervisor's image (build/arm64/hyp.bin), carried by the module. */
	.section .rodata, "a"
	.balign 8
	.global hs_hyp_image_start, hs_hyp_image_end
hs_hyp_image_start:
	.incbin	HYP_IMAGE_FILE
hs_hyp_image_end:
