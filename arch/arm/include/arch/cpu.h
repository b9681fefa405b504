/* SPDX-License-Identifier: MIT */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <hypstub/arch.h>
#include <stdint.h>

/* Name of the architecture, for transcripts. */
#define ARCH_NAME     "arm"
#define ARCH_EL2_NAME "HYP"
#define ARCH_EL1_NAME "SVC"
/* The first argument register, for transcripts. */
#define ARCH_REG0 "r0"
/* What each privilege level is called, by the EL number shim_head.S passes. */
#define ARCH_LEVEL_NAMES                                           \
	{                                                          \
		"USR mode", "SVC mode", "HYP mode", "Monitor mode" \
	}
/* How the payload is entered (shim_head.S, arch_enter_payload). */
#define ARCH_PAYLOAD_ENTRY "SVC mode, A/I/F masked, r0 = 0, r1 = ~0, r2 = device tree"

/* ELF machine number of this architecture's payloads. */
#define ARCH_ELF_MACHINE 40 /* EM_ARM */
#define ARCH_ELF_CLASS	 1  /* ELFCLASS32 */
#define ARCH_THUMB_ENTRY 1  /* an odd entry address is Thumb code */
/* The register that holds the HYP vector base. */
#define ARCH_VBAR_NAME "HVBAR"

#endif
