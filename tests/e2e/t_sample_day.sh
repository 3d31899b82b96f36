# The sample day runs clean, and twice gives identical outputs.
expect_exit 0 "$CRMBATCH" -o "$WORK/o1" --date 2023-07-31 run
has "order_lines.csv               4          4          0" "$WORK/err"
[ "$(wc -l < "$WORK/o1/rejects.csv")" -eq 1 ] || fail "the sample day has rejects: $(cat "$WORK/o1/rejects.csv")"
expect_exit 0 "$CRMBATCH" -o "$WORK/o1" --date 2023-07-31 run
expect_exit 0 "$CRMBATCH" -o "$WORK/o2" --date 2023-07-31 run
diff -r "$WORK/o1" "$WORK/o2" >/dev/null || fail "two runs differ"
# No temporary file is left behind.
[ -z "$(find "$WORK/o1" -name '*.tmp.*')" ] || fail "temporary files left in output"
expect_exit 0 "$CRMBATCH" --date 2023-07-31 -o "$WORK/o3" check
balanced_summary "$WORK/out"
