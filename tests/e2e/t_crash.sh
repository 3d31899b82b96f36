# Durability: a run killed at any moment and run again gives the same
# documents, numbers and totals as an uninterrupted run — no gap, no
# duplicate. crmbatch's crash points (CRMBATCH_CRASH_AT=N, see faults.h)
# kill it between every two steps of every durable write; then a torn
# register append, and real SIGKILLs at random moments.
GEN=${TOP}/build/bench/gen
[ -x "$GEN" ] || fail "$GEN missing (make builds it for check-e2e)"
mkdir "$WORK/in"
"$GEN" "$WORK/in" 120 10 utf8 30 40 3 || fail "gen"  # scarce stock: purchase orders too
run() { "$CRMBATCH" -q -i "$WORK/in" --date 2026-11-27 -o "$@"; }
run "$WORK/ref" run >/dev/null 2>&1 || fail "reference run failed"
docs=$(($(wc -l < "$WORK/ref/register.csv") - 1))
[ "$docs" -ge 12 ] || fail "the reference day issued only $docs documents"
[ "$(grep -c ',purchase,' "$WORK/ref/register.csv")" -ge 3 ] || fail "the reference day issued too few purchase orders"

# The generated day's invoices pass the Factur-X rules too (when the
# validator's packages are installed, as .ci/run does).
if have_facturx; then
	for f in "$WORK"/ref/invoices/*.xml; do
		"$FACTURX_VALIDATOR" --fr "$f" > "$WORK/v.txt" 2>&1 || fail "$(basename "$f") fails Factur-X validation: $(cat "$WORK/v.txt")"
	done
else
	skip "Factur-X validation ($FACTURX_NEEDS)"
fi

same_as_ref() { # DIR WHAT
	diff -r "$WORK/ref" "$1" > "$WORK/diff" 2>&1 || fail "$2: output differs from an uninterrupted run: $(head -5 "$WORK/diff")"
}

# Numbers and bytes do not depend on how many threads render.
"$CRMBATCH" -q -j 1 -i "$WORK/in" --date 2026-11-27 -o "$WORK/j1" run >/dev/null 2>&1 || fail "-j 1"
"$CRMBATCH" -q -j 5 -i "$WORK/in" --date 2026-11-27 -o "$WORK/j5" run >/dev/null 2>&1 || fail "-j 5"
diff -r "$WORK/j1" "$WORK/ref" > /dev/null || fail "-j 1 differs from the default"
diff -r "$WORK/j5" "$WORK/ref" > /dev/null || fail "-j 5 differs from the default"

n=1
while :; do
	rm -rf "$WORK/o"
	CRMBATCH_CRASH_AT=$n run "$WORK/o" run >/dev/null 2>&1
	rc=$?
	[ $rc -eq 0 ] && break                       # past the last crash point
	[ $rc -eq 137 ] || fail "crash point $n: exit $rc"
	run "$WORK/o" run >/dev/null 2>"$WORK/err2" || fail "re-run after crash point $n failed: $(cat "$WORK/err2")"
	same_as_ref "$WORK/o" "crash point $n"
	n=$((n + 1))
done
[ $n -gt $((docs * 2)) ] || fail "only $n crash points for $docs documents"
echo "crash points: $((n - 1)), all recovered" >&2

# Crashed twice in a row, then finished.
for n in 7 23 41; do
	rm -rf "$WORK/o"
	CRMBATCH_CRASH_AT=$n run "$WORK/o" run >/dev/null 2>&1
	CRMBATCH_CRASH_AT=$n run "$WORK/o" run >/dev/null 2>&1
	run "$WORK/o" run >/dev/null 2>&1 || fail "re-run after two crashes at $n"
	same_as_ref "$WORK/o" "two crashes at $n"
done

# A second day that corrects the first (an order cancelled, another's
# quantity reduced): credit notes, killed at every crash point of the run
# that issues them, then run again, as an uninterrupted second day.
cp -r "$WORK/in" "$WORK/in2"
sed -i -e 's/^\(SO0\),\(C[0-9]*\),\([^,]*\),sale,/\1,\2,\3,cancel,/' \
	-e '/^SO6,/ s/\(""express"""\),[0-9]*,/\1,1,/' "$WORK/in2/order_lines.csv"
cp -r "$WORK/ref" "$WORK/ref2"
"$CRMBATCH" -q -i "$WORK/in2" --date 2026-11-28 -o "$WORK/ref2" run >/dev/null 2>&1 || fail "second day failed"
[ "$(grep -c ',credit_note,' "$WORK/ref2/register.csv")" -eq 2 ] || fail "the second day issued no 2 credit notes: $(grep credit_note "$WORK/ref2/register.csv")"
# later_day NAME DAY BASE REF: kills the run of DAY (on in2) at every crash
# point, starting each time from the output folder BASE, runs it again and
# compares with REF, an uninterrupted run of that day on BASE.
later_day() {
	n=1
	while :; do
		rm -rf "$WORK/o"
		cp -r "$3" "$WORK/o"
		CRMBATCH_CRASH_AT=$n "$CRMBATCH" -q -i "$WORK/in2" --date "$2" -o "$WORK/o" run >/dev/null 2>&1
		rc=$?
		[ $rc -eq 0 ] && break
		[ $rc -eq 137 ] || fail "$1, crash point $n: exit $rc"
		"$CRMBATCH" -q -i "$WORK/in2" --date "$2" -o "$WORK/o" run >/dev/null 2>"$WORK/err2" ||
			fail "$1, re-run after crash point $n failed: $(cat "$WORK/err2")"
		diff -r "$4" "$WORK/o" > "$WORK/diff" 2>&1 || fail "$1, crash point $n: output differs: $(head -5 "$WORK/diff")"
		n=$((n + 1))
	done
	[ $n -gt 4 ] || fail "only $n crash points on $1"
	echo "$1 crash points: $((n - 1)), all recovered" >&2
}
later_day "the day of the credit notes" 2026-11-28 "$WORK/ref" "$WORK/ref2"

# A third day, 21 days after the invoices fell due: the reminders.
cp -r "$WORK/ref2" "$WORK/ref3"
"$CRMBATCH" -q -i "$WORK/in2" --date 2027-01-20 -o "$WORK/ref3" run >/dev/null 2>&1 || fail "third day failed"
[ "$(grep -c ',reminder,' "$WORK/ref3/register.csv")" -ge 2 ] || fail "the third day issued too few reminders"
later_day "the day of the reminders" 2027-01-20 "$WORK/ref2" "$WORK/ref3"

# A power cut in the middle of a register append leaves a torn line.
rm -rf "$WORK/o"
CRMBATCH_CRASH_TEAR=1 run "$WORK/o" run >/dev/null 2>&1
[ -n "$(tail -c 1 "$WORK/o/register.csv")" ] || fail "the torn append left a complete line"
run "$WORK/o" run >/dev/null 2>"$WORK/err3" || fail "re-run after a torn append"
grep -q "repairing a torn last line" "$WORK/err3" || fail "the torn line was not reported"
same_as_ref "$WORK/o" "torn append"

# Real SIGKILLs at random moments of a larger day.
mkdir "$WORK/big"
"$GEN" "$WORK/big" 3000 10 utf8 300 200 || fail "gen"
"$CRMBATCH" -q -i "$WORK/big" --date 2026-11-27 -o "$WORK/bigref" run >/dev/null 2>&1 || fail "big reference"
for delay in 0.02 0.05 0.1 0.15 0.25; do
	rm -rf "$WORK/o"
	"$CRMBATCH" -q -i "$WORK/big" --date 2026-11-27 -o "$WORK/o" run >/dev/null 2>&1 &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	"$CRMBATCH" -q -i "$WORK/big" --date 2026-11-27 -o "$WORK/o" run >/dev/null 2>&1 || fail "re-run after kill at $delay s"
	diff -r "$WORK/bigref" "$WORK/o" > "$WORK/diff" || fail "kill at $delay s: $(head -5 "$WORK/diff")"
done

# A damaged line before the last is refused, never issued over.
sed -i '3s/^\([^,]*\),[a-z_]*,/\1,bogus,/' "$WORK/o/register.csv"
expect_exit 74 "$CRMBATCH" -q -i "$WORK/big" --date 2026-11-27 -o "$WORK/o" run
has "register.csv:3: damaged register line" "$WORK/err"
