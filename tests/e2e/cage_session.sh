#!/bin/sh
# The kiosk as the service runs it: fullscreen in cage (the Wayland kiosk compositor), here on
# wlroots' headless backend, driven by an e2e script. cage will not run as root, so as root the
# session runs as "nobody" from a private copy of the kiosk in a folder of its own.
#   cage_session.sh KIOSK ASSETS SCRIPT WORK_DIR
set -eu
kiosk=$1 assets=$2 script=$3 work=$4
command -v cage >/dev/null || { echo "FAIL: cage is not installed" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"

run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
mkdir -p "$run/bin" "$run/runtime" "$run/data"
cp "$kiosk" "$(dirname "$kiosk")/kiosk-gateway-link.so" "$run/bin/"
cp -r "$assets" "$run/assets"
cp "$script" "$run/session.script"
chmod 0700 "$run/runtime"
as_user=""
if [ "$(id -u)" -eq 0 ]; then
  chown -R nobody:nogroup "$run"
  chmod 0755 "$run"
  as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi

# cage's own exit status says nothing about its client's: the client writes it down.
$as_user env -i PATH=/usr/bin:/bin HOME="$run" XDG_RUNTIME_DIR="$run/runtime" \
  WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=wayland \
  timeout 300 cage -d -- sh -c '"$1/bin/kiosk" --fullscreen --assets "$1/assets" --data "$1/data" \
      --script "$1/session.script" --shots "$1/shots" >"$1/kiosk.out" 2>&1; echo $? >"$1/kiosk.status"' \
  sh "$run" >"$work/cage.log" 2>&1 || true
cp -r "$run/data" "$run/kiosk.out" "$work/" 2>/dev/null || true
[ -d "$run/shots" ] && cp -r "$run/shots" "$work/"

status=$(cat "$run/kiosk.status" 2>/dev/null || echo none)
if [ "$status" != 0 ]; then
  cat "$work/cage.log" "$work/kiosk.out" 2>/dev/null || true
  echo "FAIL: the kiosk under cage ended with status $status" >&2
  exit 1
fi
# The session was on cage's screen, as a Wayland client filling it.
if ! grep -q "screen: wayland, window [0-9]*x[0-9]* fullscreen" "$work/data/kiosk.log"; then
  grep "screen:" "$work/data/kiosk.log" || true
  echo "FAIL: the kiosk did not show on cage's Wayland screen" >&2
  exit 1
fi
grep "screen: wayland" "$work/data/kiosk.log"
echo "cage: the script ran on cage's headless screen"
