#!/bin/sh
# SPDX-License-Identifier: MIT
# Make sure every Debian package hypstub builds and tests with is here.
# As root it installs what is missing; otherwise it prints the exact
# apt-get line and fails. Target libraries that Debian ships only for the
# target architecture (libfdt for arm64 and armhf) are fetched by the build itself
# into build/ (scripts/fetch-target-deb.sh), never installed. dwarves gives
# pahole, which Kbuild runs on a module built against kernels with BTF
# (Debian's 6.12 headers ship a vmlinux for it).
set -eu

packages="make gcc python3 binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu \
picolibc-aarch64-linux-gnu binutils-arm-none-eabi gcc-arm-none-eabi picolibc-arm-none-eabi \
qemu-system-arm pkgconf libcmocka-dev clang libclang-rt-14-dev libfdt-dev device-tree-compiler clang-format \
cppcheck u-boot-qemu u-boot-tools gdb-multiarch dwarves"

missing=""
for pkg in $packages; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $pkg"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "bootstrap: installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	# A mirror caught mid-sync can fail one index (security updates, say):
	# go on with the lists that arrived; the install says so if a
	# package is really missing.
	apt-get update -qq || echo "bootstrap: warning: some package lists did not download"
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
	echo "bootstrap: done"
else
	echo "bootstrap: missing Debian packages. Install them with:" >&2
	echo "  sudo apt-get install --no-install-recommends$missing" >&2
	exit 1
fi
