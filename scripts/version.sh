#!/bin/sh
# SPDX-License-Identifier: MIT
# hypstub's version, one line on stdout: built from git, `git describe
# --always --dirty` behind the VERSION file's number (a release tag
# v<number> on the commit gives <number> alone, plus -dirty when the tree
# has changes); built from a tree without git, the VERSION file's number.
# Usage: scripts/version.sh [source directory] (default: this script's tree)
set -eu
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
if [ ! -r "$top/VERSION" ]; then
	echo "version.sh: no VERSION file in $top" >&2
	exit 1
fi
base=$(sed -n '1{s/^[[:space:]]*//;s/[[:space:]]*$//;p;}' "$top/VERSION")
# MAJOR.MINOR.PATCH, perhaps with a -suffix or +suffix.
if ! echo "$base" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$'; then
	echo "version.sh: VERSION in $top is not a version number: '$base'" >&2
	exit 1
fi
# Only a checkout whose top is this directory counts (not a parent's).
if git -C "$top" rev-parse --show-toplevel >/dev/null 2>&1 &&
	[ "$(cd "$(git -C "$top" rev-parse --show-toplevel)" && pwd -P)" = "$(cd "$top" && pwd -P)" ]; then
	d=$(git -C "$top" describe --always --dirty --match 'v[0-9]*' 2>/dev/null || true)
	case "$d" in
	v*) echo "${d#v}" ;;
	'') echo "$base" ;;
	*) echo "$base-g$d" ;;
	esac
else
	echo "$base"
fi
