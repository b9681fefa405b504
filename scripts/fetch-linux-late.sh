#!/bin/sh
# SPDX-License-Identifier: MIT
# Everything a late launch under Debian's own arm64 kernel needs, from
# Debian, cached in build/late/ (never committed), the machine's dpkg set-up
# untouched (private apt states, as scripts/fetch-linux.sh):
#
#   build/late/<LINUX>/Image        the kernel (linux-image-<LINUX>)
#   build/late/<LINUX>/headers/     linux-headers-<LINUX>, its -common package
#                                   and the host's (amd64) linux-kbuild-*, unpacked
#                                   with dpkg-deb -x into one root: build modules with
#                                   make -C <that>/usr/src/linux-headers-<LINUX> M=...
#   build/late/userland-arm64/      Debian's arm64 busybox-static, kexec-tools and
#                                   the shared libraries kexec needs, for an initramfs
#
# Usage: fetch-linux-late.sh [LINUX]
#   LINUX: a kernel package version as in linux-image-<LINUX>, e.g.
#   6.1.0-57-cloud-arm64, or a series alone, e.g. 6.12: what Debian's
#   linux-image-6.12-cloud-arm64 depends on now; default: what
#   linux-image-cloud-arm64 depends on.
# Prints KEY=value lines on stdout (LINUX, IMAGE, HEADERS, USERLAND), progress
# on stderr. Exits 77 (not 2, which a shell error gives), saying why, when the
# mirror cannot be reached and the cache lacks something: the caller must
# report a SKIP, never a pass. Any other failure exits 1.
set -eu
want=${1:-}
top=$PWD
mkdir -p build/late

# apt with a private state for one Debian architecture (build/apt-<arch>).
apt_opts() {
	echo "-o APT::Architecture=$1 -o APT::Architectures=$1 \
 -o Dir::State::Lists=$top/build/apt-$1/lists -o Dir::Cache=$top/build/apt-$1/cache \
 -o Dir::State::status=/dev/null -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq"
}

# Refresh a private state's lists once a day at most; keep going on failure.
refresh() {
	mkdir -p "build/apt-$1/lists/partial" "build/apt-$1/cache/archives/partial"
	stamp=build/apt-$1/lists/.late-updated
	if [ -z "$(find "$stamp" -mtime -1 2>/dev/null)" ]; then
		# shellcheck disable=SC2046
		if apt-get $(apt_opts "$1") update >/dev/null 2>&1; then
			touch "$stamp"
		else
			echo "fetch-linux-late: Debian's $1 package lists did not refresh" >&2
		fi
	fi
}

skip() {
	echo "fetch-linux-late: $*" >&2
	exit 77
}

# Download packages ($2...) of architecture $1 into build/late/debs/$1 (kept).
download() {
	a=$1
	shift
	mkdir -p "build/late/debs/$a"
	for p in "$@"; do
		# A package name may carry a version (name=version).
		n=${p%%=*}
		if ls "build/late/debs/$a/${n}"_*.deb >/dev/null 2>&1; then
			continue
		fi
		echo "fetch-linux-late: downloading $p:$a" >&2
		# shellcheck disable=SC2046
		(cd "build/late/debs/$a" && apt-get $(apt_opts "$a") download "$p" >/dev/null 2>&1) ||
			skip "download of $p:$a failed (no network to the Debian mirror?)"
	done
}

