# Exit codes of crmbatch(1): help, version, usage, input, config, output, I/O.
expect_exit 0 "$CRMBATCH" --help
has "usage: crmbatch" "$WORK/out"
expect_exit 0 "$CRMBATCH" -V
has "crmbatch " "$WORK/out"
expect_exit 64 "$CRMBATCH"
expect_exit 64 "$CRMBATCH" frobnicate
has "'frobnicate' is not a command" "$WORK/err"
expect_exit 64 "$CRMBATCH" --date 2023-02-30 check
has "--date: not a date" "$WORK/err"
expect_exit 64 "$CRMBATCH" --no-such-option check
expect_exit 66 "$CRMBATCH" -i "$WORK/nowhere" -o "$WORK/o" check
has "input folder missing" "$WORK/err"
mkdir "$WORK/empty"
expect_exit 66 "$CRMBATCH" -i "$WORK/empty" -o "$WORK/o" check
expect_exit 78 "$CRMBATCH" -C "$WORK/nowhere" -o "$WORK/o" check
# A bad key names file, section and key.
mkdir "$WORK/cfg"
sed 's/^rounding .*/rounding = sometimes/' config/crmbatch.ini > "$WORK/cfg/crmbatch.ini"
expect_exit 78 "$CRMBATCH" -C "$WORK/cfg" -o "$WORK/o" check
has "$WORK/cfg/crmbatch.ini: [invoicing] rounding: 'sometimes'" "$WORK/err"
# An output folder that cannot be made.
touch "$WORK/file"
expect_exit 73 "$CRMBATCH" -o "$WORK/file/sub" check
# A full disk on stdout is an I/O error, not a silent success.
if [ -w /dev/full ]; then
	"$CRMBATCH" -o "$WORK/o" check >/dev/full 2>"$WORK/err"
	[ $? -eq 74 ] || fail "check > /dev/full did not exit 74"
	has "disk full" "$WORK/err"
fi
# The exit codes are said once (include/exitcode.h): --help, the man page
# and the README list the same ones.
"$CRMBATCH" --help | sed -n '/^exit status:/,/^$/p' | awk '$1 ~ /^[0-9]+$/ { print $1 }' > "$WORK/codes-help"
awk '/^\.SH EXIT STATUS/ { on = 1; next } /^\.SH/ { on = 0 } on && /^\.B [0-9]+$/ { print $2 }' crmbatch.1 > "$WORK/codes-man"
sed -n '/^### Exit status/,/^## /p' README.md | awk -F'|' '$2 ~ /^ *[0-9]+ *$/ { gsub(/ /, "", $2); print $2 }' > "$WORK/codes-readme"
[ "$(wc -l < "$WORK/codes-help")" -ge 10 ] || fail "--help lists $(wc -l < "$WORK/codes-help") exit codes"
same_file "$WORK/codes-help" "$WORK/codes-man"
same_file "$WORK/codes-help" "$WORK/codes-readme"
# Another run holding the output folder: 75 (EX_TEMPFAIL), a temporary
# condition a scheduler retries, not an I/O error; nothing is written.
mkdir -p "$WORK/locked"
if command -v flock >/dev/null 2>&1; then
	flock "$WORK/locked/.lock" sh -c "'$CRMBATCH' -o '$WORK/locked' --date 2023-07-31 run >'$WORK/out' 2>'$WORK/err'; echo \$? > '$WORK/rc'"
	[ "$(cat "$WORK/rc")" = 75 ] || fail "a run on a locked output folder exited $(cat "$WORK/rc"), want 75: $(cat "$WORK/err")"
	has "another crmbatch run is using this output folder" "$WORK/err"
	[ ! -e "$WORK/locked/register.csv" ] || fail "a refused run wrote the register"
	expect_exit 0 "$CRMBATCH" -o "$WORK/locked" --date 2023-07-31 run
else
	fail "flock (util-linux) is needed for the lock test"
fi
