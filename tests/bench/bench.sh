#!/bin/sh
# make bench: figures for the reader and validation on large generated days.
# Prints MB/s and rows/s of a bare libcsv pass and of `crmbatch check` over
# the same files, side by side, and peak RSS at two sizes (memory must not
# grow with rows beyond the key indexes). Figures only: nothing is asserted.
set -eu
B=build/bench
LINES=${BENCH_LINES:-1000000}
CARDS=${BENCH_CARDS:-100000}
SMALL=$((LINES / 4))

GEN_VERSION=5 # bump when gen.c changes what it writes
# The figures issue 25 asks for, collected as the sections run and printed
# together at the end: one "KEY VALUE" a line.
SUMMARY=$B/summary
mkdir -p $B && : > $SUMMARY
note() { echo "$1 $2" >> $SUMMARY; }
gen() { # DIR LINES CARDS DIALECT [PRODUCTS CUSTOMERS]
	if [ ! -f "$1/.done" ] || [ "$(cat "$1/.done")" != "v$GEN_VERSION $*" ]; then
		rm -rf "$1" && mkdir -p "$1"
		$B/gen "$@"
		echo "v$GEN_VERSION $*" > "$1/.done"
	fi
}

# measure LABEL CMD...: prints one line: label, seconds, MB/s, rows/s, peak RSS.
row() { # LABEL DIR CMD...
	label=$1 dir=$2
	shift 2
	out=$($B/measure "$@" 2>&1 >/dev/null | tail -1)
	set -- $out
	bytes=$(cat "$dir"/*.csv | wc -c)
	rows=$(cat "$dir"/*.csv | wc -l)
	awk -v l="$label" -v s="$1" -v kb="$2" -v b="$bytes" -v r="$rows" 'BEGIN {
		printf "  %-34s %7.2f s %8.1f MB/s %10.0f rows/s %8.1f MB RSS\n", l, s, b / 1048576 / s, r / s, kb / 1024 }'
	ROW_MBS=$(awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 / s }')
}

echo "crmbatch bench on $(nproc) cores ($(uname -m)); generating data in $B/ if needed"
for dialect in utf8 excel; do
	gen $B/day-$dialect $LINES $CARDS $dialect
	gen $B/day-$dialect-small $SMALL $CARDS $dialect
done

delim() { [ "$1" = excel ] && echo ';' || echo ','; }
for dialect in utf8 excel; do
	d=$B/day-$dialect
	echo
	echo "== $dialect: $LINES order lines, $CARDS business cards, 100000 products ($(du -sh $d | cut -f1)) =="
	cat $d/*.csv > /dev/null # warm the page cache for both contenders
	row "bare libcsv (count fields)" $d $B/csvcount "$(delim $dialect)" $d/*.csv
	bare=$ROW_MBS
	row "crmbatch check" $d ./crmbatch -q --no-progress -i $d -o $B/out check
	note "check_vs_libcsv_$dialect" "$(awk -v c="$ROW_MBS" -v b="$bare" 'BEGIN { printf "%.2f", c / b }')"
	s=$B/day-$dialect-small
	row "crmbatch check, $SMALL lines" $s ./crmbatch -q --no-progress -i $s -o $B/out check
done
echo
echo "Target: crmbatch check >= half the bare libcsv MB/s; RSS flat between the two sizes."

# Business cards into leads: normalisation, duplicates (one card in ten
# repeats a person), ids, assignment, leads.csv and the pipeline.
echo
echo "== leads: 100000 business cards, one in ten a duplicate =="
gen $B/cards-100k 0 100000 utf8 100 100
gen $B/cards-25k 0 25000 utf8 100 100
for d in cards-25k cards-100k; do
	$B/measure ./crmbatch --no-progress -i $B/$d -o $B/out-$d --date 2026-11-27 leads >/dev/null 2>$B/leads.err
	set -- $(tail -1 $B/leads.err)
	summary=$(grep '^leads:' $B/leads.err)  # "leads: N lead(s) from M card(s): K merged, ..."
	cards=$(echo "$summary" | sed 's/.* from \([0-9]*\) card.*/\1/')
	awk -v l="crmbatch leads, $d" -v s="$1" -v kb="$2" -v c="$cards" -v sum="$summary" 'BEGIN {
		printf "  %-34s %7.2f s %8.0f cards/s %8.1f MB RSS\n  %-34s (%s)\n", l, s, c / s, kb / 1024, "", sum }'
	rm -rf $B/out-$d $B/leads.err
done

# Documents: each run writes into a new folder; all are removed at the end
# of the bench. (Files deleted in the last minutes make ext4 without a
# journal skip their inodes for every new file, which would measure the
# bench's own clean-up, not crmbatch.)
rm -rf $B/docs-out-* $B/invoices-out
docs() { # LABEL DIR JOBS
	out=$B/docs-out-$$-$(basename "$2")-$3
	res=$($B/measure ./crmbatch -q --no-progress -j "$3" -i "$2" -o "$out" --date 2026-11-27 quotes 2>&1 >/dev/null | tail -1)
	set -- "$1" $res
	n=$(($(wc -l < "$out/register.csv") - 1))
	awk -v l="$1" -v s="$2" -v kb="$3" -v n="$n" 'BEGIN {
		printf "  %-34s %7.2f s %8.0f docs/s %8.1f MB RSS  (%d documents)\n", l, s, n / s, kb / 1024, n }'
	find "$out/quotes" -name "*.pdf" | head -1000 | xargs cat | wc -c | awk '{ printf "  %-34s %.1f KB per PDF\n", "", $1 / 1000 / 1024 }'
}
echo
echo "== quotes and order confirmations: pricing and PDFs (embedded DejaVu Sans, WinAnsi) =="
$B/pricing config $B/day-utf8 "$(mktemp -d)"
gen $B/docs-20k 200000 100 utf8
sync; sleep 2
docs "20000 orders, 1 render thread" $B/docs-20k 1
docs "20000 orders, $(nproc) render threads" $B/docs-20k "$(nproc)"
docs "100000 orders, $(nproc) render threads" $B/day-utf8 "$(nproc)"

