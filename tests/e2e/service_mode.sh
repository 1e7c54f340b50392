#!/bin/sh
# The technician's service mode on the kiosk's own screen, driven by scripts: the hidden corner
# and the service key, the PIN checked against its scrypt hash from the configuration, the five
# tries and the lock that outlives a restart, the actions (their outcomes and the service log),
# out of service with a note for customers across a restart, refusal while a customer is at the
# kiosk, no PIN configured, and the diagnostics bundle in the data folder or on a mounted stick.
#   service_mode.sh KIOSK KIOSKCTL SCRIPTS_DIR WORK_DIR
set -eu
kiosk=$1 ctl=$2 scripts=$3 work=$4
rm -rf "$work"
mkdir -p "$work/media"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
hash=$(printf '2580\n' | "$ctl" service-pin hash | sed -n 's/^{"pin_hash":"\(.*\)"}$/\1/p')
case $hash in '$scrypt$'*) ;; *) fail "kioskctl service-pin hash gave '$hash'" ;; esac
cat >"$work/kiosk.toml" <<TOML
[service]
pin_hash = "$hash"
export_dirs = ["$work/media"]
TOML
# run NAME DATA [CONFIG]: one kiosk session with the script NAME.
run() {
  echo "== $1"
  config=${3:-$work/kiosk.toml}
  if ! "$kiosk" --headless --config "$config" --script "$scripts/$1.script" --data "$2" --shots "$work/shots-$1" \
    >"$work/$1.out" 2>&1; then
    cat "$work/$1.out"
    fail "$1"
  fi
}

run first_visit "$work/data"
# No stick mounted: the bundle is in the data folder, readable by the kiosk's user only.
bundle=$(ls "$work"/data/diagnostics/kiosk-diagnostics-*.tar.gz)
[ "$(stat -c %a "$bundle")" = 600 ] || fail "bundle mode $(stat -c %a "$bundle")"
tar -tzf "$bundle" | grep -q '/service_log.jsonl$' || fail "bundle without the service log"
tar -xzOf "$bundle" --wildcards '*/configuration.json' | grep -q '"pin_hash": "(set, not exported)"' ||
  fail "the bundle's configuration shows the PIN's hash"
if tar -xzOf "$bundle" | grep -q 'scrypt'; then fail "the PIN's hash is in the bundle"; fi
# The PIN typed is nowhere in the log.
if grep -qwE '2580|1111' "$work/data/kiosk.log"; then fail "a PIN typed is in the log"; fi
grep -q 'service mode: PIN right: service mode entered' "$work/data/kiosk.log" || fail "entry not logged"
ls "$work"/data/receipts/TEST-PRINT-*.png "$work"/data/receipts/END-OF-DAY-*.png >/dev/null ||
  fail "the test page or the day's report did not come out of the printer"

# Still out of service after the restart; put back from the screen.
run back_in_service "$work/data"

# The lock holds across a restart.
run five_wrong "$work/lock"
run still_locked "$work/lock"

# No PIN in the configuration: nothing lets the technician in.
printf '[kiosk]\nid = "BE-KIOSK-01"\n' >"$work/no-pin.toml"
run no_pin "$work/no-pin" "$work/no-pin.toml"

# A USB stick: a file system mounted below the export folder, in a mount namespace of the test's
# own (skipped where user namespaces are not allowed).
if unshare --mount --map-root-user true 2>/dev/null; then
  echo "== export_to_stick"
  mkdir -p "$work/media/STICK"
  unshare --mount --map-root-user sh -c '
    mount -t tmpfs -o size=16m stick "$1/media/STICK" || exit 3
    "$2" --headless --config "$1/kiosk.toml" --script "$3/export_to_stick.script" --data "$1/stick-data" \
      --shots "$1/shots-stick" >"$1/export_to_stick.out" 2>&1 || exit 4
    ls "$1"/media/STICK/kiosk-diagnostics-*.tar.gz >/dev/null || exit 5
    tar -tzf "$1"/media/STICK/kiosk-diagnostics-*.tar.gz | grep -q /status.json || exit 6
  ' sh "$work" "$kiosk" "$scripts" || {
    cat "$work/export_to_stick.out" 2>/dev/null || true
    fail "export to a mounted stick (step $?)"
  }
  [ -z "$(ls -A "$work/media/STICK")" ] || fail "the stick's files outlived its mount"
else
  echo "user namespaces not available: the stick's case is not tried here"
fi
echo "service mode: all good"
