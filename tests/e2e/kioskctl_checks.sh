# Shared by the e2e scripts that drive kioskctl: sourced, with $ctl (kioskctl), $work and, for
# wait_status, $data (the running kiosk's data folder) set by the caller.
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# Until `kioskctl status` says KEY is VALUE (a Python-free JSON check: the compact dump).
wait_status() {
  i=0
  while [ $i -lt 300 ]; do
    if "$ctl" status --data "$data" 2>/dev/null | grep -q "$1"; then return 0; fi
    sleep 0.1
    i=$((i + 1))
  done
  "$ctl" status --data "$data" || true
  fail "status never showed $1"
}
# refused WHY COMMAND…: exits 1 and says WHY on standard error.
refused() {
  why=$1
  shift
  if "$@" >"$work/out" 2>"$work/err"; then fail "accepted: $*"; fi
  grep -q "$why" "$work/err" || fail "'$*' said $(cat "$work/err"), not $why"
}
