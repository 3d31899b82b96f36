# The fonts and weight of the PDFs (#25): each document embeds a subset of
# DejaVu Sans holding the glyphs it uses, so that the sample day's one-page
# invoice with its Factur-X weighs at most 24 KB and its quote 16 KB, and a
# text using the rarer WinAnsi characters (’ œ € « » — … ‰ † and capitals
# with accents) still extracts and draws with every reader here.
O=$WORK/o
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
inv=$O/invoices/FAC-2023-00001.pdf quote=$O/quotes/DEV-2023-00001.pdf
size=$(wc -c < "$inv")
[ "$size" -le 24576 ] || fail "the sample invoice with its Factur-X weighs $size bytes, more than 24 KB"
size=$(wc -c < "$quote")
[ "$size" -le 16384 ] || fail "the sample quote weighs $size bytes, more than 16 KB"
pdfinfo "$inv" | grep -q '^Pages: *1$' || fail "the sample invoice is not one page: $(pdfinfo "$inv" | grep Pages)"

# Every reader available here reads every document without a word.
readers() { # PDF
	pdffonts "$1" > "$WORK/fonts" 2> "$WORK/fonts.err" || fail "pdffonts $1: $(cat "$WORK/fonts.err")"
	[ -s "$WORK/fonts.err" ] && fail "pdffonts $1: $(cat "$WORK/fonts.err")"
	[ "$(grep -c 'DejaVuSans.*TrueType.*yes yes' "$WORK/fonts")" = 2 ] || fail "$1: two embedded subsets expected: $(cat "$WORK/fonts")"
	pdftotext "$1" /dev/null 2> "$WORK/text.err"
	[ -s "$WORK/text.err" ] && fail "pdftotext $1: $(cat "$WORK/text.err")"
	pdftoppm -r 30 -png "$1" "$WORK/page" 2> "$WORK/draw.err"
	[ -s "$WORK/draw.err" ] && fail "pdftoppm $1: $(cat "$WORK/draw.err")"
	if command -v qpdf > /dev/null 2>&1; then
		qpdf --check "$1" > "$WORK/qpdf" 2>&1 || fail "qpdf --check $1: $(cat "$WORK/qpdf")"
	else
		skip "qpdf --check (apt-get install qpdf)"
	fi
	if command -v mutool > /dev/null 2>&1; then
		mutool draw -o /dev/null "$1" 2>&1 | grep -v -e '^page ' -e 'ICC support is not available' > "$WORK/mutool"
		[ -s "$WORK/mutool" ] && fail "mutool draw $1: $(cat "$WORK/mutool")"
	else
		skip "mutool draw (apt-get install mupdf-tools)"
	fi
	return 0
}
for f in "$O"/*.pdf "$O"/*/*.pdf; do
	readers "$f"
done

# The rarer characters, in an order line's description.
cp -r input "$WORK/in"
sed -i 's/^\(SO-2023-001,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),,/\1,"L’œuvre à 0,5 € — « cœur » ÀÉÎÕÜ ç ñ ß … ‰ †",/' "$WORK/in/order_lines.csv"
grep -q 'L’œuvre' "$WORK/in/order_lines.csv" || fail "the test's description was not placed"
expect_exit 0 "$CRMBATCH" -i "$WORK/in" -o "$WORK/o2" --date 2023-07-31 run
for f in "$WORK/o2/invoices/FAC-2023-00001.pdf" "$WORK/o2/orders/CMD-2023-00001.pdf"; do
	readers "$f"
	pdftotext "$f" "$WORK/t.txt"
	pdf_has "L’œuvre à 0,5 € — « cœur » ÀÉÎÕÜ ç ñ ß … ‰ †" "$WORK/t.txt"
done
# More glyphs, a larger regular subset: the font program (its /Length1,
# the uncompressed length) follows the text.
length1() { grep -a -o '/Length1 [0-9]*' "$1" | head -1 | cut -d' ' -f2; } # the regular face comes first
a=$(length1 "$O/orders/CMD-2023-00001.pdf") b=$(length1 "$WORK/o2/orders/CMD-2023-00001.pdf")
[ -n "$a" ] && [ -n "$b" ] && [ "$b" -gt "$a" ] || fail "16 more glyphs used, yet the font program did not grow ($a, then $b bytes)"
