#!/bin/sh
# The line coverage of src/ that the fuzz targets reach together: each
# target, built again with clang's source-based coverage (no sanitizer),
# replays the corpus its fuzzing run kept (build-fuzz/corpus/<target>/, or
# its seeds) once; the profiles are merged and llvm-cov reports src/'s
# lines. Prints the total and every module no target entered.
# Usage: tests/fuzz/coverage.sh TARGET...
set -u
dir=build-cov
rm -f "$dir"/*.profraw "$dir"/all.profdata
objs=
for t in "$@"; do
	corpus=build-fuzz/corpus/$t
	[ -d "$corpus" ] || corpus=tests/fuzz/corpus/$t
	LLVM_PROFILE_FILE="$dir/$t.profraw" "$dir/$t" -runs=0 "$corpus" >"$dir/$t.log" 2>&1 ||
		{ echo "fuzz coverage: $t failed replaying $corpus (see $dir/$t.log)"; exit 1; }
	# llvm-cov takes the first binary bare and the others after -object.
	objs="$objs${objs:+ -object} $dir/$t"
done
llvm-profdata merge -sparse -o "$dir/all.profdata" "$dir"/*.profraw || exit 1
# shellcheck disable=SC2086
llvm-cov report -instr-profile="$dir/all.profdata" $objs $(ls src/*.c | grep -v '^src/main.c$') >"$dir/report.txt" 2>/dev/null || exit 1
# Columns: Filename Regions Missed Cover Functions Missed Executed Lines Missed Cover ...
awk '$1 ~ /\.c$/ || $1 == "TOTAL" {
	lines = $8; missed = $9
	if ($1 == "TOTAL") { printf "fuzz: the %d targets together reach %d of %d lines of src/ (%.1f%%)\n", n, lines - missed, lines, lines ? 100 * (lines - missed) / lines : 0 }
	else if (missed == lines) { cold = cold " " $1 }
} END { if (cold != "") print "fuzz: modules no target enters:" cold }' n=$# "$dir/report.txt"
