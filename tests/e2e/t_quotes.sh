# Quotes and order confirmations of the sample day: numbers and totals in
# the register, the text of the PDFs, idempotent re-runs, revisions, a
# cancelled order, safe paths, byte-for-byte reproducibility, long orders.
O=$WORK/o
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
# Hubert's and Marouin's orders are first seen confirmed: their
# confirmations only, no quote dated after the order.
has "quotes: 1 quote(s) and 2 order confirmation(s) issued" "$WORK/err"
grep -e '^number,' -e ',quote,' -e ',order,' "$O/register.csv" | cut -d, -f1-11 > "$WORK/reg"
cat > "$WORK/want" <<'EOT'
number,kind,source_ref,partner,issue_date,untaxed,tax,total,currency,due_date,payment_state
CMD-2023-00001,order,SO-2023-001,Hubert SARL,2023-07-31,6613.00,1322.60,7935.60,EUR,,
CMD-2023-00002,order,SO-2023-002,Mme Sophie Marouin,2023-07-31,37.91,7.58,45.49,EUR,,
DEV-2023-00001,quote,SO-2023-003,Librairie du Port,2023-07-31,381.00,76.20,457.20,EUR,2023-08-30,
EOT
same_file "$WORK/want" "$WORK/reg"
# Who issued, which file, its checksum.
has ",mathilde.roux,quotes/DEV-2023-00001.pdf," "$O/register.csv"
sum=$(sha256sum "$O/quotes/DEV-2023-00001.pdf" | cut -d' ' -f1)
has "$sum" "$O/register.csv"

# What the customer reads.
pdftotext "$O/quotes/DEV-2023-00001.pdf" "$WORK/q1.txt"
for s in "Devis n° DEV-2023-00001" "Librairie du Port" "Toner noir haute capacité pour imprimante laser" \
	"79,00" "316,00" "76,20" "457,20 €" "Valable jusqu'au" "30/08/2023" "PU HT" "hors taxes" \
	"« Bon pour accord »" "SIREN 812 345 676" "Page 1/1"; do
	pdf_has "$s" "$WORK/q1.txt"
done
pdftotext "$O/orders/CMD-2023-00001.pdf" "$WORK/c1.txt"
pdf_has "Confirmation de commande n° CMD-2023-00001" "$WORK/c1.txt"
pdf_has "7 935,60 €" "$WORK/c1.txt"
# The same day with Hubert's and Marouin's orders still proposals: their
# quotes, Hubert's (a business: excluding tax) with the stock warning,
# Marouin's (a consumer) in prices including tax.
cp -r input "$WORK/sent"
sed -i 's/^\(SO-2023-00[12],[^,]*,[^,]*,[^,]*\),sale,/\1,sent,/' "$WORK/sent/order_lines.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/sent" -o "$WORK/sent-out" --date 2023-07-31 quotes
has "quotes: 3 quote(s) and 0 order confirmation(s) issued" "$WORK/err"
pdftotext "$WORK/sent-out/quotes/DEV-2023-00001.pdf" "$WORK/q1.txt"
for s in "Devis n° DEV-2023-00001" "Hubert SARL" "Imprimante laser couleur A4 réseau, recto verso" \
	"389,00" "15 %" "6 613,00" "1 322,60" "7 935,60 €" "20 demandé(s), 6 en stock"; do
	pdf_has "$s" "$WORK/q1.txt"
done
pdftotext "$WORK/sent-out/quotes/DEV-2023-00002.pdf" "$WORK/q2.txt"
for s in "Clavier sans fil AZERTY" "PU TTC" "Montant TTC" "47,88" "5 %" "45,49" "dont TVA" "7,58" \
	"Conditions de paiement : comptant" "Prix toutes taxes comprises"; do
	pdf_has "$s" "$WORK/q2.txt"
done
grep -q "en stock" "$WORK/q2.txt" && fail "Marouin's keyboard is in stock: no warning expected"
pdffonts "$O/quotes/DEV-2023-00001.pdf" > "$WORK/fonts"
grep -q "DejaVuSans.*yes yes" "$WORK/fonts" || fail "font not embedded and subset: $(cat "$WORK/fonts")"

# A re-run issues nothing new and changes no byte.
cp -r "$O" "$WORK/before"
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
has "0 quote(s) and 0 order confirmation(s) issued, 3 already issued" "$WORK/err"
diff -r "$WORK/before" "$O" > /dev/null || fail "a re-run changed the output: $(diff -r "$WORK/before" "$O" | head -5)"

