#!/bin/sh
# Runs every end-to-end test (tests/e2e/t_*.sh) against a crmbatch binary.
# Usage: tests/e2e/run.sh ./crmbatch
# Prints one line per test and a closing "e2e: N passed, M failed, K
# skipped": a test that skipped a check (lib.sh's skip: a validator or root
# missing here) is "skip", not "ok", and does not fail the run.
bin=${1:?usage: run.sh BINARY}
TOP=$(pwd)
case $bin in /*) CRMBATCH=$bin ;; *) CRMBATCH=$TOP/$bin ;; esac
export TOP CRMBATCH
pass=0 failn=0 skipn=0
for t in "$TOP"/tests/e2e/t_*.sh; do
	name=$(basename "$t" .sh)
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/crmbatch-e2e.XXXXXX")
	export WORK
	# A test fails by calling fail (exit 1); the status of its last command
	# is not a verdict ("grep -q X && fail" returns 1 when all is well).
	if (cd "$TOP" && sh -c ". tests/e2e/lib.sh; . '$t'; exit 0") >"$WORK.log" 2>&1; then
		if [ -s "$WORK/.skipped" ]; then
			skipn=$((skipn + 1))
			echo "  skip  $name: $(sort -u "$WORK/.skipped" | paste -sd ';' - | sed 's/;/; /g')"
		else
			pass=$((pass + 1))
			echo "  ok    $name"
		fi
	else
		failn=$((failn + 1))
		echo "  FAIL  $name"
		sed 's/^/        /' "$WORK.log" | tail -25
	fi
	rm -rf "$WORK" "$WORK.log"
done
echo "e2e: $pass passed, $failn failed, $skipn skipped"
[ "$failn" -eq 0 ]
