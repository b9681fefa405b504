/* SPDX-License-Identifier: MIT */
/* AArch32 program status register fields, for C and assembly alike. */
#ifndef ARCH_PSR_H
#define ARCH_PSR_H

#define PSR_MODE_MASK 0x1f
#define PSR_MODE_USR  0x10
#define PSR_MODE_FIQ  0x11
#define PSR_MODE_IRQ  0x12
#define PSR_MODE_SVC  0x13
#define PSR_MODE_MON  0x16
#define PSR_MODE_ABT  0x17
#define PSR_MODE_HYP  0x1a
#define PSR_MODE_UND  0x1b
#define PSR_MODE_SYS  0x1f

#define PSR_BIT_T (1 << 5) /* Thumb state */
#define PSR_BIT_F (1 << 6) /* FIQ masked */
#define PSR_BIT_I (1 << 7) /* IRQ masked */
#define PSR_BIT_A (1 << 8) /* asynchronous aborts masked */
#define PSR_AIF	  (PSR_BIT_A | PSR_BIT_I | PSR_BIT_F)

#endif
