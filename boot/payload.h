/* SPDX-License-Identifier: MIT */
#ifndef BOOT_PAYLOAD_H
#define BOOT_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

/* A physical range [start, end) the payload must not be loaded over. */
struct hs_range {
	uint64_t start, end;
	const char *what;
};

struct hs_load_limits {
	uint64_t ram_start, ram_end;
	const struct hs_range *keep_out;
	unsigned nkeep_out;
	uint64_t raw_load_addr;
	uint16_t elf_machine; /* EM_AARCH64 or EM_ARM */
	uint8_t elf_class;    /* ELFCLASS64 or ELFCLASS32 */
	uint8_t thumb_entry;  /* an odd entry address means Thumb code (arm) */
};

struct hs_loaded {
	uint64_t entry;
	uint64_t low, high; /* what the payload occupies */
	int is_elf;
};

/*
 * Check and place the payload image `img` (an ELF executable for this
 * architecture, or anything else as a raw binary). On error returns a
 * message and copies nothing; on success returns NULL.
 */
const char *hs_payload_load(const void *img, size_t size, const struct hs_load_limits *lim,
			    struct hs_loaded *out);

#endif
