# The sample day runs clean, and twice gives identical outputs.
expect_exit 0 "$CRMBATCH" -o "$WORK/o1" --date 2023-07-31 run
has "order_lines.csv               4          4          0" "$WORK/err"
# The sample day rejects nothing (its two warnings are the story's: a merged
# card and a phone number too short to keep).
grep -q ',error,' "$WORK/o1/rejects.csv" && fail "the sample day has errors: $(cat "$WORK/o1/rejects.csv")"
[ "$(grep -c ',warning,' "$WORK/o1/rejects.csv")" -eq 2 ] || fail "unexpected warnings: $(cat "$WORK/o1/rejects.csv")"
expect_exit 0 "$CRMBATCH" -o "$WORK/o1" --date 2023-07-31 run
expect_exit 0 "$CRMBATCH" -o "$WORK/o2" --date 2023-07-31 run
diff -r "$WORK/o1" "$WORK/o2" >/dev/null || fail "two runs differ"
# No temporary file is left behind.
[ -z "$(find "$WORK/o1" -name '*.tmp.*')" ] || fail "temporary files left in output"
expect_exit 0 "$CRMBATCH" --date 2023-07-31 -o "$WORK/o3" check
balanced_summary "$WORK/out"
