# Robustness of the reader on the binary: a quote left open in the middle of
# a file costs only the records it swallows, a file of only a header is fine,
# and an unreadable header line is reported, never silently dropped.
mkdir "$WORK/in"
cp input/products.csv input/suppliers.csv "$WORK/in/"
printf 'code,name\n' > "$WORK/in/customers.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/in" -o "$WORK/o" check
has "customers.csv                 0          0          0" "$WORK/out"
printf 'code,name\nA,"un\nB,deux\n' > "$WORK/in/customers.csv"
expect_exit 65 "$CRMBATCH" -i "$WORK/in" -o "$WORK/o" check
has "unterminated quoted field at end of file (lines 2-3)" "$WORK/err"
has "customers.csv                 1          0          1" "$WORK/out"
balanced_summary "$WORK/out"
