#!/bin/sh
# Runs each fuzz target for SECONDS from its corpus and fails if any found
# a crash, a leak or a sanitizer report. New inputs that widen coverage go
# to a scratch copy of the corpus, not into the repository; a crash leaves
# its input in build-fuzz/crashes/ (add it to tests/fuzz/corpus/<target>/
# once fixed, as a regression case).
# Usage: tests/fuzz/run.sh SECONDS TARGET...
secs=${1:?usage: run.sh SECONDS TARGET...}
shift
mkdir -p build-fuzz/crashes
failed=
for t in "$@"; do
	seeds=tests/fuzz/corpus/$t
	work=build-fuzz/corpus/$t
	rm -rf "$work" && mkdir -p "$work"
	[ -d "$seeds" ] && cp "$seeds"/* "$work"/ 2>/dev/null
	log=build-fuzz/$t.log
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		build-fuzz/$t -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=build-fuzz/crashes/$t- "$work" > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1)
	corp=$(ls "$work" | wc -l)
	if [ $rc -eq 0 ]; then
		printf '  ok    %-14s %8s execs in %ss, %s, %s, corpus %s\n' "$t" "$execs" "$secs" "$cov" "$ft" "$corp"
	else
		printf '  FAIL  %-14s exit %s after %s execs; see %s\n' "$t" "$rc" "$execs" "$log"
		grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" | head -n 8 | sed 's/^/        /'
		failed="$failed $t"
	fi
done
[ -z "$failed" ] || { echo "fuzz: failed:$failed"; exit 1; }
echo "fuzz: $# targets clean"
