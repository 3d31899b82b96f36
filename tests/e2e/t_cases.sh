# The data-driven cases: one folder per case under tests/cases/, read by
# this one runner (as jq's tests/*.test or curl's tests/data/), so that a
# case is added without writing a script. Every case is run and every
# mismatch reported; the test fails at the end if any case did.
#
# A case folder holds:
#   cmd       one crmbatch run per line: the arguments after
#             "-i in -C cfg -o out" ('#' lines are comments); a line
#             "! COMMAND" runs COMMAND with sh in the case's scratch folder
#             (in/, cfg/, out/) between runs, e.g. to damage an output
#   exit      the exit status of each run, one per line, in order
#   input/    files laid over the sample's input/ (base: another folder,
#             or "none"); "X.append" is appended to the base's X
#   config/   crmbatch.ini replaces the sample's; crmbatch.ini.append is
#             appended to it; sources/*.ini are the user's source profiles
#             (cfg/sources/), beside the built-in ones
#   env       VAR=value lines, exported for the runs
#   stderr, stdout, rejects
#             fixed strings, one per line, that must appear in the runs'
#             stderr, stdout, and in OUT/rejects.csv
#   not-stderr, not-rejects
#             fixed strings that must not appear there
#   contains/ per output file (contains/leads.csv...), fixed strings that
#             must appear in it
#   output/   files that must equal OUT's, byte for byte
#   factur-x  (any content) every out/invoices/*.xml and
#             out/credit-notes/*.xml must pass
#             ../shared/facturx/validate-cii --fr, when its Java packages
#             are installed (.ci/run installs them); else the case is
#             reported "skip", not "ok" (FACTURX_VALIDATOR=/nonexistent
#             shows it)
# CASES='odoo-*' runs only the cases whose folder matches the pattern.
# Whatever the case, no run may die of a signal or print a sanitizer
# report, and every summary line balances: read = accepted + rejected.

case_fail() {
	echo "    FAIL $case_name: $*"
	case_bad=1
}

# lines FILE: its lines, '#' comments and blank lines left out.
lines() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$1" 2>/dev/null
}

# must_have FILE HAYSTACK WHAT: every line of FILE is in HAYSTACK.
must_have() {
	[ -f "$1" ] || return 0
	lines "$1" | while IFS= read -r want; do
		grep -qF -- "$want" "$2" 2>/dev/null || echo "'$want' not in $3"
	done
}
must_not_have() {
	[ -f "$1" ] || return 0
	lines "$1" | while IFS= read -r want; do
		grep -qF -- "$want" "$2" 2>/dev/null && echo "'$want' in $3"
	done
}

