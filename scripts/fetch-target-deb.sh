#!/bin/sh
# SPDX-License-Identifier: MIT
# Fetch a Debian package built for another architecture and unpack it into
# a cache folder, without changing this machine's dpkg set-up: apt runs
# with a private state (its own package lists, no status file).
# Usage: fetch-target-deb.sh DEBIAN_ARCH PACKAGE DEST_DIR
set -eu
arch=$1
pkg=$2
dest=$3
state=build/apt-$arch
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/debs" "$dest"
apt_opts="-o APT::Architecture=$arch -o APT::Architectures=$arch \
 -o Dir::State::Lists=$PWD/$state/lists -o Dir::Cache=$PWD/$state/cache \
 -o Dir::State::status=/dev/null -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq"
if [ ! -e "$state/lists/.updated" ]; then
	echo "  fetching Debian's $arch package lists (private apt state in $state)"
	# A mirror caught mid-sync fails one index (security updates, say):
	# retry once, then go on with what arrived; the download below fails
	# clearly if the package itself is not listed.
	# shellcheck disable=SC2086
	apt-get $apt_opts update || apt-get $apt_opts update ||
		echo "  warning: some $arch package lists did not download; using those that did"
	touch "$state/lists/.updated"
fi
echo "  fetching $pkg:$arch"
# shellcheck disable=SC2086
(cd "$state/debs" && rm -f "${pkg}"_*.deb && apt-get $apt_opts download "$pkg")
dpkg-deb -x "$state/debs/${pkg}"_*.deb "$dest"
