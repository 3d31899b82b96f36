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
