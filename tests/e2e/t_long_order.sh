# A 60-line order spans pages: the table continues with its header
# repeated, long descriptions wrap, and every page says "Page X/Y".
mkdir "$WORK/in"
cp input/products.csv input/suppliers.csv input/customers.csv "$WORK/in/"
{
	echo "order_ref,customer,order_date,state,product,description,qty,discount_pct"
	i=1
	while [ $i -le 60 ]; do
		if [ $((i % 7)) -eq 0 ]; then
			d="Ligne $i : toner noir haute capacité, livraison sur site avec reprise des cartouches usagées, recyclage certifié et rapport de collecte « éco-organisme » joint"
		else
			d="Ligne $i : toner noir"
		fi
		echo "SO-LONG,CLI-LIBPORT,2023-07-31,quotation,TONER-01,\"$d\",$i,$((i % 3 * 5))"
		i=$((i + 1))
	done
} > "$WORK/in/order_lines.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/in" -o "$WORK/o" --date 2023-07-31 quotes
pdf=$WORK/o/quotes/DEV-2023-00001.pdf
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 2 ] || fail "60 lines on $pages page(s)"
pdftotext -layout "$pdf" "$WORK/t.txt"
has "Page 1/$pages" "$WORK/t.txt"
has "Page $pages/$pages" "$WORK/t.txt"
has "(suite)" "$WORK/t.txt"
# Every page that holds table rows starts with the table's header.
awk '/Désignation/ { h[page] = 1 } /Ligne [0-9]+ :/ { r[page] = 1 } /\f/ { page++ }
	END { for (p in r) if (!h[p]) exit 1 }' "$WORK/t.txt" || fail "a page of rows lacks the table header"
[ "$(grep -c "Désignation" "$WORK/t.txt")" -ge 2 ] || fail "the table header is not repeated"
for i in 1 30 59 60; do has "Ligne $i : toner noir" "$WORK/t.txt"; done
tr '\n' ' ' < "$WORK/t.txt" | grep -q "« éco-organisme » joint" || fail "long description lost"
# Sum of 1..60 toners at 79.00 less the discounts: the register and the PDF agree.
total=$(awk -F, '$2 == "quote" { print $8 }' "$WORK/o/register.csv")
fr=$(echo "$total" | awk '{ n = sprintf("%.2f", $1); sub(/\./, ",", n); i = index(n, ","); s = substr(n, 1, i - 1); d = substr(n, i); out = ""; while (length(s) > 3) { out = " " substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) } print s out d }')
has "$fr €" "$WORK/t.txt"