# Stock: positions, allocation and replenishment of the 1M-line day, and
# of a quarter of it (peak RSS at two sizes: memory follows what is kept).
stock_row() { # DIR LINES
	res=$($B/measure ./crmbatch -q --no-progress -i "$1" -o $B/stock-out --date 2026-11-27 stock 2>&1 >/dev/null | tail -1)
	set -- "$2" $res
	pos=$(($(wc -l < $B/stock-out/stock.csv) - 1))
	short=$(($(wc -l < $B/stock-out/shortfalls.csv) - 1))
	pos_n=$(grep -c ',purchase,' $B/stock-out/register.csv)
	note "stock_rss_mb_$1" "$(awk -v kb="$3" 'BEGIN { printf "%.1f", kb / 1024 }')"
	awk -v n="$1" -v s="$2" -v kb="$3" -v p="$pos" -v sh="$short" -v po="$pos_n" 'BEGIN {
		printf "  %-34s %7.2f s %8.0f lines/s %8.1f MB RSS\n  %-34s (%d positions, %d short lines, %d purchase orders; reading included)\n",
			"crmbatch stock, " n " lines", s, n / s, kb / 1024, "", p, sh, po }'
	rm -rf $B/stock-out
}
echo
echo "== stock: 100000 products, order lines one order in three confirmed =="
stock_row $B/day-utf8-small $SMALL
stock_row $B/day-utf8 $LINES
echo "Target: peak RSS of crmbatch stock <= 150 MB at 1000000 lines."

# Invoices: confirmed orders of 10 lines, each posted with its PDF and its
# Factur-X XML (written beside and embedded), all registered; then the
# whole run (quotes, confirmations, invoices...) on the same days.
inv_row() { # LABEL DIR CMD
	cmd=$3
	rm -rf $B/invoices-out
	res=$($B/measure ./crmbatch -q --no-progress -i "$2" -o $B/invoices-out --date 2026-11-27 "$3" 2>&1 >/dev/null | tail -1)
	set -- "$1" $res
	n=$(grep -c ',invoice,' $B/invoices-out/register.csv)
	d=$(($(wc -l < $B/invoices-out/register.csv) - 1))
	note "rss_mb_${cmd}_$n" "$(awk -v kb="$3" 'BEGIN { printf "%.1f", kb / 1024 }')"
	awk -v l="$1" -v s="$2" -v kb="$3" -v n="$n" -v d="$d" 'BEGIN {
		printf "  %-34s %7.2f s %8.0f invoices/s %8.1f MB RSS  (%d invoices, %d documents, reading included)\n", l, s, n / s, kb / 1024, n, d }'
}
echo
echo "== invoices: confirmed orders of 10 lines, each invoiced with PDF and Factur-X =="
gen $B/invoices-day 1000000 10 utf8 1000 1000 500 1
gen $B/invoices-day-small 250000 10 utf8 1000 1000 500 1
inv_row "crmbatch invoices, 25000 orders" $B/invoices-day-small invoices
inv_row "crmbatch invoices, 100000 orders" $B/invoices-day invoices
find $B/invoices-out/invoices -name "*.pdf" | head -1000 | xargs cat | wc -c | awk '{ printf "  %-34s %.1f KB per PDF\n", "", $1 / 1000 / 1024 }'
inv_row "crmbatch run, 25000 orders" $B/invoices-day-small run
inv_row "crmbatch run, 100000 orders" $B/invoices-day run
echo "Target: peak RSS of crmbatch run <= 300 MB on the 100000-invoice day."
rm -rf $B/docs-out-* $B/invoices-out

