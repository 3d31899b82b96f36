# A folder of deliberately bad files: exactly the expected rejects, exit 65,
# every bad row named, every good row kept, read = accepted + rejected.
expect_exit 65 "$CRMBATCH" -i tests/fixtures/bad -o "$WORK/out-dir" check
same_file tests/fixtures/bad/expected-rejects.csv "$WORK/out-dir/rejects.csv"
same_file tests/fixtures/bad/expected-summary.txt "$WORK/out"
balanced_summary "$WORK/out"
# The same problems on stderr, in the GNU format.
has "crmbatch: tests/fixtures/bad/order_lines.csv:3:4: qty: not a number 'abc'" "$WORK/err"
# An unreadable date on a card is a warning: the card is kept.
has "crmbatch: tests/fixtures/bad/contacts.csv:5:6: warning: met_on: not a date" "$WORK/err"
has "crmbatch: tests/fixtures/bad/order_lines.csv:6: malformed quoting" "$WORK/err"
# One line on stderr per line of rejects.csv (header aside).
[ "$(grep -c '^crmbatch: tests/fixtures/bad/' "$WORK/err")" -eq "$(($(wc -l < "$WORK/out-dir/rejects.csv") - 1))" ] \
	|| fail "stderr and rejects.csv disagree"
# run: the good rows still go through, exit 65 at the end.
expect_exit 65 "$CRMBATCH" -i tests/fixtures/bad -o "$WORK/run-dir" --date 2023-07-31 run
has "row(s) rejected" "$WORK/err"
