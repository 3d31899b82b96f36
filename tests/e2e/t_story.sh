# make story: the seed story replayed day by day (tests/story/play.sh).
# What each day issued and what is owed after it is what
# tests/story/expected.txt says; the story is byte-for-byte reproducible;
# Hubert's invoice comes after his printers shipped, with its term.
sh tests/story/play.sh "$CRMBATCH" "$WORK/story" > "$WORK/out" 2> "$WORK/err" || fail "the story failed: $(cat "$WORK/err")"
diff tests/story/expected.txt "$WORK/out" > "$WORK/diff" || fail "the story's days differ from tests/story/expected.txt: $(head -20 "$WORK/diff")"
has "crmbatch --user erwan.levannois invoices: exit 77, as it must: invoices: 'erwan.levannois' lacks the billing role; nothing was posted" "$WORK/out"
grep -q ',erwan.levannois,' "$WORK/story/register.csv" && fail "Erwan's refused run issued something"
pdftotext -layout "$WORK/story/invoices/FAC-2023-00002.pdf" "$WORK/fac.txt"
grep -q "Date de facture  *07/08/2023" "$WORK/fac.txt" || fail "Hubert's invoice date"
grep -q "Date de livraison  *04/08/2023" "$WORK/fac.txt" || fail "Hubert's invoice states no delivery on 4 August"
pdf_has "Conditions de paiement : 30 jours fin de mois. Échéance : 7 935,60 € le 30/09/2023" "$WORK/fac.txt"
sh tests/story/play.sh "$CRMBATCH" "$WORK/again" > /dev/null 2>&1 || fail "the story failed the second time"
diff -r "$WORK/story" "$WORK/again" > "$WORK/diff" || fail "the story is not reproducible: $(head -5 "$WORK/diff")"
