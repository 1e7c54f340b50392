#!/bin/sh
# The journal in trouble: the kiosk refuses to sell, says why, and keeps what it has.
#   journal_trouble.sh KIOSK SCRIPTS_DIR WORKDIR
set -eu
kiosk=$1 scripts=$2 work=$3
rm -rf "$work"
mkdir -p "$work"

# 1. A full disk (here: a file size limit) at the moment the intent is written: no payment
#    starts, the customer is told, and the kiosk goes out of service.
printf 'expect screen attract\n' > "$work/start.script"
"$kiosk" --headless --script "$work/start.script" --data "$work/full"
# 36 KiB: room for SQLite's 32 KiB shared-memory index and a few WAL frames, so the journal opens
# and the write that fails is the intent or the step after it; either way no payment starts.
prlimit --fsize=36864 "$kiosk" --headless --script "$scripts/journal/full.script" --data "$work/full"
grep -q "disk I/O error" "$work/full/kiosk.log"
# Space again: the journal is intact; what it holds (at most an intent) is closed, unpaid.
printf 'wait recovered\nexpect open 0\nexpect screen attract\n' > "$work/after.script"
"$kiosk" --headless --script "$work/after.script" --data "$work/full"
if grep -q "payment_approved" "$work/full/kiosk.log"; then echo "money moved without a journal" >&2; exit 1; fi

# 2. A damaged journal: refused at start, never written over, and the screen says why.
"$kiosk" --headless --script "$scripts/renew_card_en.script" --data "$work/damaged"
# Page 2 (the transactions table) gets a garbage header.
printf 'GARBAGEGARBAGEGARBAGEGARBAGEGARBAGEGARBAGEGARBAGEGARBAGE' |
  dd of="$work/damaged/journal.sqlite" bs=1 seek=4096 conv=notrunc 2> /dev/null
sum_before=$(cksum < "$work/damaged/journal.sqlite")
printf 'expect screen out_of_service\nexpect out_of_service journal\n' > "$work/damaged.script"
"$kiosk" --headless --script "$work/damaged.script" --data "$work/damaged"
test "$(cksum < "$work/damaged/journal.sqlite")" = "$sum_before"
grep -q "integrity check failed" "$work/damaged/kiosk.log"
# 3. A journal truncated to nothing, its WAL gone: refused, not replaced by an empty one; every
#    file (journal, WAL, seal) left byte for byte.
"$kiosk" --headless --script "$scripts/renew_card_en.script" --data "$work/truncated"
: > "$work/truncated/journal.sqlite"
rm -f "$work/truncated/journal.sqlite-wal"
sums() { (cd "$1" && for f in journal.sqlite*; do cksum "$f"; done); }
before=$(sums "$work/truncated")
"$kiosk" --headless --script "$work/damaged.script" --data "$work/truncated"
test "$(sums "$work/truncated")" = "$before"
grep -q "is empty, but its seal says" "$work/truncated/kiosk.log"

# 4. Journal and seal both gone (a disk swapped, a folder wiped): the gateway still knows the
#    kiosk's last reference, and the kiosk stops selling once it has asked.
"$kiosk" --headless --script "$scripts/renew_card_en.script" --data "$work/wiped"
rm -f "$work/wiped"/journal.sqlite*
printf 'wait\nexpect screen out_of_service\nexpect out_of_service journal\n' > "$work/wiped.script"
"$kiosk" --headless --script "$work/wiped.script" --data "$work/wiped"
grep -q "ALERT journal: the gateway holds" "$work/wiped/kiosk.log"
echo "journal trouble: sales stopped, reason shown, files kept"
