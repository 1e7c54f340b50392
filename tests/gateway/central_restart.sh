#!/bin/sh
# The central set-up under a database restart: two kiosk-gateway processes on one PostgreSQL
# (a throw-away cluster of this test's own), simulated kiosks renewing through both, and the
# database stopped and started again in the middle. Nothing may be lost or delivered twice:
# the load's own checks (every delivered renewal asked again), then the database's: one row
# per reference, every delivered renewal extended its number once (distinct new ends, the
# number's end the newest), and the restart really came during the load.
#   central_restart.sh KIOSK_GATEWAY_LOAD SOURCE_DIR WORK_DIR
set -eu
load=$1 src=$2 work=$3
cluster="$work/cluster"
rm -rf "$work"
mkdir -p "$work"
cleanup() { sh "$src/deploy/central/local_postgres.sh" stop "$cluster"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

sh "$src/deploy/central/local_postgres.sh" start "$cluster"
url=$(cat "$cluster/url")
psql -qX "$url" -c "CREATE DATABASE central" >/dev/null
central=$(echo "$url" | sed 's|/postgres?|/central?|')
sql() { psql -qXAt "$central" -c "$1"; }

"$load" --store "$central" --gateways 2 --kiosks 6 --seconds 10 --work "$work/run" >"$work/load.out" 2>"$work/load.err" &
pid=$!
# Under way: renewals in the database.
for i in $(seq 1 100); do
  n=$(sql "SELECT COUNT(*) FROM renewals" 2>/dev/null || echo 0)
  [ "${n:-0}" -gt 50 ] && break
  sleep 0.1
done
[ "${n:-0}" -gt 50 ] || fail "no renewals reached the database before the restart"
before=$(sql "SELECT COUNT(*) FROM renewals")
sh "$src/deploy/central/local_postgres.sh" restart "$cluster"
started=$(sql "SELECT pg_postmaster_start_time()")
rc=0
wait "$pid" || rc=$?
cat "$work/load.out"
[ "$rc" -eq 0 ] || { cat "$work/load.err" >&2; fail "kiosk-gateway-load failed (exit $rc)"; }
for zero in errors duplicates lost; do
  grep -qx "$zero 0" "$work/load.out" || fail "$(grep "^$zero " "$work/load.out")"
done
grep -qx "gateways 2" "$work/load.out" || fail "not two gateways"
grep -q "store: trying again" "$work/load.err" || fail "no gateway noticed the restart"
grep -q "^FATAL" "$work/load.err" && fail "libpq's own messages on standard error"

after=$(sql "SELECT COUNT(*) FROM renewals")
[ "$after" -gt "$before" ] || fail "no renewal after the restart ($before before, $after after)"
late=$(sql "SELECT COUNT(*) FROM renewals WHERE created_at > '$started'")
[ "$late" -gt 0 ] || fail "nothing was stored after the database came back"
delivered=$(sql "SELECT COUNT(*) FROM renewals WHERE status = 'delivered'")
told=$(sed -n 's/^renewals //p' "$work/load.out")
[ "$delivered" -ge "$told" ] || fail "the load was told of $told deliveries, the database has $delivered"
doubled=$(sql "SELECT COUNT(*) FROM (SELECT msisdn FROM renewals WHERE status = 'delivered' GROUP BY msisdn
               HAVING COUNT(DISTINCT new_expiry) <> COUNT(*)) d")
[ "$doubled" -eq 0 ] || fail "$doubled numbers have two renewals from the same state (an extension lost)"
behind=$(sql "SELECT COUNT(*) FROM subscribers s JOIN (SELECT msisdn, MAX(new_expiry) AS last FROM renewals
              WHERE status = 'delivered' GROUP BY msisdn) r ON r.msisdn = s.msisdn AND s.brand = 'proximus'
              WHERE s.expiry <> r.last")
[ "$behind" -eq 0 ] || fail "$behind numbers end before their newest renewal"
echo "renewals before the restart $before, after $after; delivered $delivered"
