/* SPDX-License-Identifier: MIT */
/*
 * The ABI-level conformance checks, written once for any stub: hypstub's
 * (tests/guest/test_abi.c, in the guest conformance payload) and Linux's
 * own (linux/abi_check/, a kernel module). Each environment gives the
 * checks a copy of the EL2 blob (tests/abi/<arch>/abi_el2.S) at a physical
 * address, and the few things in <abi_env.h>: ABI_PRINT(), abi_random(),
 * snprintf(), the integer types.
 *
 * Each check prints one line, which scripts/conformance.py reads:
 *   ABICHECK <name> <PASS|FAIL|NOTRUN> cpu=<n> <detail>
 * and each run first says what every check means:
 *   ABIDEF <name> <spec|beyond> <section> | <requirement>
 *
 * The constants below are also used by the EL2 blob's assembly.
 */
#ifndef TESTS_ABI_ABI_CHECKS_H
#define TESTS_ABI_ABI_CHECKS_H

/* The calls of the ABI (Linux's numbers; include/hypstub/abi.h). */
#define ABI_SET_VECTORS	  0
#define ABI_SOFT_RESTART  1
#define ABI_RESET_VECTORS 2
#define ABI_STUB_ERR	  0xbadca11

/*
 * The blob's own calls, served by its vector table once installed (a stub
 * answers them HVC_STUB_ERR): "AB" in the top half of 32 bits.
 */
#define ABI_CALL_VBAR	 0x41420001 /* answer VBAR_EL2 */
#define ABI_CALL_RESTORE 0x41420002 /* VBAR_EL2 = the stub's vectors again; answer 0 */
/* What the blob answers: any other call; an `hvc` taken off its one real entry; a landing. */
#define ABI_ANSWER_MAGIC 0x4142a5a5
#define ABI_MISVECTORED	 0x4142dead
#define ABI_LANDED	 0x4142beef

/*
 * The blob's layout (offsets from its start, which must be 4 KiB aligned):
 * a 2 KiB vector table at 0 whose only real entry is the synchronous
 * lower-EL AArch64 slot (0x400); every other word up to 0x1000 branches to
 * the "misvectored" handler, so that a VBAR_EL2 a stub accepted off the
 * 2 KiB alignment still lands somewhere safe. Code at 0x1000, data at
 * 0x1800, written at EL1 (cleaned to the point of coherency) or at EL2
 * with its MMU off (invalidated at EL1 before reading).
 */
#define ABI_BLOB_SIZE	      0x2000
#define ABI_BLOB_VECTORS      0x0
#define ABI_BLOB_LANDING      0x1000 /* the SOFT_RESTART landing */
#define ABI_BLOB_PAD	      0x1400 /* make bench's pad: SOFT_RESTART to the next code */
#define ABI_BLOB_DATA	      0x1800
#define ABI_DATA_STUB_VECTORS 0x00 /* the stub's vectors, for RESET_VECTORS and the restores */
#define ABI_DATA_FORWARD      0x08 /* nonzero: RESET_VECTORS goes to the stub's code */
#define ABI_DATA_PAD	      0x10 /* the pad's first read of PMXEVCNTR_EL0 */
#define ABI_DATA_RECORD	      0x40 /* the landing's record */
/*
 * Instructions the table runs at EL2 (make bench's known counts, which
 * the counters must reproduce): ABI_CALL_VBAR, from the vector to its
 * eret; HVC_SOFT_RESTART, from the vector up to the entry in x1 (the
 * table branches there as it is: a floor, not a stub).
 */
#define ABI_TABLE_VBAR_INSNS	15
#define ABI_TABLE_RESTART_INSNS 8
/* The record: x0..x30, then the state the landing found. */
#define ABI_REC_X     0x00
#define ABI_REC_EL    0xf8 /* CurrentEL.EL */
#define ABI_REC_DAIF  0x100
#define ABI_REC_SCTLR 0x108 /* SCTLR_EL2 */
#define ABI_REC_VBAR  0x110
#define ABI_REC_SP    0x118
#define ABI_REC_ELR   0x120
#define ABI_REC_SPSR  0x128
#define ABI_REC_SIZE  0x140

