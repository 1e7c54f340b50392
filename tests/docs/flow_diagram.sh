#!/bin/sh
# The README's flow diagram is the one kioskctl generates from the core today.
#   flow_diagram.sh KIOSKCTL README
set -eu
ctl=$1 readme=$2
expected=$(mktemp) actual=$(mktemp)
trap 'rm -f "$expected" "$actual"' EXIT
"$ctl" flow > "$expected"
sed -n '/^```mermaid$/,/^```$/p' "$readme" | sed '1d;$d' > "$actual"
if ! diff -u "$expected" "$actual"; then
  echo "README.md's diagram is stale: replace it with the output of 'kioskctl flow'" >&2
  exit 1
fi
