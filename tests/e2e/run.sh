#!/bin/sh
# Runs one --script session (or the built-in demo) in a fresh data folder.
#   run.sh KIOSK SCRIPT|demo WORKDIR
set -eu
kiosk=$1 script=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
if [ "$script" = demo ]; then
  "$kiosk" --headless --data "$work/data" > "$work/out.txt"
  cat "$work/out.txt"
  grep -q "demo session completed" "$work/out.txt"
  receipt=$(sed -n 's/^receipt: //p' "$work/out.txt")
  test -s "$receipt"
else
  exec "$kiosk" --headless --script "$script" --data "$work/data" --shots "$work/shots"
fi
