# A full disk: the run stops with exit 74 and says so, leaves nothing
# half-written, and once space is back a re-run completes the day exactly
# as an uninterrupted run would. CRMBATCH_FULL_DISK_AT=N (see faults.h)
# makes the N-th write point and every later one fail with ENOSPC; the
# test walks every write point of a day with documents of every kind.
GEN=${TOP}/build/bench/gen
[ -x "$GEN" ] || fail "$GEN missing (make builds it for check-e2e)"
mkdir "$WORK/in"
"$GEN" "$WORK/in" 40 10 utf8 20 20 3 || fail "gen"
run() { "$CRMBATCH" -q -i "$WORK/in" --date 2026-11-27 -o "$@"; }
run "$WORK/ref" run >/dev/null 2>&1 || fail "reference run failed"
n=1
while :; do
	rm -rf "$WORK/o"
	CRMBATCH_FULL_DISK_AT=$n run "$WORK/o" run >/dev/null 2>"$WORK/err"
	rc=$?
	[ $rc -eq 0 ] && break                       # past the last write point
	[ $rc -eq 74 ] || fail "full disk at write $n: exit $rc, want 74: $(head -3 "$WORK/err")"
	grep -q "disk full" "$WORK/err" || fail "full disk at write $n: not said: $(head -3 "$WORK/err")"
	# Nothing half-written: every PDF in place is whole.
	for f in $(find "$WORK/o" -name '*.pdf'); do
		tail -c 6 "$f" | grep -q '%%EOF' || fail "full disk at write $n: $f is not whole"
	done
	run "$WORK/o" run >/dev/null 2>"$WORK/err2" || fail "re-run after a full disk at write $n: $(cat "$WORK/err2")"
	diff -r "$WORK/ref" "$WORK/o" > "$WORK/diff" 2>&1 || fail "full disk at write $n: differs from an uninterrupted run: $(head -5 "$WORK/diff")"
	n=$((n + 1))
done
[ $n -gt 10 ] || fail "only $((n - 1)) write points in a day of documents"
echo "write points: $((n - 1)), each a clean exit 74 and a complete re-run" >&2
