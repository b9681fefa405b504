/* SPDX-License-Identifier: MIT */
/* The sample hypervisor's image (build/<arch>/hyp.bin), carried by the payload. */
	.section .rodata.hyp_image, "a"
	.balign 8
	.global hyp_image_start, hyp_image_end
hyp_image_start:
	.incbin	HYP_IMAGE_FILE
hyp_image_end:
