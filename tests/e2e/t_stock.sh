# Stock shortfall and purchase orders on the sample day: Hubert's 20
# printers with 6 in stock make one purchase order to the printer supplier;
# a re-run orders nothing more; the next day's receipt makes it deliverable.
O=$WORK/o
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
has "stock: 1 purchase order(s) issued (1 line(s)), 1 order line(s) short" "$WORK/err"
has "PRN-LASER-01,\"Imprimante laser couleur A4 réseau, recto verso\",6,6,0,0,20,-14,14,25,SUP-IMPR" "$O/stock.csv"
has "KBD-01,Clavier sans fil AZERTY,25,1,24,0,1,24,0,0,SUP-PERIPH" "$O/stock.csv"
cat > "$WORK/want" <<'EOT'
order_ref,product,needed,available,missing,purchase_order,expected_date
SO-2023-001,PRN-LASER-01,20,6,14,ACH-2023-00001,2023-08-07
EOT
same_file "$WORK/want" "$O/shortfalls.csv"
has "ACH-2023-00001,purchase,SUP-IMPR/2023-07-31,Distri Impression SAS,2023-07-31,6125.00,1225.00,7350.00,EUR,2023-08-07," "$O/register.csv"
pdftotext "$O/purchase-orders/ACH-2023-00001.pdf" "$WORK/po.txt"
for s in "Commande fournisseur n° ACH-2023-00001" "Distri Impression SAS" "PRN-LASER-01" "25" "245,00" \
	"6 125,00" "7 350,00 €" "07/08/2023" "Adresse de livraison : Armor Bureautique"; do
	pdf_has "$s" "$WORK/po.txt"
done
# A quote tells what the stock position says: Hubert's order, had it
# still been a proposal (confirmed, it gets its confirmation only).
cp -r input "$WORK/sent"
sed -i 's/^\(SO-2023-001,[^,]*,[^,]*,[^,]*\),sale,/\1,sent,/' "$WORK/sent/order_lines.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/sent" -o "$WORK/sent-out" --date 2023-07-31 quotes
pdftotext "$WORK/sent-out/quotes/DEV-2023-00001.pdf" "$WORK/q.txt"
pdf_has "Hubert SARL" "$WORK/q.txt"
pdf_has "20 demandé(s), 6 en stock" "$WORK/q.txt"

# A re-run orders nothing more and tells the same: the day's order is the
# day's order, whether the run was interrupted or not.
cp "$O/stock.csv" "$O/shortfalls.csv" "$WORK/"
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
has "stock: 0 purchase order(s) issued" "$WORK/err"
[ "$(grep -c ',purchase,' "$O/register.csv")" -eq 1 ] || fail "a second purchase order"
same_file "$WORK/stock.csv" "$O/stock.csv"
same_file "$WORK/shortfalls.csv" "$O/shortfalls.csv"

# Nor does the next day, before the goods arrive: the order is incoming.
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-08-01 run
[ "$(grep -c ',purchase,' "$O/register.csv")" -eq 1 ] || fail "a second purchase order the next day"
has "PRN-LASER-01,\"Imprimante laser couleur A4 réseau, recto verso\",6,6,0,25,20,11,14,0,SUP-IMPR" "$O/stock.csv"

# The goods arrive: on hand 31, the receipt closes the order; Hubert's 20
# printers can be delivered; nothing is short and nothing more is ordered.
cp -r input "$WORK/day2"
sed -i 's/^PRN-LASER-01,\(.*\),245.00,6,0,/PRN-LASER-01,\1,245.00,31,0,/' "$WORK/day2/products.csv"
printf 'purchase_order,product,qty,date\nACH-2023-00001,PRN-LASER-01,25,2023-08-07\n' > "$WORK/day2/receipts.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/day2" -o "$O" --date 2023-08-07 run
has "stock: 0 purchase order(s) issued (0 line(s)), 0 order line(s) short" "$WORK/err"
has "PRN-LASER-01,\"Imprimante laser couleur A4 réseau, recto verso\",31,20,11,0,20,11,0,0,SUP-IMPR" "$O/stock.csv"
[ "$(grep -c . "$O/shortfalls.csv")" -eq 1 ] || fail "still short: $(cat "$O/shortfalls.csv")"

# A receipt for an order crmbatch never issued is reported, not lost.
printf 'purchase_order,product,qty\nACH-2099-00042,KBD-01,3\n' > "$WORK/day2/receipts.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/day2" -o "$O" --date 2023-08-07 run
has "receipts.csv: warning: purchase_order: no open line of this product on a purchase order crmbatch issued: receipt ignored 'ACH-2099-00042'" "$WORK/err"

# A make-to-order service sold with no supplier: the need is reported,
# and blocks nothing else.
cp -r input "$WORK/mto"
printf 'SO-2023-004,CLI-LIBPORT,2023-07-31,erwan.levannois,sale,SRV-INSTALL,,3,,,,0,,\n' >> "$WORK/mto/order_lines.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/mto" -o "$WORK/mto-out" --date 2023-07-31 run
has "SRV-INSTALL needs 3 more but has no supplier: nothing ordered" "$WORK/err"
has "stock: 1 purchase order(s) issued" "$WORK/err"
has "SO-2023-004,SRV-INSTALL,3,0,3,," "$WORK/mto-out/shortfalls.csv"
