# The same rows as a French Excel export (sep=; line, ';', Windows-1252,
# CRLF, French headers in another order, decimal commas, DD/MM/YYYY) read
# exactly like the UTF-8 ',' version: identical canonical files.
expect_exit 0 "$CRMBATCH" -i tests/fixtures/dialect-utf8 -o "$WORK/o" check --normalized "$WORK/utf8"
has "UTF-8, ','" "$WORK/out"
expect_exit 0 "$CRMBATCH" -i tests/fixtures/dialect-excel-fr -o "$WORK/o" check --normalized "$WORK/excel"
has "Windows-1252, ';'" "$WORK/out"
for f in "$WORK"/utf8/*.csv; do
	same_file "$f" "$WORK/excel/$(basename "$f")"
done
[ "$(ls "$WORK/utf8" | wc -l)" -eq 7 ] || fail "expected 7 canonical files"
# Accents came through as UTF-8.
has "Périphériques de l'Ouest SARL" "$WORK/excel/suppliers.csv"
has "Planète E-commerce 2023" "$WORK/excel/contacts.csv"
