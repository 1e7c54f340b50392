#!/bin/sh
# deploy/kiosk-dev fleet: a fleet on this machine. mosquitto with the shipped configuration and
# ACL, three kiosks (headless, simulated devices, each with its embedded gateway) and kiosk-fleet;
# prints the console's address and a login. Ctrl-C stops them all. The fleet's CA, certificates
# and the console's data stay in WORK for the next run.
#   demo.sh BIN_DIR SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
ctl=$bin/kioskctl
fail() {
  echo "kiosk-dev fleet: $*" >&2
  exit 1
}
. "$src/deploy/fleet/local_fleet.sh"
mkdir -p "$work"
trap stop_fleet EXIT
trap 'exit 130' INT TERM

"$ctl" fleet init "$work/fleet" >/dev/null
kiosks="BE-ANT-01 BE-GNT-01 BE-BXL-01"
for k in $kiosks; do
  [ -f "$work/$k/kiosk.crt" ] || "$ctl" fleet issue --ca "$work/fleet" --kiosk "$k" --out "$work/$k" >/dev/null
done
[ -f "$work/console/operator.crt" ] || "$ctl" fleet issue --ca "$work/fleet" --console --out "$work/console" >/dev/null
start_broker "$work" "$src"
pids="$broker"

# What each kiosk does before it stays on: Antwerpen sells a renewal, Gent's paper runs low,
# Brussels waits for customers.
sale=$(cat "$src/deploy/demo_sale.script")
for k in $kiosks; do
  kiosk_config "$work" "$k"
  case $k in
    BE-ANT-01) printf '%s\nserve\n' "$sale" ;;
    BE-GNT-01) printf 'expect screen attract\ndevice printer near_end\nserve\n' ;;
    *) printf 'expect screen attract\nserve\n' ;;
  esac >"$work/$k.script"
  "$bin/kiosk" --headless --config "$work/$k.toml" --script "$work/$k.script" --data "$work/$k-data" \
    >"$work/$k.out" 2>&1 &
  pids="$pids $!"
done

# A new password for the operator at every run.
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" | "$ctl" fleet account "$work/accounts" operator >/dev/null
console_config "$work" "BE-ANT-01|Antwerpen-Centraal|antwerpen|51.2172|4.4211" \
  "BE-GNT-01|Gent-Sint-Pieters|gent|51.0357|3.7106" "BE-BXL-01|Brussel-Zuid|brussel|50.8358|4.3365"
start_console "$work" "$bin/kiosk-fleet"
echo "kiosk-dev fleet: console $url (its certificate is self-signed: accept it in the browser)"
echo "kiosk-dev fleet: login operator / $password"
echo "kiosk-dev fleet: broker 127.0.0.1:$port, kiosks $kiosks (data in $work); Ctrl-C stops everything"
wait "$console_pid"
