#!/bin/sh
# SPDX-License-Identifier: MIT
# Fetch Debian bookworm's own Linux kernel for one architecture, for the
# kexec tests: resolve the meta package (its name stays, the versioned
# package it depends on moves with every update) through a private apt
# state, download that package into a cache kept across runs (never
# committed: build/linux/), and unpack its /boot/vmlinuz-*. An arm64
# vmlinuz may be a gzip-compressed Image (bookworm's is a plain Image
# with an EFI header): a compressed one is unpacked here.
#
# The board flavours (arm64, armmp) also carry the boards' device trees:
# those are unpacked too, into build/linux/<arch>-<flavour>/dtbs/.
#
# Usage: fetch-linux.sh arm64|arm [FLAVOUR]
# FLAVOUR: cloud (arm64's default: QEMU virt only) or arm64 (every board);
# lpae (arm's default) or armmp (the boards, without LPAE).
# Prints the path of the kernel image on its last line (build/linux/<arch>/Image
# or zImage, build/linux/<arch>-<flavour>/... for the other flavours). Exits 2,
# saying why, when the package mirror cannot be reached and nothing is
# cached: the caller must report the tests as skipped.
set -eu
arch=$1
flavour=${2:-}
case $arch:$flavour in
arm64: | arm64:cloud)
	debarch=arm64 meta=linux-image-cloud-arm64 out=Image cache=build/linux/arm64
	;;
arm64:arm64)
	debarch=arm64 meta=linux-image-arm64 out=Image cache=build/linux/arm64-arm64
	;;
arm: | arm:lpae)
	debarch=armhf meta=linux-image-armmp-lpae out=zImage cache=build/linux/arm
	;;
arm:armmp)
	debarch=armhf meta=linux-image-armmp out=zImage cache=build/linux/arm-armmp
	;;
*)
	echo "fetch-linux: unknown architecture or flavour: $arch $flavour" >&2
	exit 1
	;;
esac
state=build/apt-$debarch
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$cache"
apt_opts="-o APT::Architecture=$debarch -o APT::Architectures=$debarch \
 -o Dir::State::Lists=$PWD/$state/lists -o Dir::Cache=$PWD/$state/cache \
 -o Dir::State::status=/dev/null -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq"

# Fall back on the kernel cached by an earlier run, saying why; fail when there is none.
use_cached() {
	if [ -s "$cache/$out" ]; then
		echo "fetch-linux: $1; using the cached $(cat "$cache/package")" >&2
		echo "$cache/$out"
		exit 0
	fi
}

# The package lists are refreshed once a day at most; a cached kernel is
# used as it is when the mirror cannot be reached.
stamp=$state/lists/.linux-updated
if [ -z "$(find "$stamp" -mtime -1 2>/dev/null)" ]; then
	# shellcheck disable=SC2086
	# A mirror caught mid-sync can fail one index (security updates, say):
	# the lists that did arrive are used, and tried again a day later.
	apt-get $apt_opts update >/dev/null 2>&1 ||
		echo "fetch-linux: some of Debian's $debarch package lists did not refresh" >&2
	touch "$stamp"
fi
# shellcheck disable=SC2086
pkg=$(apt-cache $apt_opts depends "$meta" 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[^ ]*\).*/\1/p' | head -n 1)
if [ -z "$pkg" ]; then
	use_cached "$meta not resolvable"
	echo "fetch-linux: cannot resolve $meta:$debarch (no package lists: no network?)" >&2
	exit 2
fi
if [ -s "$cache/$out" ] && [ "$(cat "$cache/package" 2>/dev/null)" = "$pkg" ]; then
	echo "$cache/$out"
	exit 0
fi
echo "fetch-linux: $meta:$debarch -> $pkg, downloading" >&2
rm -rf "$cache/deb" "$cache/root"
mkdir -p "$cache/deb" "$cache/root"
# shellcheck disable=SC2086
if ! (cd "$cache/deb" && apt-get $apt_opts download "$pkg" >/dev/null 2>&1); then
	use_cached "download of $pkg failed"
	echo "fetch-linux: download of $pkg:$debarch failed (mirror unreachable?)" >&2
	exit 2
fi
dpkg-deb --fsys-tarfile "$cache"/deb/*.deb | tar -x -C "$cache/root" --wildcards './boot/vmlinuz-*' \
	'./usr/lib/linux-image-*/*.dtb' './usr/lib/linux-image-*/*/*.dtb' 2>/dev/null ||
	dpkg-deb --fsys-tarfile "$cache"/deb/*.deb | tar -x -C "$cache/root" --wildcards './boot/vmlinuz-*'
# The device trees (board flavours only): <vendor>/<board>.dtb as Debian ships them.
rm -rf "$cache/dtbs"
if [ -d "$cache"/root/usr/lib ]; then
	mv "$cache"/root/usr/lib/linux-image-* "$cache/dtbs"
fi
vmlinuz=$(ls "$cache"/root/boot/vmlinuz-* | head -n 1)
if [ "$(od -An -tx1 -N2 "$vmlinuz" | tr -d ' ')" = 1f8b ]; then
	gunzip -c "$vmlinuz" >"$cache/$out.tmp"
else
	cp "$vmlinuz" "$cache/$out.tmp"
fi
mv "$cache/$out.tmp" "$cache/$out"
echo "$pkg" >"$cache/package"
rm -rf "$cache/deb" "$cache/root"
echo "fetch-linux: $cache/$out from $pkg" >&2
echo "$cache/$out"