refresh arm64
# The metapackage that names the kernel: Debian's default cloud kernel, or
# the newest of a series (LINUX=6.12); what it resolved to is remembered
# (build/late/.resolved-<metapackage>) for runs without package lists.
meta=linux-image-cloud-arm64
case $want in
[0-9]*.[0-9]*) [ "${want#*-}" = "$want" ] && meta=linux-image-$want-cloud-arm64 && want= ;;
esac
if [ -z "$want" ]; then
	# shellcheck disable=SC2046
	pkg=$(apt-cache $(apt_opts arm64) depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^ ]*\).*/\1/p' | head -n 1)
	if [ -n "$pkg" ]; then
		want=${pkg#linux-image-}
		echo "$want" >"build/late/.resolved-$meta"
	else
		want=$(cat "build/late/.resolved-$meta" 2>/dev/null || true)
		[ -n "$want" ] && [ -e "build/late/$want/.done" ] ||
			skip "cannot resolve $meta (no package lists: no network?)"
		echo "fetch-linux-late: no package lists; using the cached $want" >&2
	fi
fi
case $want in
*/* | *' '* | '') skip "bad LINUX=$want" ;;
esac
dir=build/late/$want
if [ ! -e "$dir/.done" ]; then
	# shellcheck disable=SC2046
	hdeps=$(apt-cache $(apt_opts arm64) show "linux-headers-$want" 2>/dev/null |
		sed -n 's/^Depends: //p' | head -n 1 | tr ',' '\n')
	if [ -z "$hdeps" ]; then
		# With package lists at hand, an unknown version is the caller's error, not a skip.
		# shellcheck disable=SC2046
		if apt-cache $(apt_opts arm64) show linux-image-cloud-arm64 >/dev/null 2>&1; then
			echo "fetch-linux-late: Debian has no linux-headers-$want:arm64 (LINUX=$want)" \
				"in the suites of the machine's apt sources" >&2
			exit 1
		fi
		skip "no package lists to find linux-headers-$want:arm64 in (no network?)"
	fi
	common=$(echo "$hdeps" | sed -n 's/^ *\(linux-headers-[^ ]*-common[^ ]*\) (= \(.*\))/\1=\2/p')
	kbuild=$(echo "$hdeps" | sed -n 's/^ *\(linux-kbuild-[^ ]*\).*/\1/p')
	version=${common#*=}
	[ -n "$common" ] && [ -n "$kbuild" ] || skip "cannot read the dependencies of linux-headers-$want"
	download arm64 "linux-image-$want" "linux-headers-$want" "$common"
	# The host's kbuild programs (fixdep, modpost), the same version as the headers.
	refresh amd64
	download amd64 "$kbuild=$version"
	rm -rf "$dir"
	mkdir -p "$dir/headers" "$dir/image"
	for d in "build/late/debs/arm64/linux-headers-${want}_"*.deb \
		"build/late/debs/arm64/${common%%=*}_"*.deb \
		"build/late/debs/amd64/${kbuild}_"*.deb; do
		dpkg-deb -x "$d" "$dir/headers"
	done
	# The flavour's Makefile includes the common one by an absolute path: make it relative.
	mk=$dir/headers/usr/src/linux-headers-$want/Makefile
	sed -i "s|include /usr/src/|include \$(dir \$(lastword \$(MAKEFILE_LIST)))../|" "$mk"
	dpkg-deb --fsys-tarfile "build/late/debs/arm64/linux-image-${want}_"*.deb |
		tar -x -C "$dir/image" --wildcards './boot/vmlinuz-*'
	vmlinuz=$(ls "$dir"/image/boot/vmlinuz-* | head -n 1)
	if [ "$(od -An -tx1 -N2 "$vmlinuz" | tr -d ' ')" = 1f8b ]; then
		gunzip -c "$vmlinuz" >"$dir/Image"
	else
		cp "$vmlinuz" "$dir/Image"
	fi
	rm -rf "$dir/image"
	touch "$dir/.done"
fi

# The initramfs's programs: busybox, kexec and what kexec links against.
user=build/late/userland-arm64
if [ ! -e "$user/.done" ]; then
	# shellcheck disable=SC2046
	libs=$(apt-cache $(apt_opts arm64) depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances --no-pre-depends kexec-tools 2>/dev/null |
		grep -E '^(lib|zlib)' | sort -u)
	[ -n "$libs" ] || skip "cannot resolve kexec-tools:arm64's libraries (no package lists?)"
	# shellcheck disable=SC2086
	download arm64 busybox-static kexec-tools $libs
	rm -rf "$user"
	mkdir -p "$user"
	for p in busybox-static kexec-tools $libs; do
		dpkg-deb -x "build/late/debs/arm64/${p}_"*.deb "$user"
	done
	touch "$user/.done"
fi

echo "LINUX=$want"
echo "IMAGE=$top/$dir/Image"
echo "HEADERS=$top/$dir/headers/usr/src/linux-headers-$want"
echo "USERLAND=$top/$user"