# Same inputs, config and date into a new folder: the same bytes.
expect_exit 0 "$CRMBATCH" -o "$WORK/o2" --date 2023-07-31 run
for f in quotes/DEV-2023-00001.pdf orders/CMD-2023-00001.pdf orders/CMD-2023-00002.pdf register.csv; do
	same_file "$O/$f" "$WORK/o2/$f"
done

# The bookshop's quotation changes: a revision, never a silent overwrite.
cp -r input "$WORK/in"
sed -i 's/^SO-2023-003,CLI-LIBPORT,2023-07-31,erwan.levannois,quotation,TONER-01,,4,/SO-2023-003,CLI-LIBPORT,2023-07-31,erwan.levannois,quotation,TONER-01,,6,/' "$WORK/in/order_lines.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/in" -o "$O" --date 2023-08-01 run
has "1 quote(s) and 0 order confirmation(s) issued" "$WORK/err"
has "DEV-2023-00001-2,quote,SO-2023-003,Librairie du Port,2023-08-01,539.00," "$O/register.csv"
same_file "$WORK/before/quotes/DEV-2023-00001.pdf" "$O/quotes/DEV-2023-00001.pdf"
pdftotext "$O/quotes/DEV-2023-00001-2.pdf" - | grep -q "Devis n° DEV-2023-00001-2" || fail "revision PDF"

# Then it is cancelled: nothing issued, the issued quote is reported.
sed -i 's/,erwan.levannois,quotation,/,erwan.levannois,cancel,/' "$WORK/in/order_lines.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/in" -o "$O" --date 2023-08-02 run
has "order cancelled; quote DEV-2023-00001-2 had been issued for it" "$WORK/err"
has "order cancelled; quote DEV-2023-00001-2 had been issued for it" "$O/rejects.csv"
[ "$(grep -c -e ',quote,' -e ',order,' "$O/register.csv")" -eq 4 ] || fail "the register should hold 4 sales documents"

# Lines of one order that contradict each other are refused, counted, named.
printf 'SO-2023-001,CLI-LIBPORT,2023-07-28,mathilde.roux,sale,KBD-01,,1,,,,0,,\n' >> "$WORK/in/order_lines.csv"
expect_exit 65 "$CRMBATCH" -i "$WORK/in" -o "$O" --date 2023-08-02 run
has "order_lines.csv:6:2: customer: customer differs from the first line of order SO-2023-001 (line 2)" "$WORK/err"
has "order_lines.csv               5          4          1" "$WORK/err"

# The logo from the config is on the documents; a logo that is not a PNG
# is a config error before anything is issued.
mkdir "$WORK/cfg"
sed 's|^; logo .*|logo = tests/fixtures/logo.png|' config/crmbatch.ini > "$WORK/cfg/crmbatch.ini"
expect_exit 0 "$CRMBATCH" -C "$WORK/cfg" -o "$WORK/logo" --date 2023-07-31 quotes
[ "$(pdfimages -list "$WORK/logo/quotes/DEV-2023-00001.pdf" | tail -n +3 | wc -l)" -eq 1 ] || fail "no logo in the PDF"
sed -i 's|^logo = .*|logo = README.md|' "$WORK/cfg/crmbatch.ini"
expect_exit 78 "$CRMBATCH" -C "$WORK/cfg" -o "$WORK/logo2" --date 2023-07-31 quotes
has "[company] logo: 'README.md' is not a readable PNG file" "$WORK/err"
[ ! -e "$WORK/logo2/register.csv" ] || fail "a bad config still opened the register"

# No value from a CSV chooses a path: a hostile order reference stays a reference.
mkdir "$WORK/evil"
cp input/products.csv input/customers.csv input/suppliers.csv "$WORK/evil/"
printf 'order_ref,customer,product,qty\n../../../../tmp/evil,CLI-LIBPORT,KBD-01,1\n' > "$WORK/evil/order_lines.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/evil" -o "$WORK/evil-out" --date 2023-07-31 quotes
[ -f "$WORK/evil-out/quotes/DEV-2023-00001.pdf" ] || fail "the quote is not where it belongs"
[ "$(find "$WORK" -name '*.pdf' -newer "$WORK/evil/order_lines.csv" | grep -vc "^$WORK/evil-out/quotes/")" -eq 0 ] || fail "a PDF was written elsewhere"
