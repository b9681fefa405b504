#!/bin/bash
# SPDX-License-Identifier: MIT
# Run the libFuzzer targets of tests/fuzz/fuzz.mk.
#
#   run.sh bounded BUILD target:runs ...   fixed executions, seed 1, from the committed corpus
#                                          only (a fresh work directory each time);
#                                          one test per target, then
#                                          "fuzz: N passed, N failed"
#   run.sh long BUILD target:seconds ...   -max_total_time per target; the corpus grows in
#                                          BUILD/long/<target> (merge new finds into
#                                          tests/fuzz/corpus/<target> with -merge=1)
#
# A crash, a sanitizer report, a leak or a failed property stops the target
# and fails it; the input is saved as BUILD/artifacts/<target>-crash-*.
set -u
mode=$1 build=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0
mkdir -p "$build/artifacts"
for spec in "$@"; do
	target=${spec%%:*} amount=${spec#*:}
	seeds=$here/corpus/$target
	if [ "$mode" = bounded ]; then
		work=$build/work/$target
		rm -rf "$work"
		limit=(-runs="$amount" -seed=1)
	else
		work=$build/long/$target
		limit=(-max_total_time="$amount")
	fi
	mkdir -p "$work"
	log=$build/$mode-$target.log
	echo "fuzz: $target (${limit[*]}), seeds: $(ls "$seeds" | wc -l)"
	"$build/fuzz_$target" "${limit[@]}" -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$target-" "$work" "$seeds" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1)
	if [ "$rc" -eq 0 ] && [ -n "$execs" ]; then
		echo "  ok   fuzz/$target: ${execs} executions, ${cov:-cov: ?}, corpus $(ls "$work" | wc -l) new"
		passed=$((passed + 1))
	else
		echo "  FAIL fuzz/$target: exit status $rc (log: $log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*property failed|.*runtime error)' "$log" | head -n 5 | sed 's/^/       /'
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
