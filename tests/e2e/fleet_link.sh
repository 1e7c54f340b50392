#!/bin/sh
# Kiosks on a fleet through Debian's mosquitto with the shipped configuration and ACL
# (deploy/fleet/): retained state, a sale as an event, commands carried out once by id with
# their results, the last will when a kiosk dies; kiosk A can neither write as kiosk B nor read
# B's commands, and nothing passes without a certificate from the fleet CA.
#   fleet_link.sh KIOSK KIOSKCTL SOURCE_DIR WORK_DIR
set -eu
. "$(dirname "$0")/kioskctl_checks.sh"
. "$(dirname "$0")/../../deploy/fleet/local_fleet.sh"
kiosk=$1 ctl=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
trap stop_fleet EXIT

"$ctl" fleet init "$work/fleet" >/dev/null
for k in BE-A BE-B BE-C; do "$ctl" fleet issue --ca "$work/fleet" --kiosk "$k" --out "$work/$k" >/dev/null; done
"$ctl" fleet issue --ca "$work/fleet" --console --out "$work/console" >/dev/null
refused "cannot be a kiosk id" "$ctl" fleet issue --ca "$work/fleet" --kiosk console --out "$work/x"
refused "cannot be a kiosk id" "$ctl" fleet issue --ca "$work/fleet" --kiosk "BE-A/+" --out "$work/x"
start_broker "$work" "$src"
pids="$broker"

tls() { echo "-h 127.0.0.1 -p $port --cafile $work/fleet/broker.crt --cert $work/$1 --key $work/$2"; }
console="$(tls console/operator.crt console/operator.key)"
# sub ARGS…: what the console receives (its own timeout), one message per line.
sub() { mosquitto_sub $console "$@" 2>>"$work/sub.err" || true; }
# ask KIOSK OUT PAYLOAD: the console sends a command and OUT gets the kiosk's result.
ask() {
  sub -t "kiosk/$1/result" -C 1 -W 20 >"$2" &
  listener=$!
  sleep 0.5  # subscribed before the command goes: results are not retained
  mosquitto_pub $console -q 1 -t "kiosk/$1/cmd" -m "$3"
  wait $listener
}

kiosk_config "$work" BE-A
kiosk_config "$work" BE-B
kiosk_config "$work" BE-C

echo "== two kiosks online, their states retained"
"$kiosk" --headless --config "$work/BE-A.toml" --script "$src/tests/e2e/fleet/kiosk_a.script" --data "$work/a-data" \
  >"$work/a.out" 2>&1 &
a=$!
"$kiosk" --headless --config "$work/BE-B.toml" --script "$src/tests/e2e/fleet/kiosk_b.script" --data "$work/b-data" \
  >"$work/b.out" 2>&1 &
b=$!
pids="$pids $a $b"
# The sale's event comes when kiosk A's renewal settles.
sub -t 'kiosk/BE-A/event' -C 1 -W 60 >"$work/event.json"
grep -q '"kind":"sale"' "$work/event.json" || fail "no sale event: $(cat "$work/event.json")"
for key in '"amount_cents":1000' '"brand":"proximus"' '"method":"card"' '"outcome":"delivered"' '"plan":"px-smart-10"'; do
  grep -q "$key" "$work/event.json" || fail "sale event lacks $key: $(cat "$work/event.json")"
done
grep -q '0470\|470123456\|receipt\|pan' "$work/event.json" && fail "the event says more than it may: $(cat "$work/event.json")"
sub -t 'kiosk/+/state' -C 2 -W 20 -v >"$work/states.txt"
grep -q '^kiosk/BE-A/state .*"online":true' "$work/states.txt" || fail "no state from A: $(cat "$work/states.txt")"
grep -q '^kiosk/BE-B/state .*"in_service":true' "$work/states.txt" || fail "no state from B: $(cat "$work/states.txt")"

