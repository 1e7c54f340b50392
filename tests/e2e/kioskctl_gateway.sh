#!/bin/sh
# A kiosk and a stand-alone gateway as they are set up in the field: the gateway makes its
# certificate and client CA on first start, kioskctl prints its pin and issues the kiosk's
# certificate, and the kiosk renews through mutual TLS with the key pinned.
#   kioskctl_gateway.sh KIOSK_GATEWAY KIOSKCTL KIOSK SCRIPT WORKDIR
set -eu
gateway=$1 ctl=$2 kiosk=$3 script=$4 work=$5
rm -rf "$work"
mkdir -p "$work"
"$gateway" --data "$work/gw" --port 0 > "$work/gw.txt" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q https "$work/gw.txt" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\).*|\1|p' "$work/gw.txt")
test -n "$port"
test -f "$work/gw/kiosk-ca.crt"
"$ctl" gateway pin "$work/gw/gateway.crt" > "$work/pin.json"
cat "$work/pin.json"
grep -Eq '^\{"pin_sha256":"[A-Za-z0-9+/]{43}="\}$' "$work/pin.json"
pin=$(sed 's/.*"pin_sha256":"\([^"]*\)".*/\1/' "$work/pin.json")
"$ctl" gateway issue --data "$work/gw" --kiosk BE-GHE-07 --out "$work/kiosk-cert" > "$work/issued.json"
cat "$work/issued.json"
grep -q '"kiosk_id":"BE-GHE-07"' "$work/issued.json"
test -f "$work/kiosk-cert/kiosk.crt"
test "$(stat -c %a "$work/kiosk-cert/kiosk.key")" = 600

config() {  # config FILE KIOSK_ID [extra line]
  cat > "$1" <<TOML
[kiosk]
id = "$2"
[gateway]
host = "127.0.0.1"
port = $port
ca_certificate = "$work/gw/gateway.crt"
pin_sha256 = "$pin"
client_certificate = "$work/kiosk-cert/kiosk.crt"
client_key = "$work/kiosk-cert/kiosk.key"
${3:-}
TOML
}
config "$work/kiosk.toml" BE-GHE-07
"$kiosk" --headless --config "$work/kiosk.toml" --data "$work/kiosk" --script "$script"
grep -q "BE-GHE-07-" "$work/kiosk/kiosk.log"

# The certificate of another kiosk: refused at start, before any customer pays.
config "$work/other.toml" BE-GHE-08
if "$kiosk" --headless --config "$work/other.toml" --data "$work/other" --script "$script" 2> "$work/other.err"; then
  echo "a kiosk started with another kiosk's certificate" >&2
  exit 1
fi
grep -q "BE-GHE-07" "$work/other.err"

# Bad input: exit 1 and one line on stderr.
if "$ctl" gateway pin "$work/nothing.pem" 2> "$work/err.txt"; then exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1
if "$ctl" gateway pin 2> "$work/err.txt"; then exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1
if "$ctl" gateway issue --data "$work/gw" --kiosk "bad id!" --out "$work/bad" 2> "$work/err.txt"; then exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1
if "$ctl" gateway issue --data "$work/none" --kiosk BE-1 --out "$work/bad" 2> "$work/err.txt"; then exit 1; fi
test "$(wc -l < "$work/err.txt")" -eq 1

# SIGTERM: the gateway stops on its own, promptly.
kill -TERM "$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "the gateway ignored SIGTERM for 3 s" >&2; exit 1; fi
echo "kioskctl gateway: pin, issue, a kiosk over mutual TLS, SIGTERM"
