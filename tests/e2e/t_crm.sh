# The CRM half on the sample day: leads, history, agenda and pipeline as
# the trade-show story says; warnings kept; reruns identical; refusals.
O=$WORK/o
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
for f in leads history agenda pipeline; do
	same_file tests/fixtures/expected/$f.csv "$O/$f.csv"
done
has "leads: 5 lead(s) from 6 card(s): 1 merged, 0 unassigned, 1 card warning(s)" "$WORK/err"
has "activities: 21 applied, 0 refused; agenda: 1 overdue, 1 today, 4 planned" "$WORK/err"
# The story, read from leads.csv: who won or lost what, and who followed it.
grep -q '^L-SALON-001,Renouveler ses 20 imprimantes,M.,Jean,Hubert,Hubert,.*,mathilde.roux,Won,won,' "$O/leads.csv" || fail "Hubert"
grep -q '^L-SALON-002,.*,erwan.levannois,New,lost,.*,ne donnera pas suite,' "$O/leads.csv" || fail "Baroli"
grep -q '^L-SALON-003,.*,Marouin,.*,erwan.levannois,Won,won,' "$O/leads.csv" || fail "Marouin"
grep -q '^L-SALON-001,2023-07-24,call,mathilde.roux,.*,27,,$' "$O/history.csv" || fail "Hubert's 27-minute call"
# Warnings kept in rejects.csv, nothing lost: the merged card and the bad phone.
has "duplicate of card SALON-001 (same e-mail): merged into lead L-SALON-001" "$O/rejects.csv"
has "input/contacts.csv,6,8,phone,02 97 12 34,warning," "$O/rejects.csv"
grep -q '^L-SALON-005,.*Téléphone illisible sur la carte : 02 97 12 34' "$O/leads.csv" || fail "the bad phone is not in the notes"
grep -q ',error,' "$O/rejects.csv" && fail "the sample day has errors"

# Twice: identical files.
cp -r "$O" "$WORK/first"
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 run
for f in leads.csv history.csv agenda.csv pipeline.csv pipeline.pdf rejects.csv; do
	same_file "$WORK/first/$f" "$O/$f"
done

# The agenda command, for one user and for all.
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 agenda --user erwan.levannois
has "Erwan Levannois (erwan.levannois)" "$WORK/out"
has "2023-07-28  todo     L-SALON-003    Mme Sophie Marouin — Appeler pour la satisfaction (3 days late)" "$WORK/out"
has "Today" "$WORK/out"
grep -q "mathilde" "$WORK/out" && fail "another user's activities in erwan's agenda"
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-07-31 agenda
has "Mathilde Roux (mathilde.roux)" "$WORK/out"
expect_exit 64 "$CRMBATCH" -o "$O" --date 2023-07-31 agenda --user nobody
# The same activities another day: what was planned is now overdue.
expect_exit 0 "$CRMBATCH" -o "$O" --date 2023-08-05 agenda --user mathilde.roux
has "2023-08-02  call     L-SALON-001    Hubert — Planifier la livraison et l'installation (3 days late)" "$WORK/out"

# The pipeline report, as text.
pdftotext -layout "$O/pipeline.pdf" "$WORK/p.txt"
for s in "Pipeline commercial au 31/07/2023" "Qualified (30 %)" "Proposition (60 %)" "Won (100 %)" \
	"Mathilde Roux" "Erwan Levannois" "15 820 €" "11 570 €" "2 700 €" "Page 1/1"; do
	pdf_has "$s" "$WORK/p.txt"
done
[ "$(pdfinfo "$O/pipeline.pdf" | awk '/^Pages:/ { print $2 }')" -eq 1 ] || fail "the pipeline report is not one page"

# Rows that make no sense are refused, named, counted.
expect_exit 65 "$CRMBATCH" -i tests/fixtures/crm-bad -o "$WORK/bad" --date 2023-07-31 run
has "activities.csv:2: date: activity dated 2023-07-19, before the lead was met (2023-07-20)" "$WORK/err"
has "activities.csv:4: type: stage move on a lead already won" "$WORK/err"
has "activities.csv:5: type: lost on a lead already won" "$WORK/err"
has "activities.csv:6:6: stage: unknown stage" "$WORK/err"
has "activities.csv:7:1: lead: unknown lead" "$WORK/err"
has "activities.csv:8:5: user: unknown user" "$WORK/err"
has "activities.csv                8          2          6" "$WORK/err"
