#!/bin/sh
# kioskctl gateway pin: the pin of a gateway's certificate, for [gateway] pin_sha256.
#   kioskctl_gateway.sh KIOSK_GATEWAY KIOSKCTL WORKDIR
set -eu
gateway=$1 ctl=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
"$gateway" --data "$work/gw" --port 0 > "$work/gw.txt" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q https "$work/gw.txt" 2>/dev/null && break; sleep 0.1; done
"$ctl" gateway pin "$work/gw/gateway.crt" > "$work/pin.json"
cat "$work/pin.json"
grep -Eq '^\{"pin_sha256":"[A-Za-z0-9+/]{43}="\}$' "$work/pin.json"
# Bad input: exit 1 and one line on stderr.
if "$ctl" gateway pin "$work/nothing.pem" 2> "$work/err.txt"; then exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1
if "$ctl" gateway pin 2> "$work/err.txt"; then exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1
