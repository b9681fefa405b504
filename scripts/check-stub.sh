#!/bin/sh
# SPDX-License-Identifier: MIT
# The resident code (the stub and the CPU entry) must be copyable: no symbol from outside its region, and no
# relocation that would bake in an absolute address.
# Usage: check-stub.sh CROSS_PREFIX hs-resident.o
set -eu
cross=$1
obj=$2
# The region's own bounds, which the shim's linker script defines, are the
# only outside names allowed.
undef=$("${cross}nm" -u "$obj" | grep -Ev ' U hs_(stub|cpu)_(start|end)$' || true)
if [ -n "$undef" ]; then
	echo "check-stub: $obj uses symbols from outside the stub:" >&2
	echo "$undef" >&2
	exit 1
fi
# PC-relative and page-offset relocations survive a copy to another
# 4 KiB-aligned address; absolute ones do not.
# (Debug information is never copied, so its relocations do not matter.)
bad=$("${cross}readelf" -rW "$obj" |
	awk '/^Relocation section/{skip = ($3 ~ /debug/)} !skip && /^[0-9a-f]+ /{print $3}' |
	grep -Ev '^R_(AARCH64_(ADR_PREL_PG_HI21|ADR_PREL_LO21|ADD_ABS_LO12_NC|LDST(8|16|32|64|128)_ABS_LO12_NC|CALL26|JUMP26|CONDBR19|TSTBR14|PREL32|PREL64)|ARM_(CALL|JUMP24|THM_CALL|THM_JUMP24|REL32|PREL31|MOVW_PREL_NC|MOVT_PREL))$' || true)
if [ -n "$bad" ]; then
	echo "check-stub: $obj has position-dependent relocations:" >&2
	echo "$bad" | sort | uniq -c >&2
	exit 1
fi