failed_cases=
skipped_cases=
ncases=0
for dir in "$TOP"/tests/cases/*/; do
	[ -f "$dir/cmd" ] || continue
	case_name=$(basename "$dir")
	case $case_name in ${CASES:-*}) ;; *) continue ;; esac
	case_bad=0
	case_skip=
	ncases=$((ncases + 1))
	w="$WORK/$case_name"
	mkdir -p "$w/in" "$w/cfg" "$w/out"
	base=input
	[ -f "$dir/base" ] && base=$(lines "$dir/base" | head -n 1)
	[ "$base" = none ] || cp -R "$TOP/$base/." "$w/in/"
	if [ -d "$dir/input" ]; then
		for f in "$dir/input"/*; do
			[ -e "$f" ] || continue
			n=$(basename "$f")
			case $n in
			*.append) cat "$f" >> "$w/in/${n%.append}" ;;
			*) cp "$f" "$w/in/$n" ;;
			esac
		done
	fi
	cp "$TOP/config/crmbatch.ini" "$w/cfg/crmbatch.ini"
	[ -f "$dir/config/crmbatch.ini" ] && cp "$dir/config/crmbatch.ini" "$w/cfg/crmbatch.ini"
	[ -f "$dir/config/crmbatch.ini.append" ] && cat "$dir/config/crmbatch.ini.append" >> "$w/cfg/crmbatch.ini"
	# The case's source profiles (#22): the built-in ones come with the
	# binary (CRMBATCH_SOURCES_DIR), these are the user's.
	if [ -d "$dir/config/sources" ]; then
		mkdir -p "$w/cfg/sources"
		cp "$dir/config/sources/"* "$w/cfg/sources/"
	fi
	: > "$w/stdout"
	: > "$w/stderr"
	lines "$dir/cmd" > "$w/cmds"
	lines "$dir/exit" > "$w/exits"
	[ "$(grep -vc '^!' "$w/cmds")" = "$(wc -l < "$w/exits")" ] || case_fail "cmd and exit do not have as many runs"
	i=0
	while IFS= read -r args; do
		case $args in
		'!'*)
			(cd "$w" && sh -c "${args#!}") < /dev/null || case_fail "'${args#!}' failed"
			continue
			;;
		esac
		i=$((i + 1))
		want=$(sed -n "${i}p" "$w/exits")
		# The case's env and its arguments, word-split as written.
		(
			cd "$w" || exit 70
			if [ -f "$dir/env" ]; then
				set -a
				. "$dir/env"
				set +a
			fi
			eval "exec \"\$CRMBATCH\" -i in -C cfg -o out $args" >> "$w/stdout.$i" 2>> "$w/stderr.$i" < /dev/null
		)
		got=$?
		cat "$w/stdout.$i" >> "$w/stdout"
		cat "$w/stderr.$i" >> "$w/stderr"
		[ "$got" -lt 128 ] || case_fail "run $i ($args) died of signal $((got - 128)): $(tail -n 3 "$w/stderr.$i")"
		[ "$got" = "$want" ] || case_fail "run $i ($args) exited $got, want $want: $(head -c 400 "$w/stderr.$i")"
	done < "$w/cmds"
	if grep -qE 'runtime error:|AddressSanitizer|LeakSanitizer|ThreadSanitizer' "$w/stderr"; then
		case_fail "sanitizer report: $(grep -m 3 -E 'runtime error:|Sanitizer' "$w/stderr")"
	fi
	cat "$w/stdout" "$w/stderr" | awk '/^[^ ]+\.csv +[0-9]+ +[0-9]+ +[0-9]+ / { if ($2 != $3 + $4) { print "unbalanced summary: " $0 } }' > "$w/unbal"
	[ -s "$w/unbal" ] && case_fail "$(cat "$w/unbal")"
	for what in stderr stdout; do
		miss=$(must_have "$dir/$what" "$w/$what" "$what")
		[ -z "$miss" ] || case_fail "$miss"
	done
	miss=$(must_have "$dir/rejects" "$w/out/rejects.csv" "rejects.csv")
	[ -z "$miss" ] || case_fail "$miss"
	miss=$(must_not_have "$dir/not-stderr" "$w/stderr" "stderr")
	[ -z "$miss" ] || case_fail "$miss"
	miss=$(must_not_have "$dir/not-rejects" "$w/out/rejects.csv" "rejects.csv")
	[ -z "$miss" ] || case_fail "$miss"
	if [ -d "$dir/contains" ]; then
		for f in "$dir/contains"/*; do
			n=$(basename "$f")
			miss=$(must_have "$f" "$w/out/$n" "$n")
			[ -z "$miss" ] || case_fail "$miss"
		done
	fi
	if [ -d "$dir/output" ]; then
		(cd "$dir/output" && find . -type f) | while IFS= read -r f; do
			cmp -s "$dir/output/$f" "$w/out/$f" || echo "$f: $(diff "$dir/output/$f" "$w/out/$f" 2>&1 | head -n 8)"
		done > "$w/diffs"
		[ -s "$w/diffs" ] && case_fail "output differs: $(cat "$w/diffs")"
	fi
	if [ -f "$dir/factur-x" ]; then
		if have_facturx; then
			nx=0
			for f in "$w"/out/invoices/*.xml "$w"/out/credit-notes/*.xml; do
				[ -f "$f" ] || continue
				nx=$((nx + 1))
				"$FACTURX_VALIDATOR" --fr "$f" > "$w/v.txt" 2>&1 || case_fail "$(basename "$f") fails Factur-X validation: $(grep -E 'fatal|error' "$w/v.txt" | head -5)"
			done
			[ "$nx" -gt 0 ] || case_fail "no invoice XML to validate"
		else
			case_skip="Factur-X validation ($FACTURX_NEEDS)"
		fi
	fi
	if [ "$case_bad" != 0 ]; then
		failed_cases="$failed_cases $case_name"
	elif [ -n "$case_skip" ]; then
		echo "    skip $case_name: $case_skip"
		skipped_cases="$skipped_cases $case_name"
	else
		echo "    ok   $case_name"
	fi
done
[ "$ncases" -gt 0 ] || fail "no case found under tests/cases"
nskipped=$(echo $skipped_cases | wc -w)
nfailed=$(echo $failed_cases | wc -w)
echo "    cases: $((ncases - nfailed - nskipped)) passed, $nfailed failed, $nskipped skipped"
[ -z "$skipped_cases" ] || skip "$nskipped case(s) skipped a check:$skipped_cases"
[ -z "$failed_cases" ] || fail "cases failed:$failed_cases"
