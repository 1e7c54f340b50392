#!/bin/sh
# A renewal, then kioskctl reads the journal back: settled, masked number only, no full number.
#   journal_list.sh KIOSK KIOSKCTL SCRIPT WORKDIR
set -eu
kiosk=$1 ctl=$2 script=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
"$kiosk" --headless --script "$script" --data "$work/data" --shots "$work/shots"
"$ctl" journal list --data "$work/data" > "$work/journal.jsonl"
cat "$work/journal.jsonl"
test "$(wc -l < "$work/journal.jsonl")" -eq 1
grep -q '"state":"receipt_printed"' "$work/journal.jsonl"
grep -q '"settled"' "$work/journal.jsonl"
grep -q '"holds_number":false' "$work/journal.jsonl"
grep -q '"number":"0470 xx x4 56"' "$work/journal.jsonl"
if grep -q '470123456' "$work/journal.jsonl"; then echo "full number leaked" >&2; exit 1; fi
# Bad input: one line on stderr and exit 1.
if "$ctl" journal list --data "$work/nowhere" 2> "$work/err.txt"; then exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1
# Settled and the SMS handed over means erased: not even the SQLite files keep the full number.
if grep -a -q '470123456' "$work/data/journal.sqlite"*; then echo "full number left in the journal files" >&2; exit 1; fi