#ifndef __ASSEMBLER__

#include <abi_env.h>

/* The landing's record, as the blob stores it. */
struct abi_record {
	unsigned long x[31];
	unsigned long el, daif, sctlr_el2, vbar_el2, sp_el2, elr_el2, spsr_el2;
};

/* One run of the checks on one CPU. */
struct abi_run {
	unsigned long blob_pa; /* where the blob's copy is, physically (EL2, MMU off) ... */
	void *blob_va;	       /* ... and for EL1 */
	unsigned cpu;
	/*
	 * Run the checks whose failure would stop the CPU (a stub that does
	 * not refuse a bad SOFT_RESTART entry branches to it at EL2): only
	 * where a failure is a test failure anyway (hypstub's own run).
	 */
	int may_fault;
	/* Filled by the run. */
	unsigned long stub_vectors;
	unsigned passed, failed, not_run, findings;
	/* The running check. */
	unsigned failures;
	char detail[160];
};

/* Copy the blob to `va`, clean it to the point of coherency for EL2 (MMU off). */
void abi_blob_install(void *va);

/*
 * Find the stub: a SOFT_RESTART landing reads VBAR_EL2, which becomes
 * r->stub_vectors and the blob's way back. Returns it, or ~0 when the
 * landing did not come back from EL2 (no stub answers).
 */
unsigned long abi_find_stub(struct abi_run *r);

/* Print every check's ABIDEF line. */
void abi_describe(void);

/*
 * Run every check on the calling CPU, which must stay on it with
 * interrupts masked throughout. Prints one ABICHECK line per check.
 * Returns 0, or -1 when the stub could not be put back in VBAR_EL2
 * (then nothing more should be asked of EL2 on this CPU).
 */
int abi_run_all(struct abi_run *r);

/*
 * The one check that needs two CPUs ("calls.this_cpu_only"): the table
 * installed here (the caller's CPU, which must stay on it), `on_cpu`
 * makes CPU `other` answer which handler it sees, then the stub is put
 * back here. on_cpu(cpu, fn, arg) runs fn(arg) on `cpu` and returns 0
 * once it ran; NULL when there is no other CPU (the check is not run).
 */
typedef int (*abi_on_cpu_fn)(unsigned cpu, void (*fn)(void *arg), void *arg);
void abi_run_cross_cpu(struct abi_run *r, abi_on_cpu_fn on_cpu, unsigned other);

/* The architecture layer (tests/abi/<arch>/abi_el2.S). */
extern const char abi_el2_blob[];
unsigned long abi_hvc(unsigned long x0, unsigned long x1);
#define ABI_NIMM 4 /* hvc #1, #0x42, #0x8000, #0xffff */
unsigned long abi_hvc_imm(unsigned long which, unsigned long x0, unsigned long x1);
/* x0..x30 from in[], `hvc #0`, x0..x30 and SP to out[0..31]. */
void abi_hvc_regs(const unsigned long in[31], unsigned long out[32]);
/*
 * HVC_SOFT_RESTART to `entry` with x2..x4 = a0..a2, x5..x26 and x30 from
 * sent[] (the rest of sent[] is filled with what was in x0..x4, x27..x29
 * at the `hvc`). Returns ABI_LANDED after a round trip through the
 * blob's landing, else the stub's answer.
 */
unsigned long abi_restart(unsigned long entry, unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long sent[31]);
void abi_dcache_clean(const void *va, unsigned long size);
void abi_dcache_clean_inval(const void *va, unsigned long size);
void abi_icache_inval_all(void);
/* The EL1 system registers a call must leave alone (abi_checks.c names them). */
#define ABI_NSYSREGS 23
void abi_el1_sysregs(unsigned long out[ABI_NSYSREGS]);
/* First physical address beyond the CPU's (ID_AA64MMFR0_EL1.PARange). */
unsigned long abi_pa_limit(void);
/* The alignment HVC_SET_VECTORS needs. */
#define ABI_VECTORS_ALIGN 2048ul

#endif
#endif
