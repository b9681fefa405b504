/* SPDX-License-Identifier: MIT */
/*
 * The slow-path stack's lock, as the stub's crash path and the CPU entry
 * take it (arch/<arch>/include/arch/slow_lock.S.inc). Internal to
 * hypstub; usable from C and assembly.
 *
 * One stack of HS_SLOW_STACK_SIZE serves every CPU's slow paths (the
 * crash report, the CPU entry's C). A CPU takes it with a Lamport bakery
 * over the `choosing` and `number` bytes of the CPU table's rows
 * (<hypstub/cpus.h>): it takes a ticket one above the highest it sees,
 * then waits for every CPU with a lower (ticket, row) to be done. Plain
 * byte loads and stores with a DMB between them: no exclusives, which
 * Device memory (the EL2 MMU is off) does not guarantee. A ticket is a
 * byte: a CPU that would take one above HS_CPU_NUMBER_MAX waits until the
 * others' tickets are lower (which only a lock that is never free between
 * 250 takers in a row could need).
 */
#ifndef HYPSTUB_SLOW_LOCK_H
#define HYPSTUB_SLOW_LOCK_H

#include <hypstub/cpus.h>

/* Where struct hs_stub_config keeps the resident CPU table's address. */
#define HS_STUB_CONFIG_CPU_TABLE 8

#endif
