#!/bin/sh
# kioskctl escpos render / status from the outside: JSON out, PNG written, bad input refused.
#   kioskctl_escpos.sh KIOSKCTL FIXTURES WORKDIR
set -eu
ctl=$1 fixtures=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
"$ctl" escpos render "$fixtures/node-thermal-printer.bin" "$work/ntp.png" > "$work/render.json"
cat "$work/render.json"
grep -q '"width":576' "$work/render.json"
grep -q '"cuts":1' "$work/render.json"
grep -q '"unknown":\[\]' "$work/render.json"
test -s "$work/ntp.png"
"$ctl" escpos render "$fixtures/receiptline.bin" "$work/rl.png" --width 512 | grep -q '"width":512'
"$ctl" escpos status 4 0x72 | grep -q '"paper_end":true'
"$ctl" escpos status 1 0x12 | grep -q '"valid":true'
"$ctl" escpos status 2 22 | grep -q '"cover_open":true'
for bad in "escpos status 5 0x12" "escpos status 1 0x100" "escpos status 1 zz" "escpos render /nonexistent $work/x.png" "escpos" "escpos frobnicate"; do
  # shellcheck disable=SC2086
  if "$ctl" $bad > /dev/null 2> "$work/err.txt"; then echo "accepted: $bad" >&2; exit 1; fi
  test "$(wc -l < "$work/err.txt")" -eq 1
done
