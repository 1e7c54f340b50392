#!/bin/sh
# An unsettled transaction's age on the fleet counts from when the journal began it, not from
# the kiosk's last start: a kiosk stops with a renewal open, starts again some seconds later
# with its gateway out of reach, and its state says the renewal is as old as it is.
#   fleet_unsettled_age.sh KIOSK KIOSKCTL SOURCE_DIR WORK_DIR
set -eu
. "$(dirname "$0")/kioskctl_checks.sh"
. "$(dirname "$0")/../../deploy/fleet/local_fleet.sh"
kiosk=$1 ctl=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
trap stop_fleet EXIT
"$ctl" fleet init "$work/fleet" >/dev/null
"$ctl" fleet issue --ca "$work/fleet" --kiosk BE-U --out "$work/BE-U" >/dev/null
"$ctl" fleet issue --ca "$work/fleet" --console --out "$work/console" >/dev/null
start_broker "$work" "$src"
pids="$broker"
kiosk_config "$work" BE-U
"$kiosk" --headless --config "$work/BE-U.toml" --script "$src/tests/e2e/fleet/unsettled_left.script" --data "$work/data" \
  >"$work/first.out" 2>&1 || fail "first run: $(tail -3 "$work/first.out")"
began=$(date +%s)
sleep 8
# Again, with a gateway nobody answers at: recovery cannot settle the renewal.
cp "$work/BE-U.toml" "$work/away.toml"
printf '[gateway]\nhost = "127.0.0.1"\nport = 1\nallow_unpinned = true\nca_certificate = "%s"\n' "$work/fleet/broker.crt" \
  >>"$work/away.toml"
printf 'wait file %s/done\n' "$work" >"$work/wait.script"
"$kiosk" --headless --config "$work/away.toml" --script "$work/wait.script" --data "$work/data" >"$work/second.out" 2>&1 &
pids="$pids $!"
i=0
until mosquitto_sub -h 127.0.0.1 -p "$port" --cafile "$work/fleet/broker.crt" --cert "$work/console/operator.crt" \
  --key "$work/console/operator.key" -t kiosk/BE-U/state -C 1 -W 5 2>/dev/null >"$work/state.json" &&
  grep -q '"unsettled":1' "$work/state.json"; do
  i=$((i + 1))
  [ $i -lt 10 ] || fail "no state with the open renewal: $(cat "$work/state.json")"
done
age=$(sed -n 's/.*"oldest_unsettled_s":\([0-9]*\).*/\1/p' "$work/state.json")
least=$(( $(date +%s) - began ))
[ -n "$age" ] && [ "$age" -ge "$least" ] || fail "the open renewal is $age s old on the fleet, at least $least s in fact"
touch "$work/done"
echo "unsettled age: $age s (at least $least s since the first run stopped)"
