# Many firms: one folder per firm (its config/, input/, output/), run side
# by side with GNU parallel as the README shows. Each firm's register and
# documents are its own; no firm's output touches another's; the whole
# exits with the number of firms that failed, the others done.
if ! command -v parallel >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends parallel >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends parallel >/dev/null 2>&1; }
	fi
	command -v parallel >/dev/null 2>&1 || fail "GNU parallel is missing: apt-get install -y parallel"
fi
mkdir -p "$WORK/firms"
for f in armor breizh celtic; do
	mkdir -p "$WORK/firms/$f/config"
	cp -r input "$WORK/firms/$f/input"
	sed "s/^name *= Armor Bureautique/name          = $f Bureautique/" config/crmbatch.ini > "$WORK/firms/$f/config/crmbatch.ini"
done
# The README's command, on one machine.
(cd "$WORK/firms" && ls -d */ | parallel --will-cite --halt never \
	"cd {} && '$CRMBATCH' -q --date 2023-07-31 run") > "$WORK/out" 2>&1 || fail "parallel: $(cat "$WORK/out")"
for f in armor breizh celtic; do
	o=$WORK/firms/$f/output
	[ "$(grep -c ',invoice,' "$o/register.csv")" -eq 2 ] || fail "$f: $(cat "$o/register.csv")"
	pdftotext "$o/invoices/FAC-2023-00001.pdf" - | grep -q "^$f Bureautique" || fail "$f's invoice is not its own"
	"$CRMBATCH" -o "$o" verify > /dev/null 2>&1 || fail "$f: verify"
	# Nothing but the firm's own output folder was written in its folder.
	[ "$(ls "$WORK/firms/$f")" = "config
input
output" ] || fail "$f: $(ls "$WORK/firms/$f")"
done
cmp -s "$WORK/firms/armor/output/register.csv" "$WORK/firms/breizh/output/register.csv" &&
	fail "two firms share a register"
# A firm whose config is wrong fails alone; the whole says how many failed.
sums() { find "$WORK/firms/armor/output" "$WORK/firms/celtic/output" -type f ! -name .lock -exec sha256sum {} + | sort; }
sums > "$WORK/before"
echo "[taxes]" > "$WORK/firms/breizh/config/crmbatch.ini"
(cd "$WORK/firms" && ls -d */ | parallel --will-cite --halt never \
	"cd {} && '$CRMBATCH' -q --date 2023-07-31 run") > "$WORK/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "parallel exit $rc, expected 1 (one firm failed): $(cat "$WORK/out")"
grep -q "config/crmbatch.ini" "$WORK/out" || fail "the failing firm's error is not shown: $(cat "$WORK/out")"
sums > "$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || fail "a re-run changed the other firms' outputs: $(diff "$WORK/before" "$WORK/after" | head -5)"
