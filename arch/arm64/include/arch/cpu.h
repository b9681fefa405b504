/* SPDX-License-Identifier: MIT */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <hypstub/arch.h>
#include <stdint.h>

/* Name of the architecture, for transcripts. */
#define ARCH_NAME     "arm64"
#define ARCH_EL2_NAME "EL2"
#define ARCH_EL1_NAME "EL1"
/* The first argument register, for transcripts. */
#define ARCH_REG0 "x0"
/* What each exception level is called, by number. */
#define ARCH_LEVEL_NAMES                   \
	{                                  \
		"EL0", "EL1", "EL2", "EL3" \
	}
/* How the payload is entered (shim_head.S, arch_enter_payload). */
#define ARCH_PAYLOAD_ENTRY "EL1h, DAIF masked, x0 = device tree, x1..x3 = 0"

/* ELF machine number of this architecture's payloads. */
#define ARCH_ELF_MACHINE 183 /* EM_AARCH64 */
#define ARCH_ELF_CLASS	 2   /* ELFCLASS64 */
#define ARCH_THUMB_ENTRY 0   /* A64 has no Thumb state */
/* The register that holds the EL2 vector base. */
#define ARCH_VBAR_NAME "VBAR_EL2"

#endif
