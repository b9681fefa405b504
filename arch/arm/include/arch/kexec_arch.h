/* SPDX-License-Identifier: MIT */
/* The kind of kernel image this architecture's kexec loader restarts into: an arm zImage. */
#ifndef ARCH_KEXEC_ARCH_H
#define ARCH_KEXEC_ARCH_H

#define ARCH_KEXEC_KIND HS_KEXEC_ARM_ZIMAGE

#endif