# Every run loads the register whole: its memory grows with the firm's
# history, not with the day. A register of HISTORY documents (five years of
# quotes, written before the chain: the first run chains it), then the
# sample day run over it.
HISTORY=${BENCH_HISTORY:-1000000}
echo
echo "== history: the sample day over a register of $HISTORY documents =="
rm -rf $B/history && mkdir -p $B/history
awk -v n="$HISTORY" 'BEGIN {
	print "number,kind,source_ref,partner,issue_date,untaxed,tax,total,currency,due_date,payment_state,issued_by,file,sha256,content"
	for (i = 1; i <= n; i++) {
		y = 2018 + int((i - 1) * 5 / n); h = sprintf("%08x", i); h = h h h h h h h h
		printf "DEV-%d-%07d,quote,SO-%07d,Client %d,%d-06-01,100.00,20.00,120.00,EUR,%d-07-01,,bench,quotes/DEV-%d-%07d.pdf,%s,%s\n", y, i, i, i % 5000, y, y, y, i, h, h
	}
}' > $B/history/register.csv
$B/measure ./crmbatch -q --date 2023-07-31 -o $B/history run > /dev/null 2>&1 # chains it, once
base=$($B/measure ./crmbatch -q --date 2023-07-31 -o $B/history-none run 2>&1 >/dev/null | tail -1)
set -- $base
base_kb=$2
awk -v s="$1" -v kb="$2" 'BEGIN { printf "  %-34s %7.2f s %8.1f MB RSS\n", "crmbatch run, sample day alone", s, kb / 1024 }'
for k in 1 2; do
	res=$($B/measure ./crmbatch -q --date 2023-07-31 -o $B/history run 2>&1 >/dev/null | tail -1)
	set -- $res
	awk -v s="$1" -v kb="$2" -v b="$base_kb" -v n="$HISTORY" -v k="$k" 'BEGIN {
		printf "  %-34s %7.2f s %8.1f MB RSS  (%.0f bytes a document of history)\n", "crmbatch run, over the history (" k ")",
			s, kb / 1024, (kb - b) * 1024 / n }'
done
rm -rf $B/history $B/history-none

# Durability at the disk's pace: the same day's run on disk, on tmpfs, and
# the floor (tests/bench/floor.c: the same files written as temporaries, one
# syncfs, renames, folder fsyncs), quiet and beside another process
# rewriting a 300 MB file in a loop (as a database, logs or a backup do).
echo
echo "== durability: 3000 confirmed orders (quotes, confirmations, invoices with Factur-X) =="
gen $B/dur-day 30000 10 utf8 1000 1000 500 1
SHM=${BENCH_TMPFS:-/dev/shm}
durability() { # LABEL
	rm -rf $B/dur-disk "$SHM/crmbatch-dur" $B/dur-floor
	sync
	d=$($B/measure ./crmbatch -q --no-progress -i $B/dur-day -o $B/dur-disk --date 2026-11-27 run 2>&1 >/dev/null | tail -1)
	t=$($B/measure ./crmbatch -q --no-progress -i $B/dur-day -o "$SHM/crmbatch-dur" --date 2026-11-27 run 2>&1 >/dev/null | tail -1)
	f=$($B/floor "$SHM/crmbatch-dur" $B/dur-floor)
	n=$(($(wc -l < $B/dur-disk/register.csv) - 1))
	awk -v l="$1" -v d="${d%% *}" -v t="${t%% *}" -v f="${f%% *}" -v n="$n" 'BEGIN {
		printf "  %-18s disk %6.2f s %6.0f docs/s | tmpfs %5.2f s | floor %5.2f s | disk / (tmpfs + floor) = %.2f  (%d documents)\n",
			l, d, n / d, t, f, d / (t + f), n }'
	rm -rf $B/dur-disk "$SHM/crmbatch-dur" $B/dur-floor
}
durability quiet
( while :; do dd if=/dev/zero of=$B/dur-writer.bin bs=1M count=300 conv=fsync status=none; done ) &
writer=$!
sleep 2
durability "beside a writer"
kill $writer 2>/dev/null
wait $writer 2>/dev/null || true # killed: its status is not the bench's
rm -f $B/dur-writer.bin
echo "Goal: disk / (tmpfs + floor) <= 1.0 quiet, <= 1.2 beside a writer."