echo "== kiosk A cannot write as B nor read B's commands"
a_tls="$(tls BE-A/kiosk.crt BE-A/kiosk.key)"
mosquitto_sub $a_tls -t 'kiosk/BE-B/cmd' -C 1 -W 4 >"$work/a-reads-b.txt" 2>&1 &
spy=$!
sleep 1
mosquitto_pub $a_tls -q 1 -t kiosk/BE-B/state -m '{"kiosk":"BE-B","online":false,"forged":true}' || true
mosquitto_pub $a_tls -q 1 -t kiosk/BE-B/event -m '{"forged":true}' || true
# B gets its own command (end of day) and answers it by id; A, listening on B's topic, hears nothing.
ask BE-B "$work/b-result.json" '{"id":"b-secret","expires":"2099-01-01T00:00:00Z","command":"end-of-day"}'
wait $spy || true
grep -q 'b-secret' "$work/a-reads-b.txt" && fail "kiosk A read kiosk B's command"
sub -t 'kiosk/BE-B/state' -C 1 -W 5 >"$work/b-state.json"
grep -q 'forged' "$work/b-state.json" && fail "kiosk A wrote kiosk B's state"
grep -q '"online":true' "$work/b-state.json" || fail "B's state: $(cat "$work/b-state.json")"
grep -q '"id":"b-secret"' "$work/b-result.json" || fail "B's result: $(cat "$work/b-result.json")"
# Without a certificate from the fleet CA nothing connects.
"$ctl" fleet init "$work/stranger" >/dev/null
"$ctl" fleet issue --ca "$work/stranger" --kiosk BE-B --out "$work/stranger/BE-B" >/dev/null
if mosquitto_pub $(tls stranger/BE-B/kiosk.crt stranger/BE-B/kiosk.key) -t kiosk/BE-B/state -m forged 2>"$work/stranger.err"; then
  fail "a certificate from another CA was let in"
fi

echo "== a command is carried out once, whatever the deliveries; an expired one is refused"
later=$(date -u -d '+10 min' +%Y-%m-%dT%H:%M:%SZ)
cmd='{"id":"c-out-1","expires":"'$later'","sent_by":"alice","command":"out-of-service","out":true,"reason":"@back_hour"}'
ask BE-A "$work/result1.json" "$cmd"
grep -q '"id":"c-out-1".*"ok":true\|"ok":true.*"id":"c-out-1"' "$work/result1.json" || fail "result: $(cat "$work/result1.json")"
ask BE-A "$work/result2.json" "$cmd"
cmp -s "$work/result1.json" "$work/result2.json" || fail "a repeat was carried out again: $(cat "$work/result2.json")"
ask BE-A "$work/expired.json" '{"id":"c-old","expires":"2020-01-01T00:00:00Z","command":"out-of-service","out":false}'
grep -q '"error":"expired"' "$work/expired.json" || fail "an expired command: $(cat "$work/expired.json")"
ask BE-A "$work/bad.json" '{"id":"c-bad","expires":"'$later'","command":"rm -rf"}'
grep -q '"error":"'"'"'rm -rf'"'"' is not a command the fleet may send"' "$work/bad.json" || fail "bad command: $(cat "$work/bad.json")"
# A catalog the kiosk cannot check (it has no catalog key) is refused, answered and reported.
sub -t 'kiosk/BE-A/event' -C 1 -W 20 >"$work/catalog-event.json" &
listener=$!
ask BE-A "$work/catalog.json" '{"id":"c-cat","expires":"'$later'","command":"catalog-install","file":"{}"}'
wait $listener
grep -q '"ok":false' "$work/catalog.json" && grep -q 'no \[catalog\] public_key' "$work/catalog.json" ||
  fail "catalog result: $(cat "$work/catalog.json")"
grep -q '"kind":"catalog_refused"' "$work/catalog-event.json" || fail "catalog event: $(cat "$work/catalog-event.json")"
mosquitto_pub $console -q 1 -t kiosk/BE-A/cmd \
  -m '{"id":"c-in-1","expires":"'$later'","sent_by":"alice","command":"out-of-service","out":false}'
