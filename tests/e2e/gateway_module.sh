#!/bin/sh
# The gateway link is a module beside the program (kiosk-gateway-link.so). A kiosk installed
# without it, or with one from another build, stops at start with a line that says so, before
# any customer pays; it never runs on without a gateway.
#   gateway_module.sh KIOSK OTHER_BUILD_MODULE SCRIPT WORKDIR
set -eu
kiosk=$1 other=$2 script=$3 work=$4
rm -rf "$work"
mkdir -p "$work/alone" "$work/other"
cp "$kiosk" "$work/alone/kiosk"
if "$work/alone/kiosk" --headless --data "$work/alone/data" --script "$script" 2> "$work/alone.err"; then
  echo "a kiosk without its gateway module ran a session" >&2
  exit 1
fi
cat "$work/alone.err"
grep -q "the gateway module is missing" "$work/alone.err"

cp "$kiosk" "$work/other/kiosk"
cp "$other" "$work/other/kiosk-gateway-link.so"
if "$work/other/kiosk" --headless --data "$work/other/data" --script "$script" 2> "$work/other.err"; then
  echo "a kiosk with another build's gateway module ran a session" >&2
  exit 1
fi
cat "$work/other.err"
grep -q "is from another build of the kiosk" "$work/other.err"
echo "gateway module: missing and foreign modules stop the start"
