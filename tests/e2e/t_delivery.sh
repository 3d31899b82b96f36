# Delivery slips: Marouin's keyboard ships at once, Hubert's 20 printers
# only once the purchase order's goods are in; a re-run ships nothing
# twice; with the partial policy, what is there ships and the rest follows.
O=$WORK/o
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
has "delivery: 1 slip(s) issued, 1 order(s) waiting for stock" "$WORK/err"
has "BL-2023-00001,delivery,SO-2023-002#1,Mme Sophie Marouin,2023-07-31,0.00,0.00,0.00," "$O/register.csv"
pdftotext -layout "$O/delivery-slips/BL-2023-00001.pdf" "$WORK/bl.txt"
for s in "Bon de livraison n° BL-2023-00001" "Livrer à" "Mme Sophie Marouin" "9 allée des Mimosas" "SO-2023-002" \
	"KBD-01" "Clavier sans fil AZERTY" "Commandé" "Déjà livré" "Livré ce jour" "Reste à livrer" "Signature du destinataire"; do
	pdf_has "$s" "$WORK/bl.txt"
done
grep -qE "PU HT|Montant|Total TTC|39,90" "$WORK/bl.txt" && fail "a delivery slip shows prices"

# Again: no second slip for the same shipment, though the export does not
# show it delivered yet.
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
has "delivery: 0 slip(s) issued, 1 order(s) waiting for stock" "$WORK/err"

# The goods arrive: Hubert's 20 printers ship, all of them; the keyboard
# shipped yesterday is not shipped again.
cp -r input "$WORK/day2"
sed -i 's/^PRN-LASER-01,\(.*\),245.00,6,0,/PRN-LASER-01,\1,245.00,31,0,/' "$WORK/day2/products.csv"
printf 'purchase_order,product,qty,date\nACH-2023-00001,PRN-LASER-01,25,2023-08-07\n' > "$WORK/day2/receipts.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/day2" -o "$O" --date 2023-08-07 run
has "delivery: 1 slip(s) issued, 0 order(s) waiting for stock" "$WORK/err"
has "BL-2023-00002,delivery,SO-2023-001#1,Hubert SARL,2023-08-07," "$O/register.csv"
pdftotext -layout "$O/delivery-slips/BL-2023-00002.pdf" "$WORK/bl2.txt"
grep -q "PRN-LASER-01 .* 20 *0 *20 *0" "$WORK/bl2.txt" || fail "Hubert's slip: $(grep PRN "$WORK/bl2.txt")"

# Partial policy: 6 ship today, 14 follow; the next day, when the export
# shows the 6 delivered and the goods in, the 14 get their own slip.
mkdir "$WORK/cfg"
sed 's/^policy = complete/policy = partial/' config/crmbatch.ini > "$WORK/cfg/crmbatch.ini"
expect_exit 0 "$CRMBATCH" -C "$WORK/cfg" -o "$WORK/p" --date 2023-07-31 run
has "delivery: 2 slip(s) issued, 0 order(s) waiting for stock" "$WORK/err"
pdftotext -layout "$WORK/p/delivery-slips/BL-2023-00001.pdf" "$WORK/p1.txt"
grep -q "PRN-LASER-01 .* 20 *0 *6 *14" "$WORK/p1.txt" || fail "partial slip: $(grep PRN "$WORK/p1.txt")"
sed -i 's/^SO-2023-001,SALON-001,2023-07-28,mathilde.roux,sale,PRN-LASER-01,,20,,15,,0,/SO-2023-001,SALON-001,2023-07-28,mathilde.roux,sale,PRN-LASER-01,,20,,15,,6,/' "$WORK/day2/order_lines.csv"
sed -i 's/^PRN-LASER-01,\(.*\),245.00,31,0,/PRN-LASER-01,\1,245.00,25,0,/' "$WORK/day2/products.csv"
expect_exit 0 "$CRMBATCH" -C "$WORK/cfg" -i "$WORK/day2" -o "$WORK/p" --date 2023-08-07 run
has "BL-2023-00003,delivery,SO-2023-001#2,Hubert SARL,2023-08-07," "$WORK/p/register.csv"
pdftotext -layout "$WORK/p/delivery-slips/BL-2023-00003.pdf" "$WORK/p3.txt"
grep -q "PRN-LASER-01 .* 20 *6 *14 *0" "$WORK/p3.txt" || fail "backorder slip: $(grep PRN "$WORK/p3.txt")"
# Nothing in stock: no slip.
sed 's/^KBD-01,Clavier sans fil AZERTY,39.90,TVA 20%,17.50,25,/KBD-01,Clavier sans fil AZERTY,39.90,TVA 20%,17.50,0,/' input/products.csv > "$WORK/day2/products.csv"
cp input/order_lines.csv "$WORK/day2/order_lines.csv"
rm -f "$WORK/day2/receipts.csv"
expect_exit 0 "$CRMBATCH" -C "$WORK/cfg" -i "$WORK/day2" -o "$WORK/empty" --date 2023-07-31 delivery
has "delivery: 1 slip(s) issued" "$WORK/err"
grep -q ',SO-2023-002#' "$WORK/empty/register.csv" && fail "a slip for a keyboard not in stock"
