# Helpers for end-to-end tests, sourced by each t_*.sh. Each test runs in
# its own scratch folder ($WORK) from the project root ($TOP) and calls the
# binary under test as $CRMBATCH. A failed check prints why and exits 1.

fail() {
	echo "    FAIL: $*" >&2
	exit 1
}

# skip REASON: a check that could not run here. The test goes on, but
# run.sh reports it "skip", never "ok": a skipped check is not a passed one.
skip() {
	echo "    skip: $*" >&2
	printf '%s\n' "$*" >> "$WORK/.skipped"
}

# The offline Factur-X validator; FACTURX_VALIDATOR=/nonexistent shows
# what a machine without it reports. have_facturx: it can run here.
FACTURX_VALIDATOR=${FACTURX_VALIDATOR:-$TOP/../shared/facturx/validate-cii}
FACTURX_NEEDS="validate-cii needs libxml2-utils libsaxonhe-java default-jre-headless"
have_facturx() {
	[ -x "$FACTURX_VALIDATOR" ] && command -v java >/dev/null 2>&1 && command -v xmllint >/dev/null 2>&1 &&
		[ -f /usr/share/java/Saxon-HE.jar ]
}

# expect_exit CODE CMD...: runs CMD (stdout to $WORK/out, stderr to $WORK/err).
expect_exit() {
	want=$1
	shift
	"$@" >"$WORK/out" 2>"$WORK/err"
	got=$?
	[ "$got" = "$want" ] || fail "'$*' exited $got, want $want; stderr: $(head -c 600 "$WORK/err")"
}

# same_file A B: byte-for-byte equality, with a diff when not.
same_file() {
	cmp -s "$1" "$2" || fail "$1 and $2 differ: $(diff "$1" "$2" | head -20)"
}

# has TEXT FILE: FILE contains TEXT (fixed string).
has() {
	grep -qF -- "$1" "$2" || fail "'$1' not found in $2: $(head -c 600 "$2")"
}

# Rows read = accepted + rejected on every line of a summary.
balanced_summary() {
	awk '/^$/ { exit } NR > 1 && $2 != "-" { if ($2 != $3 + $4) { print "unbalanced: " $0; bad = 1 } } END { exit bad }' "$1" \
		|| fail "rows read != accepted + rejected in $1"
}

# pdf_has TEXT FILE: TEXT is in FILE (pdftotext output) once every blank —
# spaces, no-break spaces, line breaks — is removed from both: text
# extraction places spaces by heuristics, the words are what is checked.
pdf_has() {
	squeeze() { sed 's/\xc2\xa0//g; s/\xe2\x80\xaf//g' | tr -d ' \n\f\t'; }
	needle=$(printf '%s' "$1" | squeeze)
	squeeze < "$2" | grep -qF -- "$needle" || fail "'$1' not found in $2: $(head -c 600 "$2")"
}
