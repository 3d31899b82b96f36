# Invoices of the sample day: numbers, due dates, every legal mention on the
# PDF, Factur-X beside and inside it (validated when the validator is
# installed: .ci/run installs it), payments, receivables, rights.
O=$WORK/o
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
has "invoices: 2 invoice(s) posted with Factur-X, 7981.09 EUR" "$WORK/err"
has "FAC-2023-00001,invoice,SO-2023-001#1,Hubert SARL,2023-07-31,6613.00,1322.60,7935.60,EUR,2023-08-30,not_paid,mathilde.roux,invoices/FAC-2023-00001.pdf," "$O/register.csv"
# The register says how each invoice was issued and is never rewritten:
# what was paid is in receivables.csv.
has "FAC-2023-00002,invoice,SO-2023-002#1,Mme Sophie Marouin,2023-07-31,37.91,7.58,45.49,EUR,2023-07-31,not_paid,mathilde.roux," "$O/register.csv"
has "FAC-2023-00002,SALON-003,Mme Sophie Marouin,2023-07-31,45.49,45.49,0.00,2023-07-31,0,paid,paid" "$O/receivables.csv"

# Every mention a French invoice must carry, on the PDF.
pdftotext "$O/invoices/FAC-2023-00001.pdf" "$WORK/f1.txt"
for s in "Armor Bureautique" "SARL au capital de 20 000,00 €" "8 rue du Port" "56000 Vannes" "SIREN 812 345 676" \
	"RCS Vannes 812 345 676" "TVA FR19812345676" \
	"Hubert SARL" "12 rue des Tanneurs" "67000 Strasbourg" "443061809" "TVA : FR65443061809" \
	"Facture n° FAC-2023-00001" "Date de facture" "31/07/2023" "Date de la commande" "28/07/2023" \
	"Notre commande" "SO-2023-001" \
	"Imprimante laser couleur A4 réseau, recto verso" "20" "389,00" "15 %" "20 %" "6 613,00" \
	"Base HT" "1 322,60" "Total TTC" "7 935,60 €" "Échéance" "30/08/2023" \
	"Conditions de paiement : fin de mois + 30 jours" "7 935,60 € le 30/08/2023" \
	"Pénalités de retard (C. com. art. L441-10), exigibles sans rappel le jour suivant la date d'échéance : taux d'intérêt de la BCE majoré de 10 points." \
	"Indemnité forfaitaire pour frais de recouvrement : 40 €" "Pas d'escompte pour paiement anticipé" \
	"Nature de l'opération : livraison de biens" "IBAN FR76"; do
	pdf_has "$s" "$WORK/f1.txt"
done
# Hubert's printers wait for the supplier: his invoice states no delivery
# date, on the PDF or as BT-72; Marouin's keyboard shipped today (BL-2023-00001).
grep -q "Date de livraison" "$WORK/f1.txt" && fail "an undelivered order's invoice states a delivery date"
grep -q "ActualDeliverySupplyChainEvent" "$O/invoices/FAC-2023-00001.xml" && fail "an undelivered order's invoice sends BT-72"
grep -q "Votre commande" "$WORK/f1.txt" && fail "the firm's own order shown as the buyer's"
grep -q "<ram:SellerOrderReferencedDocument><ram:IssuerAssignedID>SO-2023-001</ram:IssuerAssignedID>" "$O/invoices/FAC-2023-00001.xml" \
	|| fail "the firm's order is not BT-14"
grep -q "BuyerOrderReferencedDocument" "$O/invoices/FAC-2023-00001.xml" && fail "BT-13 without a buyer's reference"
grep -q "<ram:OccurrenceDateTime><udt:DateTimeString format=\"102\">20230731</udt:DateTimeString>" "$O/invoices/FAC-2023-00002.xml" \
	|| fail "the shipped order's invoice lacks BT-72"
# Marouin is a private customer: no 40 € indemnity on her invoice.
pdftotext "$O/invoices/FAC-2023-00002.pdf" "$WORK/f2.txt"
pdf_has "Date de livraison" "$WORK/f2.txt"
pdf_has "Facture n° FAC-2023-00002" "$WORK/f2.txt"
pdf_has "45,49 € le 31/07/2023" "$WORK/f2.txt"
grep -q "Indemnité forfaitaire" "$WORK/f2.txt" && fail "the 40 € indemnity on a private customer's invoice"
grep -q "L441-10\|Pénalités de retard" "$WORK/f2.txt" && fail "business late-payment penalties on a private customer's invoice"
pdf_has "Garantie légale de conformité (C. consom. art. L217-3 et suivants)" "$WORK/f2.txt"
grep -q "Garantie légale" "$WORK/f1.txt" && fail "a consumer's guarantee on a business's invoice"
# Both faces embedded, as PDF/A wants (that each is the whole face, the
# same program in every document, is checked by check_pdffont).
for f in 1 2; do
	pdffonts "$O/invoices/FAC-2023-0000$f.pdf" > "$WORK/fonts$f" || fail "pdffonts FAC-2023-0000$f"
	[ "$(grep -c 'DejaVuSans.*TrueType *WinAnsi *yes' "$WORK/fonts$f")" -eq 2 ] || fail "FAC-2023-0000$f: fonts not both embedded: $(cat "$WORK/fonts$f")"
