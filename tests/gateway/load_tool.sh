#!/bin/sh
# kiosk-gateway-load against a gateway of its own for a few seconds: it ends with the six
# figures in order, and no renewal was an error, delivered twice or lost. (How fast is printed,
# never asserted: the machine is shared.)
#   load_tool.sh KIOSK_GATEWAY_LOAD WORK_DIR
set -eu
load=$1 work=$2
rm -rf "$work"
mkdir -p "$work"
"$load" --kiosks 3 --seconds 2 --work "$work/run" >"$work/load.out" 2>"$work/load.err" || {
  cat "$work/load.out" "$work/load.err"
  echo "FAIL: kiosk-gateway-load failed" >&2
  exit 1
}
tail -6 "$work/load.out" | cut -d' ' -f1 | tr '\n' ' ' >"$work/names"
[ "$(cat "$work/names")" = "renewals_per_s p50_ms p99_ms errors duplicates lost " ] || {
  echo "FAIL: the last lines are $(cat "$work/names")" >&2
  exit 1
}
for zero in errors duplicates lost; do
  grep -qx "$zero 0" "$work/load.out" || { echo "FAIL: $(grep "^$zero " "$work/load.out")" >&2; exit 1; }
done
grep -q '^renewals [1-9]' "$work/load.out" || { echo "FAIL: no renewal delivered" >&2; exit 1; }
cat "$work/load.out"
