#!/bin/sh
# SPDX-License-Identifier: MIT
# The shim relocates itself by adding one offset to every stored absolute
# address (arch/<arch>/relocate.S), so its dynamic relocations must all be
# of the RELATIVE kind, and none may point into the resident code (the stub
# and the CPU entry, which are copied elsewhere and must stay free of
# absolute addresses).
# (NONE entries, left by the linker for removed references, are skipped.)
# Usage: check-relocs.sh CROSS_PREFIX hypstub.elf
set -eu
cross=$1
elf=$2
types=$("${cross}readelf" -rW "$elf" |
	awk '/^Relocation section/{skip = ($3 !~ /\.rel(a)?\.dyn/)} !skip && /^[0-9a-f]+ /{print $3}')
bad=$(echo "$types" | grep -Ev '^(R_AARCH64_(RELATIVE|NONE)|R_ARM_(RELATIVE|NONE))?$' || true)
if [ -n "$bad" ]; then
	echo "check-relocs: $elf has dynamic relocations the shim cannot apply:" >&2
	echo "$bad" | sort | uniq -c >&2
	exit 1
fi
start=$("${cross}nm" "$elf" | awk '$3 == "hs_stub_start" {print $1}')
end=$("${cross}nm" "$elf" | awk '$3 == "hs_cpu_end" {print $1}')
in_stub=$("${cross}readelf" -rW "$elf" |
	awk -v s="$start" -v e="$end" 'function pad(x) { x = sprintf("%16s", x); gsub(/ /, "0", x); return x }
		/^[0-9a-f]+ / { if (pad($1) >= pad(s) && pad($1) < pad(e)) print $1 }')
if [ -n "$in_stub" ]; then
	echo "check-relocs: $elf has stored addresses inside the stub:" >&2
	echo "$in_stub" >&2
	exit 1
fi
echo "  $elf: $(echo "$types" | grep -c RELATIVE) relative relocations, all applied at boot"
