/* SPDX-License-Identifier: MIT */
/* The PSCI calls hypstub makes (Arm DEN 0022), and their answers. */
#ifndef HYPSTUB_PSCI_H
#define HYPSTUB_PSCI_H

#include <hypstub/bootinfo.h> /* HS_UL: the same numbers in C and assembly */

#define PSCI_VERSION	HS_UL(0x84000000)
#define PSCI_CPU_OFF	HS_UL(0x84000002)
#define PSCI_SYSTEM_OFF HS_UL(0x84000008)

#ifndef __ASSEMBLER__
/* Calls that take an address or an MPIDR: the SMC64 form on a 64-bit CPU. */
#define PSCI_NATIVE(fn)	   ((fn) | (sizeof(long) == 8 ? 0x40000000ul : 0ul))
#define PSCI_CPU_ON	   PSCI_NATIVE(0x84000003ul)
#define PSCI_AFFINITY_INFO PSCI_NATIVE(0x84000004ul)

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)

/* AFFINITY_INFO's answers. */
#define PSCI_AFFINITY_ON	 0
#define PSCI_AFFINITY_OFF	 1
#define PSCI_AFFINITY_ON_PENDING 2

#endif /* __ASSEMBLER__ */

#endif