data=$work/a-data
wait_status '"screen":"brand"'
"$ctl" status --data "$data" | grep -q '"fleet":{"connected":true,"dropped":0,"host":"127.0.0.1","port":'"$port"',"queued":0}' ||
  fail "kioskctl status on the fleet: $("$ctl" status --data "$data")"
ask BE-A "$work/restart.json" '{"id":"c-restart","expires":"'$later'","sent_by":"alice","command":"restart"}'
grep -q '"restarting":true' "$work/restart.json" || fail "restart: $(cat "$work/restart.json")"
wait $a || fail "kiosk A: $(tail -5 "$work/a.out")"
# It waited: the customer's session ended before the restart.
sed -n '/c-restart (restart) from alice: waits/,$p' "$work/a-data/kiosk.log" | grep -q "session ended" ||
  fail "the restart did not wait for the session: $(grep -n 'c-restart\|session ended' "$work/a-data/kiosk.log")"
grep -q "technician fleet (alice): out of service: @back_hour" "$work/a-data/kiosk.log" || fail "not in A's log with who sent it"
[ "$(grep -c 'c-out-1 (out-of-service)' "$work/a-data/kiosk.log")" = 1 ] || fail "c-out-1 ran more than once"
# A stopped cleanly: it said itself that it is offline.
sub -t 'kiosk/BE-A/state' -C 1 -W 5 >"$work/a-offline.json"
grep -q '"online":false' "$work/a-offline.json" || fail "A's state after it stopped: $(cat "$work/a-offline.json")"

echo "== a kiosk that dies is marked offline by its last will"
kill -9 "$b"
wait "$b" 2>/dev/null || true
i=0
until sub -t 'kiosk/BE-B/state' -C 1 -W 3 | grep -q '"online":false'; do
  i=$((i + 1))
  [ $i -lt 10 ] || fail "B's last will never came"
done
echo "== the broker away: a sale goes on, its event is kept and sent when the broker is back"
# A persistent session for the console, so that the event waits at the broker for it whenever
# the kiosk gets through.
sub -c -i test-console -q 1 -t 'kiosk/BE-C/event' -C 1 -W 1 >/dev/null
kill "$broker"
wait "$broker" 2>/dev/null || true
"$kiosk" --headless --config "$work/BE-C.toml" --script "$src/tests/e2e/fleet/kiosk_c.script" --data "$work/c-data" \
  >"$work/c.out" 2>&1 &
c=$!
pids="$pids $c"
i=0
until grep -q "BE-C.* settled" "$work/c-data/kiosk.log" 2>/dev/null; do
  i=$((i + 1))
  [ $i -lt 300 ] || fail "kiosk C did not sell without the broker: $(tail -5 "$work/c.out")"
  sleep 0.1
done
mosquitto -c "$work/broker/mosquitto.conf" >>"$work/broker/log" 2>&1 &
broker=$!
pids="$pids $broker"
# The kiosk reconnects by itself (its back-off grows to 30 s at most).
i=0
until sub -c -i test-console -q 1 -t 'kiosk/BE-C/event' -C 1 -W 60 >"$work/c-event.json" && [ -s "$work/c-event.json" ]; do
  i=$((i + 1))
  [ $i -lt 20 ] || break
  sleep 0.5  # until the broker listens again
done
grep -q '"outcome":"delivered"' "$work/c-event.json" || fail "C's event after the broker came back: $(cat "$work/c-event.json")"
ask BE-C "$work/c-result.json" '{"id":"c-stop","expires":"'$later'","command":"out-of-service","out":true,"reason":"@back_soon"}'
wait $c || fail "kiosk C: $(tail -5 "$work/c.out")"
echo "fleet link: state, events, commands once, ACL, last will, and a broker away"
