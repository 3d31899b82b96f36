#!/bin/sh
# make story: the sample firm's story, replayed as its nightly runs would
# play it. Each folder input/story/<YYYY-MM-DD>/ holds that evening's
# exports (and "about", what happened that day); its runs go, in date
# order and with --date that day, into one output folder. A folder's
# "steps" file lists its runs, one per line: the exit status the run must
# give, then its arguments; without one, the day is "0 --user mathilde.roux run".
#
# The story acts as the users it names (--user), so it runs with the
# sample's config in which the account running it is the admin.
#
# Usage: tests/story/play.sh [CRMBATCH [OUTPUT]]   (default ./crmbatch output/story)
# Prints each day and the documents it issued; exits 1 if a run did not
# give the status its step expects.
bin=${1:-./crmbatch}
out=${2:-output/story}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crmbatch-story.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
sed 's/^default_user *=.*/default_user = admin/' config/crmbatch.ini > "$tmp/crmbatch.ini" || exit 1
rm -rf "$out"
mkdir -p "$out" || exit 1
bad=0
for dir in input/story/*/; do
	day=$(basename "$dir")
	echo "== $day: $(cat "$dir/about" 2>/dev/null)"
	before=$(cat "$out/register.csv" 2>/dev/null | wc -l)
	[ "$before" -gt 0 ] || before=1
	if [ -f "$dir/steps" ]; then
		grep -v -e '^#' -e '^[[:space:]]*$' "$dir/steps"
	else
		echo "0 --user mathilde.roux run"
	fi > "$tmp/steps"
	while read -r want args; do
		# shellcheck disable=SC2086 # the step's arguments are words
		"$bin" -q -i "$dir" -C "$tmp" -o "$out" --date "$day" $args > "$tmp/log" 2>&1 < /dev/null
		rc=$?
		if [ "$rc" -ne "$want" ]; then
			echo "story: $day: crmbatch $args: exit $rc, expected $want" >&2
			sed 's/^/    /' "$tmp/log" >&2
			bad=1
		elif [ "$rc" -ne 0 ]; then
			echo "   crmbatch $args: exit $rc, as it must: $(grep -m1 '^crmbatch: ' "$tmp/log" | sed 's/^crmbatch: //')"
		fi
	done < "$tmp/steps"
	tail -n +"$((before + 1))" "$out/register.csv" |
		awk -F, '{ printf "   issued   %-16s %-12s %-20s %-20s %10s by %s\n", $1, $2, $3, $4, $8, $12 }'
	if [ -f "$dir/payments.csv" ] && [ -f "$out/receivables.csv" ]; then
		tail -n +2 "$out/receivables.csv" |
			awk -F, '{ printf "   owed     %-16s %-20s total %10s, paid %10s, left %10s: %s\n", $1, $3, $5, $6, $7, $11 }'
	fi
done
exit $bad
