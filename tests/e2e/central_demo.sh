#!/bin/sh
# `deploy/kiosk-dev central` as a user runs it (deploy/central/demo.sh): PostgreSQL, two
# gateways and three kiosks come up; the two sales, one through each gateway, land in the one
# database with distinct confirmations; SIGTERM stops every process and removes the cluster.
#   central_demo.sh BIN_DIR SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
sh "$src/deploy/central/demo.sh" "$bin" "$src" "$work/run" >"$work/demo.out" 2>&1 &
demo=$!
trap 'kill -TERM "$demo" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's|^kiosk-dev central: the renewals: psql "\([^"]*\)".*|\1|p' "$work/demo.out")
  [ -n "$url" ] && break
  kill -0 "$demo" 2>/dev/null || { cat "$work/demo.out"; fail "the demo stopped"; }
  sleep 0.1
done
[ -n "$url" ] || fail "the demo printed no database"
rows=""
for _ in $(seq 1 600); do
  rows=$(psql -qXAt "$url" -c "SELECT kiosk_id || ' ' || confirmation_id FROM renewals WHERE status = 'delivered' ORDER BY kiosk_id")
  [ "$(echo "$rows" | grep -c .)" -ge 2 ] && break
  sleep 0.1
done
echo "$rows"
echo "$rows" | grep -q "^BE-ANT-01 PRO-" || fail "no renewal from the kiosk on the first gateway"
echo "$rows" | grep -q "^BE-GNT-01 PRO-" || fail "no renewal from the kiosk on the second gateway"
[ "$(echo "$rows" | cut -d' ' -f2 | sort -u | wc -l)" -eq 2 ] || fail "the two renewals share a confirmation"
home=$(cat "$work/run/postgres/home")
kill -TERM "$demo"
for _ in $(seq 1 100); do kill -0 "$demo" 2>/dev/null || break; sleep 0.1; done
kill -0 "$demo" 2>/dev/null && fail "the demo ignored SIGTERM for 10 s"
left=$(pgrep -f "$work/run" || true)
[ -z "$left" ] || fail "still running: $(ps -o args= -p $left)"
[ ! -e "$home" ] || fail "the cluster's folder $home is left"
echo "central demo: two gateways, one database, stopped cleanly"