# Documents per second against ReportLab, side by side: the 3000-order
# run (quotes, confirmations, slips, invoices with Factur-X: every PDF
# durable, renamed, registered) and ReportLab rendering one-page invoices
# with DejaVu Sans embedded (tests/bench/reportlab_invoices.py), each on
# disk, alternated twice so that both see the same load on a shared machine.
RL_N=${BENCH_REPORTLAB:-600}
echo
echo "== documents per second against ReportLab, on disk, alternated (ReportLab: $RL_N one-page invoices, embedded DejaVu Sans) =="
if /usr/bin/python3 -c 'import reportlab' 2>/dev/null && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
	for k in 1 2; do
		rm -rf $B/rl-out $B/dur-disk
		sync
		set -- $(/usr/bin/python3 tests/bench/reportlab_invoices.py "$RL_N" $B/rl-out)
		rl=$(awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }')
		rl_kb=$(awk -v b="$(stat -c %s $B/rl-out/FAC-2026-00001.pdf)" 'BEGIN { printf "%.1f", b / 1024 }')
		sync
		d=$($B/measure ./crmbatch -q --no-progress -i $B/dur-day -o $B/dur-disk --date 2026-11-27 run 2>&1 >/dev/null | tail -1)
		n=$(($(wc -l < $B/dur-disk/register.csv) - 1))
		ratio=$(awk -v d="${d%% *}" -v n="$n" -v rl="$rl" 'BEGIN { printf "%.1f", n / d / rl }')
		note "docs_vs_reportlab_$k" "$ratio"
		awk -v k="$k" -v rl="$rl" -v kb="$rl_kb" -v d="${d%% *}" -v n="$n" -v r="$ratio" 'BEGIN {
			printf "  run %d: ReportLab %6.1f invoices/s (%.1f KB each) | crmbatch run %6.0f docs/s (%d documents) | %.1fx\n", k, rl, kb, n / d, n, r }'
	done
	rm -rf $B/rl-out $B/dur-disk
else
	echo "  skipped: ReportLab missing (apt-get install python3-reportlab fonts-dejavu-core)"
fi
echo "Goal: >= 20x ReportLab on disk."

# The sample day's documents: the one-page invoice with its Factur-X and a quote.
rm -rf $B/sample-out
./crmbatch -q --date 2023-07-31 -o $B/sample-out run > /dev/null 2>&1
inv=$B/sample-out/invoices/FAC-2023-00001.pdf quo=$B/sample-out/quotes/DEV-2023-00001.pdf
note invoice_kb "$(awk -v b="$(stat -c %s $inv)" 'BEGIN { printf "%.1f", b / 1024 }')"
note quote_kb "$(awk -v b="$(stat -c %s $quo)" 'BEGIN { printf "%.1f", b / 1024 }')"
rm -rf $B/sample-out

val() { awk -v k="$1" '$1 == k { print $2 }' $SUMMARY | tail -1; }
echo
echo "== issue 25, side by side in this run (CPU shared: compare within one run) =="
printf '  %-44s %s and %s (goal >= 20)\n' "documents/s against ReportLab, on disk:" "$(val docs_vs_reportlab_1)x" "$(val docs_vs_reportlab_2)x"
printf '  %-44s %s KB (goal <= 24)\n' "sample invoice with its Factur-X:" "$(val invoice_kb)"
printf '  %-44s %s KB (goal <= 16)\n' "sample quote:" "$(val quote_kb)"
printf '  %-44s %s utf8, %s excel (goal >= 0.5)\n' "check against bare libcsv, $LINES lines:" "$(val check_vs_libcsv_utf8)" "$(val check_vs_libcsv_excel)"
printf '  %-44s %s MB (goal <= 300)\n' "peak RSS, run of the 100000-invoice day:" "$(awk '$1 ~ /^rss_mb_run_/ { v = $2 } END { print v }' $SUMMARY)"
printf '  %-44s %s MB (goal <= 150)\n' "peak RSS, stock at $LINES lines:" "$(val stock_rss_mb_$LINES)"

echo
echo "Targets: >= 600 documents/s per core with the embedded font (every PDF durable, renamed,"
echo "registered); pricing >= 1,000,000 order lines/s; invoices >= 1,500/s with PDF and Factur-X."
