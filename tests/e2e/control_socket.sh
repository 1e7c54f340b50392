#!/bin/sh
# kioskctl status, test-print, end-of-day, diagnostics, out-of-service, retry and restart against
# a running kiosk over its control socket; the out of service kept across a restart; refusals
# while a customer is at the kiosk; the service log in the journal; callers outside root and
# the kiosk's group refused.
#   control_socket.sh KIOSK KIOSKCTL SCRIPTS_DIR WORK_DIR
set -eu
. "$(dirname "$0")/kioskctl_checks.sh"
kiosk=$1 ctl=$2 scripts=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
data=$work/data

# Secrets the diagnostics bundle must leave out.
cat >"$work/kiosk.toml" <<'TOML'
[terminal]
password = "918273"
[wallet]
api_key = "SECRET-API-KEY-1234"
TOML

echo "== run 1: status, test print, end of day, diagnostics, out of service"
"$kiosk" --headless --config "$work/kiosk.toml" --script "$scripts/technician_first.script" --data "$data" \
  --shots "$work/shots" >"$work/run1.out" 2>&1 &
pid=$!
wait_status '"receipts_printed":1,"screen":"attract"'
"$ctl" status --data "$data" >"$work/status.json"
for key in '"in_service":true' '"version":"' '"printer":{"kind":"sim","model":"virtual printer (PNG files)","status":"ok"}' '"customer_at_kiosk":false' \
  '"journal":{"ok":true' '"disk_free_bytes":' '"terminal":{'; do
  grep -q "$key" "$work/status.json" || fail "status lacks $key: $(cat "$work/status.json")"
done
"$ctl" test-print --data "$data" | grep -q '"printed":true' || fail "test print"
"$ctl" terminal-check --data "$data" | grep -q '"terminal":{"available":true,"connected":"yes","kind":"sim"' ||
  fail "terminal check"
ls "$data"/receipts/TEST-PRINT-*.png >/dev/null 2>&1 || fail "no test page came out of the printer"
"$ctl" end-of-day --data "$data" >"$work/eod.json" || fail "end of day"
grep -q '"terminal_closed":true' "$work/eod.json" || fail "end of day: $(cat "$work/eod.json")"
# The renewal's 10.00 on both sides: the terminal's closing and the journal.
for key in '"difference_cents":0' '"terminal_total_cents":1000' '"card_taken_cents":1000' '"report_printed":true' \
  '"delivered":[{"brand":"proximus","cents":1000,"method":"card","renewals":1}]'; do
  grep -qF "$key" "$work/eod.json" || fail "end of day lacks $key: $(cat "$work/eod.json")"
done
ls "$data"/receipts/END-OF-DAY-*.png >/dev/null 2>&1 || fail "no end of day report came out of the printer"

# The diagnostics bundle: every part, the renewal in the journal's view, and neither the
# customer's number nor a secret of the configuration anywhere in it.
"$ctl" diagnostics --data "$data" --out "$work" >"$work/diag.json" || fail "diagnostics"
bundle=$(sed -n 's/.*"path":"\([^"]*\)".*/\1/p' "$work/diag.json")
[ -s "$bundle" ] || fail "no bundle: $(cat "$work/diag.json")"
mkdir -p "$work/diag"
tar -xzf "$bundle" -C "$work/diag" || fail "the bundle is not a tar.gz"
for part in README.txt status.json versions.txt configuration.json journal.jsonl service_log.jsonl kiosk.log; do
  ls "$work"/diag/kiosk-diagnostics-*/"$part" >/dev/null 2>&1 || fail "the bundle lacks $part"
done
grep -q '"delivered"' "$work"/diag/kiosk-diagnostics-*/journal.jsonl || fail "the renewal is not in the bundle's journal"
if grep -r -e "470123456" -e "SECRET-API-KEY" -e "918273" "$work/diag"; then fail "the bundle holds a number or a secret"; fi
grep -q '"api_key": "(set, not exported)"' "$work"/diag/kiosk-diagnostics-*/configuration.json || fail "api_key not marked as set"

# Reasons customers will read: bounded, printable.
if "$ctl" out-of-service on "" --data "$data" 2>"$work/err"; then fail "an empty reason was taken"; fi
long=$(printf '%081d' 0)
if "$ctl" out-of-service on "$long" --data "$data" 2>"$work/err"; then fail "an 81-character reason was taken"; fi
grep -q "longer than 80" "$work/err" || fail "no reason given for refusing a long reason: $(cat "$work/err")"
if "$ctl" out-of-service on "$(printf 'a\033[2Jb')" --data "$data" 2>"$work/err"; then fail "control characters were taken"; fi
"$ctl" out-of-service on "Printer maintenance, back at 14:30" --data "$data" | grep -q '"out_of_service":"technician"' ||
  fail "out of service"
