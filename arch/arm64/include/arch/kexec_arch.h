/* SPDX-License-Identifier: MIT */
/* The kind of kernel image this architecture's kexec loader restarts into: an arm64 Image. */
#ifndef ARCH_KEXEC_ARCH_H
#define ARCH_KEXEC_ARCH_H

#define ARCH_KEXEC_KIND HS_KEXEC_ARM64_IMAGE

#endif
