#!/bin/sh
# The packaged systemd units: `systemd-analyze verify` against the package's own files (no
# warning at all) and `systemd-analyze security --offline` rating each at 2.5 or better.
#   units.sh BUILD_DIR WORK_DIR
set -eu
build=$1 work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
deb=$(make_deb "$build" "$work/deb")

# A root made of the package, this machine's units (the targets ours name) and cage, so that
# verify checks our programs where the units say they are.
root=$work/root
dpkg-deb -x "$deb" "$root"
cp -rn /lib/systemd/system/. "$root/lib/systemd/system/"
cp "$(command -v cage)" "$root/usr/bin/cage"

for unit in kiosk.service kiosk-gateway.service; do
  if ! systemd-analyze verify --root="$root" "$unit" >"$work/verify-$unit.txt" 2>&1; then
    cat "$work/verify-$unit.txt"
    fail "systemd-analyze verify $unit"
  fi
  if [ -s "$work/verify-$unit.txt" ]; then
    cat "$work/verify-$unit.txt"
    fail "systemd-analyze verify $unit has warnings"
  fi
  systemd-analyze security --offline=true --no-pager "$root/lib/systemd/system/$unit" >"$work/security-$unit.txt" 2>&1 || true
  level=$(sed -n "s/.*Overall exposure level for $unit: \([0-9.]*\).*/\1/p" "$work/security-$unit.txt")
  [ -n "$level" ] || { cat "$work/security-$unit.txt"; fail "no exposure level for $unit"; }
  awk -v l="$level" 'BEGIN { exit !(l <= 2.5) }' || { cat "$work/security-$unit.txt"; fail "$unit is rated $level (above 2.5)"; }
  echo "units: $unit verified, exposure $level"
done
