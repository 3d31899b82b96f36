# Two teams: pre-sales owns New and Qualified, sales owns Proposition and
# Won. Leads start with pre-sales; a move to Proposition hands them to
# sales, assigned to a sales member, and the hand-off is in the history.
C=tests/fixtures/teams
expect_exit 0 "$CRMBATCH" -C "$C" -o "$WORK/o" --date 2023-07-31 run
O=$WORK/o
grep -q '^lead_id,.*,notes,team,street,zip,country$' "$O/leads.csv" || fail "no team column"
grep -q '^L-SALON-003,.*,mathilde.roux,Won,won,.*,Ventes,[^,]*,[^,]*,[^,]*$' "$O/leads.csv" || fail "Marouin should end with sales"
grep -q '^L-SALON-005,.*,erwan.levannois,Qualified,open,.*,Pré-vente,[^,]*,[^,]*,[^,]*$' "$O/leads.csv" || fail "Le Gall stays with pre-sales"
grep -q '^L-SALON-002,.*,erwan.levannois,New,lost,.*,Pré-vente,[^,]*,[^,]*,[^,]*$' "$O/leads.csv" || fail "Baroli stays with pre-sales"
# Erwan moved Marouin to Proposition: not a sales member, so the lead goes
# to the sales team's member, and the history says so.
has "L-SALON-003,2023-07-25,stage,erwan.levannois,Devis clavier envoyé,,New,Proposition" "$O/history.csv"
has "L-SALON-003,2023-07-25,handoff,mathilde.roux,Pré-vente (erwan.levannois) -> Ventes (mathilde.roux),,Proposition,Proposition" "$O/history.csv"
has "team,Pré-vente,2,3500.00,1050.00,0,1" "$O/pipeline.csv"
has "team,Ventes,3,12320.00,10520.00,2,0" "$O/pipeline.csv"
pdftotext -layout "$O/pipeline.pdf" "$WORK/p.txt"
pdf_has "Par équipe" "$WORK/p.txt"
pdf_has "Pré-vente" "$WORK/p.txt"
# A leader's view: the planned activities of the team's members.
expect_exit 0 "$CRMBATCH" -C "$C" -o "$O" --date 2023-07-31 agenda --team sales
has "Mathilde Roux (mathilde.roux)" "$WORK/out"
grep -q "erwan" "$WORK/out" && fail "pre-sales activities in the sales team's agenda"
expect_exit 0 "$CRMBATCH" -C "$C" -o "$O" --date 2023-07-31 agenda --team Pré-vente
has "Erwan Levannois (erwan.levannois)" "$WORK/out"
expect_exit 64 "$CRMBATCH" -C "$C" -o "$O" --date 2023-07-31 agenda --team nobody
# Without teams (the sample config), nothing of this appears.
expect_exit 0 "$CRMBATCH" -o "$WORK/plain" --date 2023-07-31 run
grep -q ',handoff,' "$WORK/plain/history.csv" && fail "hand-offs without teams"
grep -q '^team,' "$WORK/plain/pipeline.csv" && fail "team rows without teams"