done

# Factur-X: the XML beside the PDF is the one embedded in it.
pdfdetach -list "$O/invoices/FAC-2023-00001.pdf" | grep -q "factur-x.xml" || fail "no factur-x.xml embedded"
pdfdetach -save 1 "$O/invoices/FAC-2023-00001.pdf" -o "$WORK/embedded.xml"
same_file "$O/invoices/FAC-2023-00001.xml" "$WORK/embedded.xml"
pdfinfo "$O/invoices/FAC-2023-00001.pdf" | grep -q "Metadata Stream: yes" || fail "no XMP metadata"
pdfinfo "$O/invoices/FAC-2023-00001.pdf" | grep -q "PDF version: *1.7" || fail "not PDF 1.7"
# PDF/A's output intent (sRGB) and associated file, in the catalog.
for s in "/OutputIntents" "/GTS_PDFA1" "/DestOutputProfile" "/AFRelationship /Data" "/AF "; do
	grep -aq -- "$s" "$O/invoices/FAC-2023-00001.pdf" || fail "no $s in the invoice"
done
grep -q "<ram:DueDateDateTime><udt:DateTimeString format=\"102\">20230830</udt:DateTimeString>" "$O/invoices/FAC-2023-00001.xml" || fail "due date in the XML"
if have_facturx; then
	for f in "$O"/invoices/*.xml; do
		"$FACTURX_VALIDATOR" --fr "$f" > "$WORK/v.txt" 2>&1 || fail "$(basename "$f") fails Factur-X validation: $(cat "$WORK/v.txt")"
	done
	echo "Factur-X: $(ls "$O"/invoices/*.xml | wc -l) invoices valid (XSD, EN 16931, French rules)" >&2
else
	skip "Factur-X validation ($FACTURX_NEEDS)"
fi

# Invoices look the same on a re-run, and nothing is invoiced twice.
cp "$O/register.csv" "$WORK/reg1"
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
has "invoices: 0 invoice(s) posted" "$WORK/err"
has "payments: 0 applied, 1 already applied" "$WORK/err"
same_file "$WORK/reg1" "$O/register.csv"

# Payments: partial, several, overpayment kept as credit, unmatched kept.
cp -r input "$WORK/day2"
cat > "$WORK/day2/payments.csv" <<'EOT'
payment_ref,date,invoice,customer,amount,method
PAY-2023-0002,2023-08-10,FAC-2023-00001,,3000.00,virement
PAY-2023-0003,2023-08-20,FAC-2023-00001,,4000.00,virement
PAY-2023-0004,2023-08-25,,SALON-001,999.99,chèque
PAY-2023-0005,2023-08-28,FAC-2023-00001,,1000.00,virement
EOT
expect_exit 0 "$CRMBATCH" -i "$WORK/day2" -o "$O" --date 2023-09-05 payments
has "payments: 3 applied, 0 already applied, 1 credit(s), 1 unmatched; invoices: 2 paid" "$WORK/err"
has 'PAY-2023-0004,warning,"payment matches no invoice' "$O/rejects.csv"
has "overpayment of 64.40 on FAC-2023-00001 kept as the customer's credit" "$WORK/err"
has "FAC-2023-00001,SALON-001,Hubert SARL,2023-07-31,7935.60,7935.60,0.00,2023-08-30,0,paid,paid" "$O/receivables.csv"
has "PAY-2023-0005+credit,2023-08-28,SALON-001,FAC-2023-00001,64.40,credit" "$O/payments_applied.csv"
# A partial payment alone leaves the invoice partly paid and ages it.
rm -rf "$WORK/o3"
expect_exit 0 "$CRMBATCH" -o "$WORK/o3" --date 2023-07-31 run
printf 'payment_ref,date,invoice,customer,amount,method\nP1,2023-08-10,FAC-2023-00001,,1000.00,virement\n' > "$WORK/day2/payments.csv"
expect_exit 0 "$CRMBATCH" -i "$WORK/day2" -o "$WORK/o3" --date 2023-10-15 payments
has "FAC-2023-00001,SALON-001,Hubert SARL,2023-07-31,7935.60,1000.00,6935.60,2023-08-30,46,31-60,partial" "$WORK/o3/receivables.csv"
has "FAC-2023-00001,invoice,SO-2023-001#1,Hubert SARL,2023-07-31,6613.00,1322.60,7935.60,EUR,2023-08-30,not_paid," "$WORK/o3/register.csv"

# Rights: the sales role may not post invoices. Run as the OS account
# erwan.levannois (created here when we are root): refused with exit 77,
# nothing posted, and his other stages still run.
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1; then
	id erwan.levannois >/dev/null 2>&1 || useradd -M -s /bin/false erwan.levannois 2>/dev/null
fi
if id erwan.levannois >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	mkdir -m 777 "$WORK/erwan"
	chmod 755 "$WORK"
	runuser -u erwan.levannois -- "$CRMBATCH" -o "$WORK/erwan" --date 2023-07-31 run > "$WORK/out" 2> "$WORK/err"
	[ $? -eq 77 ] || fail "Erwan's run did not exit 77: $(tail -3 "$WORK/err")"
	has "crmbatch: invoices: 'erwan.levannois' lacks the billing role; nothing was posted" "$WORK/err"
	has "crmbatch: payments: 'erwan.levannois' lacks the billing role" "$WORK/err"
	has "quotes: 1 quote(s) and 2 order confirmation(s) issued" "$WORK/err"
	grep -q ',invoice,' "$WORK/erwan/register.csv" && fail "Erwan posted an invoice"
	has ",erwan.levannois,quotes/DEV-2023-00001.pdf," "$WORK/erwan/register.csv"
	# He may prepare drafts: no number, not registered.
	runuser -u erwan.levannois -- "$CRMBATCH" -o "$WORK/erwan" --date 2023-07-31 invoices --draft > "$WORK/out" 2> "$WORK/err"
	[ $? -eq 0 ] || fail "Erwan's draft: $(tail -3 "$WORK/err")"
	pdftotext "$WORK/erwan/invoices/drafts/SO-2023-001.pdf" - | grep -q "BROUILLON" || fail "the draft is not marked as a draft"
	grep -q ',invoice,' "$WORK/erwan/register.csv" && fail "a draft was registered"
else
	skip "rights test (needs root to create the account erwan.levannois)"
fi

# An early-payment discount configured for a term is printed, and put in
# the Factur-X notes; a malformed one is a config error.
mkdir -p "$WORK/cfg"
sed 's/^30 jours = 1% 10 days/fin de mois + 30 jours = 1,5% 8 days/' config/crmbatch.ini > "$WORK/cfg/crmbatch.ini"
expect_exit 0 "$CRMBATCH" -C "$WORK/cfg" -o "$WORK/esc" --date 2023-07-31 invoices
pdftotext "$WORK/esc/invoices/FAC-2023-00001.pdf" "$WORK/e.txt"
pdf_has "Escompte de 1,5 % pour paiement avant le 08/08/2023." "$WORK/e.txt"
grep -q "Escompte de 1,5 % pour paiement avant le 08/08/2023.</ram:Content><ram:SubjectCode>AAB" "$WORK/esc/invoices/FAC-2023-00001.xml" || fail "escompte not in the XML"
sed -i 's/^fin de mois + 30 jours = 1,5% 8 days/fin de mois + 30 jours = un peu/' "$WORK/cfg/crmbatch.ini"
expect_exit 78 "$CRMBATCH" -C "$WORK/cfg" -o "$WORK/esc" --date 2023-07-31 invoices
has "[escompte] fin de mois + 30 jours: 'un peu'" "$WORK/err"

# --user: only an admin may act as another user (narrowing), never the rest.
expect_exit 77 "$CRMBATCH" -o "$WORK/as" --date 2023-07-31 --user erwan.levannois run
has "is not an admin and may act only as itself" "$WORK/err"
printf '\n[user %s]\nname = Admin\nroles = admin\n' "$(id -un)" >> "$WORK/cfg/crmbatch.ini"
sed -i 's/^fin de mois + 30 jours = un peu/fin de mois + 30 jours = 1% 10 days/' "$WORK/cfg/crmbatch.ini"
expect_exit 77 "$CRMBATCH" -C "$WORK/cfg" -o "$WORK/as" --date 2023-07-31 --user erwan.levannois run
has "invoices: 'erwan.levannois' lacks the billing role; nothing was posted" "$WORK/err"
