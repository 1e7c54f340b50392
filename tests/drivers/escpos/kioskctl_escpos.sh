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
# Paper longer than any receipt (a feed of 255 lines, 200 times): refused, no picture.
printf '\033@' > "$work/long.bin"
i=0; while [ $i -lt 200 ]; do printf '\033d\377' >> "$work/long.bin"; i=$((i + 1)); done
if "$ctl" escpos render "$work/long.bin" "$work/long.png" > /dev/null 2> "$work/err.txt"; then echo "accepted endless paper" >&2; exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1
test ! -e "$work/long.png"
for bad in "escpos render $fixtures/receiptline.bin $work/w.png --width 2049" "escpos render $fixtures/receiptline.bin $work/w.png --width 99999999999" \
           "escpos render $fixtures/receiptline.bin $work/w.png --width 576x" "escpos status 5 0x12" "escpos status 1 0x100" "escpos status 1 zz" "escpos render /nonexistent $work/x.png" "escpos" "escpos frobnicate"; do
  # shellcheck disable=SC2086
  if "$ctl" $bad > /dev/null 2> "$work/err.txt"; then echo "accepted: $bad" >&2; exit 1; fi
  test "$(wc -l < "$work/err.txt")" -eq 1
done
