#!/bin/sh
# kioskctl zvt from the outside: flat JSON, frames with the right CRC, bad input refused with
# exit 1 and one line on stderr, never a hang.
#   kioskctl_zvt.sh KIOSKCTL
set -eu
ctl=$1
err=$(mktemp)
trap 'rm -f "$err"' EXIT
out=$("$ctl" zvt decode "06 01 0A 04 00 00 00 00 15 00 49 09 78")
echo "$out"
echo "$out" | grep -q '"class":"06"'
echo "$out" | grep -q '"instr":"01"'
echo "$out" | grep -q '"amount_cents":1500'
echo "$out" | grep -q '"currency_code":978'
"$ctl" zvt decode 040F0C2700870100 8B F0 F3 42 43 44 2>/dev/null && exit 1  # spaces split the argument
"$ctl" zvt decode "04 0F 0B 27 00 87 10 01 8B F0 F3 42 43 44" | grep -q '"card_name":"BCD"'
"$ctl" zvt decode "04 FF 01 0A" | grep -q '"intermediate_status":10'
"$ctl" zvt decode "06 D1 06 00 48 45 4C 4C 4F" | grep -q '"text_lines":\["HELLO"\]'
# What real terminals send: CP437 text as UTF-8 JSON, a status enquiry's completion, no receipt.
"$ctl" zvt decode "06 D1 08 00 4D 81 6E 63 68 65 6E" | grep -q '"text_lines":\["München"\]'
"$ctl" zvt decode "06 0F 15 F0 F0 F8 47 45 52 2D 41 50 50 31 00 06 07 1F 44 04 31 32 33 34" |
  grep -q '"software_version":"GER-APP1","terminal_status":0'
"$ctl" zvt decode "06 0F 05 27 00 87 FF FF" | grep -q '"result_code":0}'
"$ctl" zvt frame "06 93 03 12 34 56" | grep -q '"frame":"10020693031234561003CAA4"'
"$ctl" zvt unframe "10 02 80 00 00 10 03 F5 1F" | grep -q '"apdu":"800000"'
for bad in "zvt decode 06010A04" "zvt decode xyz" "zvt decode" "zvt unframe 1002800000 1003F51E" \
           "zvt unframe 10028000001003F51E" "zvt frame 0601" "zvt decode 040F02C500" "zvt"; do
  # shellcheck disable=SC2086
  if timeout 5 "$ctl" $bad > /dev/null 2> "$err"; then echo "accepted: $bad" >&2; exit 1; fi
  test "$(wc -l < "$err")" -eq 1 || { cat "$err"; exit 1; }
done