wait "$pid" || { cat "$work/run1.out"; fail "run 1's script"; }
[ -s "$work/shots/out_of_service.png" ] || fail "no screenshot of the out-of-service screen"

echo "== run 2: kept across the restart, back in service, refused while a customer is there"
"$kiosk" --headless --script "$scripts/technician_restart.script" --data "$data" --shots "$work/shots" >"$work/run2.out" 2>&1 &
pid=$!
wait_status '"reason":"Printer maintenance, back at 14:30"'
"$ctl" status --data "$data" | grep -q '"screen":"out_of_service"' || fail "not out of service after the restart"
"$ctl" out-of-service off --data "$data" | grep -q '"in_service":true' || fail "back in service"
wait_status '"customer_at_kiosk":true'
if "$ctl" out-of-service on "Cleaning" --data "$data" 2>"$work/err"; then fail "out of service during a customer's session"; fi
grep -q "a customer is using the kiosk" "$work/err" || fail "refusal without its reason: $(cat "$work/err")"
if "$ctl" test-print --data "$data" 2>/dev/null; then fail "test print during a customer's session"; fi
if "$ctl" end-of-day --data "$data" 2>/dev/null; then fail "end of day during a customer's session"; fi
if "$ctl" diagnostics --data "$data" --out "$work" 2>/dev/null; then fail "diagnostics during a customer's session"; fi
"$ctl" status --data "$data" >/dev/null || fail "status during a customer's session"

# Only root, the kiosk's user and its group: another user is refused by the socket's mode,
# and by the kiosk's own check of the caller when the mode is opened up. The kiosk's socket
# is in the data folder, which another user may not be able to reach: this one is beside it in
# a folder anyone can enter, through a hard link.
if [ "$(id -u)" -eq 0 ]; then
  open_dir=$(mktemp -d)
  chmod 0755 "$open_dir"
  cp "$ctl" "$open_dir/kioskctl"
  chmod 0755 "$open_dir/kioskctl"
  if ln "$data/control.sock" "$open_dir/control.sock" 2>/dev/null; then
    as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$open_dir/kioskctl" status --socket "$open_dir/control.sock"; }
    if as_nobody 2>"$work/err"; then rm -rf "$open_dir"; fail "nobody reached the kiosk through the socket's mode"; fi
    grep -q "Permission denied" "$work/err" || { rm -rf "$open_dir"; fail "nobody: $(cat "$work/err")"; }
    chmod 0666 "$data/control.sock"
    if as_nobody 2>"$work/err"; then rm -rf "$open_dir"; fail "nobody passed the kiosk's check"; fi
    chmod 0660 "$data/control.sock"
    grep -q "not allowed" "$work/err" || { rm -rf "$open_dir"; fail "nobody: $(cat "$work/err")"; }
    echo "nobody: refused by the mode, then by the kiosk: $(cat "$work/err")"
  else
    echo "(the data folder is on another file system than $open_dir: the caller check is not tried)"
  fi
  rm -rf "$open_dir"
else
  echo "(not root: callers from another user are checked only when run as root)"
fi
wait "$pid" || { cat "$work/run2.out"; fail "run 2's script"; }

echo "== the service log"
count=$(sqlite3 "$data/journal.sqlite" "SELECT COUNT(*) FROM service_log")
refusals=$(sqlite3 "$data/journal.sqlite" "SELECT COUNT(*) FROM service_log WHERE detail LIKE 'refused:%'")
[ "$count" -ge 8 ] || fail "service log has $count entries"
[ "$refusals" -ge 4 ] || fail "service log has $refusals refusals"
sqlite3 "$data/journal.sqlite" "SELECT at, actor, action, substr(detail, 1, 60) FROM service_log"
echo "== run 3: an open transaction, recovery asked now, a restart"
rm -rf "$data"
"$kiosk" --headless --script "$scripts/technician_retry.script" --data "$data" --shots "$work/shots" >"$work/run3.out" 2>&1 &
pid=$!
wait_status '"need":"delivery_outcome"'
"$ctl" retry --data "$data" | grep -q '"open_transactions":1' || fail "retry"
"$ctl" restart --data "$data" | grep -q '"restarting":true' || fail "restart"
wait "$pid" || { cat "$work/run3.out"; fail "run 3 did not end cleanly on the restart"; }
grep -q "a technician asked for a restart" "$work/run3.out" || fail "run 3 ended for another reason: $(cat "$work/run3.out")"
for action in retry restart; do
  [ "$(sqlite3 "$data/journal.sqlite" "SELECT COUNT(*) FROM service_log WHERE action = '$action'")" = 1 ] ||
    fail "the service log lacks $action"
done

echo "control: every command reached the running kiosk, and was refused where it had to be"
