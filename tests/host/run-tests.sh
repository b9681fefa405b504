#!/bin/bash
# SPDX-License-Identifier: MIT
# Run the host test binaries given as arguments, showing cmocka's normal
# output, then print one line "host: N passed, N failed" summing the test
# cases of every binary. Exit status 0 only when nothing failed.
#
# A binary that dies before its summary (a sanitizer abort, a signal)
# counts every test it did not report as passed or skipped as failed; a
# binary that reports no failure but exits non-zero (e.g. LeakSanitizer at
# exit) counts one failure more.
set -u

passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() { # pattern file -> number of matching lines
	grep -c -- "$1" "$2" || true
}

for bin in "$@"; do
	echo "host: $bin"
	CMOCKA_MESSAGE_OUTPUT=STDOUT CMOCKA_XML_FILE= "$bin" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	total=$(sed -n 's/^\[==========\] Running \([0-9][0-9]*\) test(s)\.$/\1/p' "$log" | head -n1)
	if grep -q '^\[==========\] .*test(s) run\.$' "$log"; then
		p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\.$/\1/p' "$log" | head -n1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s), listed below:$/\1/p' "$log" | head -n1)
		s=$(sed -n 's/^\[  SKIPPED \] \([0-9][0-9]*\) test(s), listed below:$/\1/p' "$log" | head -n1)
		p=${p:-0} f=${f:-0} s=${s:-0}
		# cmocka counts setup/teardown errors apart from failures.
		e=$(sed -n 's/^\[  ERROR   \] \([0-9][0-9]*\) test(s), listed below:$/\1/p' "$log" | head -n1)
		f=$((f + ${e:-0}))
	else
		p=$(count '^\[       OK \]' "$log")
		s=$(count '^\[  SKIPPED \] [^0-9]' "$log")
		f=$(( ${total:-1} - p - s ))
		[ "$f" -lt 1 ] && f=1
		echo "host: $bin stopped before its summary (exit status $rc)"
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "host: $bin exited with status $rc although its tests passed"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done

[ "$skipped" -gt 0 ] && echo "host: $skipped test(s) skipped (known bugs; HOST_KNOWN_BUGS=1 runs them)"
echo "host: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
