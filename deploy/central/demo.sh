#!/bin/sh
# deploy/kiosk-dev central: a fleet's central set-up on this machine. A PostgreSQL cluster of
# its own (local_postgres.sh), two kiosk-gateway processes on it sharing one certificate and
# client CA, and three kiosks (headless, simulated devices) each with its own client
# certificate: Antwerpen and Brussels on the first gateway, Gent on the second. Antwerpen and
# Gent each sell a renewal; every renewal lands in the one database. Prints the gateways'
# addresses and how to look into the database; Ctrl-C (or SIGTERM) stops everything and
# removes the cluster. Certificates and the kiosks' journals stay in WORK for the next run.
#   demo.sh BIN_DIR SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
pg="$src/deploy/central/local_postgres.sh"
mkdir -p "$work"
pids=""
stop_all() {
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for p in $pids; do wait "$p" 2>/dev/null || true; done
  sh "$pg" stop "$work/postgres"
}
trap stop_all EXIT
trap 'exit 130' INT TERM
fail() {
  echo "kiosk-dev central: $*" >&2
  exit 1
}

sh "$pg" start "$work/postgres"
psql -qX "$(cat "$work/postgres/url")" -c "CREATE DATABASE central" >/dev/null
store=$(sed 's|/postgres?|/central?|' "$work/postgres/url")

# start_gateway NAME [options]: sets $gateway_port.
start_gateway() {
  name=$1
  shift
  "$bin/kiosk-gateway" --data "$work/$name" --port 0 --store "$store" --workers 64 "$@" >"$work/$name.out" 2>&1 &
  pids="$pids $!"
  gateway_port=""
  for _ in $(seq 1 100); do
    gateway_port=$(sed -n 's|^kiosk-gateway: https://127.0.0.1:\([0-9]*\).*|\1|p' "$work/$name.out")
    [ -n "$gateway_port" ] && return 0
    sleep 0.1
  done
  fail "$name did not start: $(cat "$work/$name.out")"
}
start_gateway gateway-a
port_a=$gateway_port
start_gateway gateway-b --cert "$work/gateway-a/gateway.crt" --key "$work/gateway-a/gateway.key" \
  --client-ca "$work/gateway-a/kiosk-ca.crt"
port_b=$gateway_port

# The kiosks pin the gateways' key (both present the same certificate).
pin=$("$bin/kioskctl" gateway pin "$work/gateway-a/gateway.crt" | sed 's/.*"pin_sha256":"\([^"]*\)".*/\1/')

sale=$(cat "$src/deploy/demo_sale.script")
for k in BE-ANT-01:$port_a BE-GNT-01:$port_b BE-BXL-01:$port_a; do
  id=${k%%:*} port=${k#*:}
  [ -f "$work/$id/kiosk.crt" ] ||
    "$bin/kioskctl" gateway issue --data "$work/gateway-a" --kiosk "$id" --out "$work/$id" >/dev/null
  cat >"$work/$id.toml" <<TOML
[kiosk]
id = "$id"
[gateway]
host = "127.0.0.1"
port = $port
ca_certificate = "$work/gateway-a/gateway.crt"
pin_sha256 = "$pin"
client_certificate = "$work/$id/kiosk.crt"
client_key = "$work/$id/kiosk.key"
TOML
  case $id in
    BE-BXL-01) printf 'expect screen attract\nserve\n' ;;
    *) printf '%s\nserve\n' "$sale" ;;
  esac >"$work/$id.script"
  "$bin/kiosk" --headless --config "$work/$id.toml" --script "$work/$id.script" --data "$work/$id-data" \
    >"$work/$id.out" 2>&1 &
  pids="$pids $!"
done

echo "kiosk-dev central: gateways https://127.0.0.1:$port_a and https://127.0.0.1:$port_b on one PostgreSQL"
echo "kiosk-dev central: kiosks BE-ANT-01 and BE-BXL-01 on the first, BE-GNT-01 on the second (data in $work)"
echo "kiosk-dev central: the renewals: psql \"$store\" -c 'SELECT reference, kiosk_id, confirmation_id FROM renewals'"
echo "kiosk-dev central: Ctrl-C stops everything"
# Until a signal, or until a gateway stops on its own.
while :; do
  for p in $pids; do kill -0 "$p" 2>/dev/null || fail "a process stopped (see $work/*.out)"; done
  sleep 1
done
