#!/bin/sh
# The operators' console in a real browser: mosquitto with the shipped configuration, three
# headless kiosks on simulated devices, kiosk-fleet, and Debian's Chromium driven through
# chromedriver. An operator logs in (a wrong password first), sees a paper-out alert appear when
# one kiosk's printer runs out, takes that kiosk out of service from the page, and the kiosk's
# own screen changes; another kiosk's sale shows in today's sales, and an end of day goes to all
# three kiosks (after the page's confirmation) with a result from each. Around it, with curl: no session, no CSRF token, another origin, and a
# name locked after repeated failures are all refused, and every login and command is audited.
#   fleet_console.sh KIOSK KIOSKCTL KIOSK_FLEET BROWSER_STEPS SOURCE_DIR WORK_DIR
set -eu
. "$(dirname "$0")/kioskctl_checks.sh"
. "$(dirname "$0")/../../deploy/fleet/local_fleet.sh"
kiosk=$1 ctl=$2 fleet_bin=$3 steps=$4 src=$5 work=$6
rm -rf "$work"
mkdir -p "$work"
trap stop_fleet EXIT

"$ctl" fleet init "$work/fleet" >/dev/null
# A signed catalog, version 2, for the kiosks and the console; and the same signed by a stranger.
"$ctl" catalog keygen "$work/keys" >/dev/null
"$ctl" catalog keygen "$work/other" >/dev/null
sed 's/"version": 1,/"version": 2,/' "$src/assets/catalog/catalog.json" >"$work/v2.json"
"$ctl" catalog sign "$work/keys/catalog.key" "$work/v2.json" "$work/v2.signed" >/dev/null
"$ctl" catalog sign "$work/other/catalog.key" "$work/v2.json" "$work/other.signed" >/dev/null
for k in BE-ANT BE-GNT BE-BXL; do "$ctl" fleet issue --ca "$work/fleet" --kiosk "$k" --out "$work/$k" >/dev/null; done
"$ctl" fleet issue --ca "$work/fleet" --console --out "$work/console" >/dev/null
start_broker "$work" "$src"
pids="$broker"

echo "== three kiosks on the fleet"
for k in BE-ANT BE-GNT BE-BXL; do
  kiosk_config "$work" "$k"
  printf '[catalog]\npublic_key = "%s"\n' "$work/keys/catalog.pub" >>"$work/$k.toml"
  # Each kiosk waits for the test; Antwerpen's printer runs out of paper when the browser is
  # ready to see it, then the kiosk waits for the console to take it out of service.
  if [ "$k" = BE-ANT ]; then
    cat >"$work/$k.script" <<SCRIPT
expect screen attract
shot before
wait file $work/paper-now
device printer paper_out
wait screen out_of_service
expect out_of_service technician
shot after
wait file $work/done
SCRIPT
  elif [ "$k" = BE-GNT ]; then
    # Gent sells a renewal by card once the console listens (events are not retained): today's sales.
    printf '%s\n' 'expect screen attract' "wait file $work/sell-now" 'tap lang_en' 'tap svc_renew' 'tap brand_proximus' 'type 0470123456' \
      'tap next' 'tap next' 'tap confirm' 'tap pay_card' 'device terminal approve' 'expect screen done' 'tap finish' \
      'expect screen attract' "wait file $work/done" >"$work/$k.script"
  else
    printf 'expect screen attract\nwait file %s/done\n' "$work" >"$work/$k.script"
  fi
  "$kiosk" --headless --config "$work/$k.toml" --script "$work/$k.script" --data "$work/$k-data" >"$work/$k.out" 2>&1 &
  pids="$pids $!"
  [ "$k" = BE-ANT ] && ant=$!
done

echo "== kiosk-fleet"
printf 'correct horse battery\n' | "$ctl" fleet account "$work/accounts" alice >/dev/null
printf 'another long secret\n' | "$ctl" fleet account "$work/accounts" bob >/dev/null
refused "12 to 256 characters" sh -c "printf 'short\n' | '$ctl' fleet account '$work/accounts' carol"
printf 'first long secret\n' | "$ctl" fleet account "$work/accounts" carol | grep -q '"replaced":false' || fail "carol added"
printf 'second long secret\n' | "$ctl" fleet account "$work/accounts" carol | grep -q '"replaced":true' || fail "carol's new password"
[ "$(grep -c '^carol ' "$work/accounts")" = 1 ] || fail "carol is in the accounts $(grep -c '^carol ' "$work/accounts") times"
refused "a name is 1 to 32" sh -c "printf 'long enough secret\n' | '$ctl' fleet account '$work/accounts' 'Eve Evil'"
console_config "$work" "BE-ANT|Antwerpen-Centraal|antwerpen|51.2172|4.4211" \
  "BE-GNT|Gent-Sint-Pieters|gent|51.0357|3.7106" "BE-BXL|Brussel-Zuid|brussel|50.8358|4.3365"
printf '[catalog]\npublic_key = "keys/catalog.pub"\n' >>"$work/console.toml"
start_console "$work" "$fleet_bin"
origin=${url%/}

echo "== refused without a session, a CSRF token or the page's origin; a name locked"
get() { curl -sk -o "$work/body" -w '%{http_code}' "$@"; }
post() { path=$1; shift; get -X POST -H 'Content-Type: application/json' "$@" "$origin$path"; }
[ "$(get "$origin/api/fleet")" = 401 ] || fail "the fleet without a session: $(cat "$work/body")"
[ "$(post /api/commands -d '{"target":"all","command":"restart"}')" = 401 ] || fail "a command without a session"
[ "$(post /api/login -c "$work/jar" -d '{"name":"alice","password":"correct horse battery"}')" = 200 ] ||
  fail "login with curl: $(cat "$work/body")"
csrf=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$work/body")
[ "$(post /api/commands -b "$work/jar" -d '{"target":"all","command":"restart"}')" = 403 ] ||
  fail "a command without the CSRF token: $(cat "$work/body")"
[ "$(post /api/commands -b "$work/jar" -H "X-CSRF-Token: $csrf" -H 'Origin: https://evil.example' \
  -d '{"target":"all","command":"restart"}')" = 403 ] || fail "a command from another origin: $(cat "$work/body")"
[ "$(get -X POST -b "$work/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: text/plain' \
  -d '{"target":"all","command":"restart"}' "$origin/api/commands")" = 403 ] || fail "a command as a plain form"
[ "$(post /api/commands -b "$work/jar" -H "X-CSRF-Token: $csrf" -d '{"target":"kiosk:BE-NONE","command":"restart"}')" = 400 ] ||
  fail "a command to no kiosk: $(cat "$work/body")"
[ "$(post /api/commands -b "$work/jar" -H "X-CSRF-Token: $csrf" -d '{"target":"all","command":"rm -rf"}')" = 400 ] ||
  fail "a command the console does not send: $(cat "$work/body")"
head -c 100000 /dev/zero | tr '\0' 'a' >"$work/large"
[ "$(post /api/login --data-binary "@$work/large")" = 413 ] || fail "a large body without a session: $(cat "$work/body")"
[ "$(post /api/commands --data-binary "@$work/large")" = 413 ] || fail "a large command without a session"
for n in 1 2 3 4 5; do
  [ "$(post /api/login -d '{"name":"bob","password":"guess number '$n'"}')" = 401 ] || fail "bob's try $n: $(cat "$work/body")"
done
[ "$(post /api/login -d '{"name":"bob","password":"another long secret"}')" = 429 ] ||
  fail "bob is not locked after five failures: $(cat "$work/body")"
grep -q 'locked after repeated failures' "$work/body" || fail "the lock says: $(cat "$work/body")"
headers=$(curl -sk -D - -o /dev/null "$origin/")
for h in "Content-Security-Policy: default-src 'none'" "X-Frame-Options: DENY" "Strict-Transport-Security"; do
  echo "$headers" | grep -qi "$h" || fail "the page lacks $h"
done
# TLS 1.2 is taken; 1.1 is refused by the console itself (the client allows it here).
echo | openssl s_client -connect "${origin#https://}" -tls1_2 >"$work/tls12.txt" 2>&1 || true
grep -q "Cipher is [A-Z]" "$work/tls12.txt" || fail "TLS 1.2 refused: $(tail -3 "$work/tls12.txt")"
echo | openssl s_client -connect "${origin#https://}" -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' >"$work/tls11.txt" 2>&1 || true
grep -q "Cipher is [A-Z]" "$work/tls11.txt" && fail "TLS 1.1 accepted"
grep -q "protocol version\|unsupported protocol\|no protocols available" "$work/tls11.txt" ||
  fail "TLS 1.1: $(tail -3 "$work/tls11.txt")"

echo "== in Chromium: log in, see paper out, take the kiosk out of service"
chromedriver_port=""
for try in 1 2 3 4 5; do
  p=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
  chromedriver --port="$p" >"$work/chromedriver.log" 2>&1 &
  driver=$!
  pids="$pids $driver"
  i=0
  while [ $i -lt 50 ] && ! curl -s "http://127.0.0.1:$p/status" 2>/dev/null | grep -q '"ready":true'; do
    sleep 0.1
    i=$((i + 1))
  done
  if curl -s "http://127.0.0.1:$p/status" 2>/dev/null | grep -q '"ready":true'; then chromedriver_port=$p; break; fi
  kill "$driver" 2>/dev/null || true
done
[ -n "$chromedriver_port" ] || fail "chromedriver did not start: $(cat "$work/chromedriver.log")"
cat >"$work/browser.steps" <<STEPS
open $url
wait #login-form
type #login-name | alice
type #login-password | not my password
click #login-button
wait #login-error | wrong name or password
type #login-password | correct horse battery
click #login-button
wait #fleet-view:not([hidden])
cookie __Host-fleet
no-script-cookie __Host-fleet
wait #broker | broker: connected
touch $work/sell-now
wait #kiosks tr[data-kiosk="BE-ANT"] .service | in service
wait #kiosks tr[data-kiosk="BE-GNT"] .service | in service
wait #kiosks tr[data-kiosk="BE-BXL"] .service | in service
gone #alerts li[data-kiosk="BE-ANT"]
touch $work/paper-now
wait #alerts li[data-kiosk="BE-ANT"][data-kind="paper_out"] | paper out
shot $work/console-paper-out.png
select #command-target | kiosk:BE-ANT
select #command-name | out-of-service
select #command-reason | @back_hour
click #command-send
wait #commands tr.ok td.result | done
wait #kiosks tr[data-kiosk="BE-ANT"] .service | out: back in an hour
wait #alerts li[data-kiosk="BE-ANT"][data-kind="out_of_service"]
wait #sales-kiosk td | BE-GNT
wait #sales-method td | card
select #command-target | all
select #command-name | end-of-day
click #command-send
accept dialog
wait #commands tbody tr:nth-child(1).ok td.result | done
wait #commands tbody tr:nth-child(2).ok td.result | done
wait #commands tbody tr:nth-child(3).ok td.result | done
shot $work/console.png
STEPS
"$steps" --driver "$chromedriver_port" --chromium /usr/bin/chromium --profile "$work/chromium-profile" \
  "$work/browser.steps" >"$work/browser.out" 2>&1 || fail "$(tail -3 "$work/browser.out")"

echo "== a catalog to a group: checked by the console first, installed by the kiosk"
catalog_to_brussels() {
  printf '{"target":"group:brussel","command":"catalog-install","file":' >"$work/catalog-command.json"
  # The signed file as a JSON string: its quotes and backslashes escaped, its lines joined.
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' "$1" | awk 'BEGIN { printf "\"" } { printf "%s\\n", $0 } END { printf "\"}" }' \
    >>"$work/catalog-command.json"
  post /api/commands -b "$work/jar" -H "X-CSRF-Token: $csrf" --data-binary "@$work/catalog-command.json"
}
[ "$(catalog_to_brussels "$work/other.signed")" = 400 ] || fail "a catalog signed by a stranger: $(cat "$work/body")"
grep -q 'the catalog: ' "$work/body" || fail "the stranger's catalog: $(cat "$work/body")"
[ "$(catalog_to_brussels "$work/v2.signed")" = 200 ] || fail "catalog version 2: $(cat "$work/body")"
grep -q '"kiosk":"BE-BXL"' "$work/body" && ! grep -q '"kiosk":"BE-GNT"' "$work/body" || fail "not to the group: $(cat "$work/body")"
i=0
until get -b "$work/jar" "$origin/api/fleet" >/dev/null &&
  grep -q '"id":"BE-BXL".\{0,300\}"state":{"catalog":{"valid_until":"[0-9-]*","version":2}' "$work/body"; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "BE-BXL does not sell from version 2: $(cat "$work/body")"
  sleep 0.2
done
grep -q '"command":"catalog-install","detail":"catalog version 2".\{0,200\}"result":{[^}]*"ok":true' "$work/body" ||
  fail "the catalog's result: $(cat "$work/body")"
grep -q '"id":"BE-GNT".\{0,300\}"state":{"catalog":{"valid_until":"[0-9-]*","version":1}' "$work/body" ||
  fail "a kiosk outside the group changed its catalog"

echo "== diagnostics from a kiosk, downloaded from the console"
[ "$(post /api/commands -b "$work/jar" -H "X-CSRF-Token: $csrf" -d '{"target":"kiosk:BE-GNT","command":"diagnostics"}')" = 200 ] ||
  fail "diagnostics: $(cat "$work/body")"
id=$(sed -n 's/.*"id":"\(c-[0-9a-f]*\)".*/\1/p' "$work/body")
i=0
until [ "$(get -b "$work/jar" "$origin/api/diagnostics/$id")" = 200 ]; do
  i=$((i + 1))
  [ $i -lt 100 ] || fail "no diagnostics bundle for $id"
  sleep 0.2
done
cp "$work/body" "$work/diagnostics.tar.gz"
tar -tzf "$work/diagnostics.tar.gz" >"$work/diagnostics.list" || fail "the bundle is not a tar.gz"
[ -s "$work/diagnostics.list" ] || fail "the bundle is empty"
[ "$(get "$origin/api/diagnostics/$id")" = 401 ] || fail "a bundle without a session"
[ "$(get -b "$work/jar" "$origin/api/diagnostics/c-000000000000000000")" = 404 ] || fail "a bundle nobody asked for"

touch "$work/done"
wait "$ant" || fail "kiosk BE-ANT: $(tail -5 "$work/BE-ANT.out")"
[ -s "$work/BE-ANT-data/shots/before.png" ] && [ -s "$work/BE-ANT-data/shots/after.png" ] || fail "the kiosk's shots"
cmp -s "$work/BE-ANT-data/shots/before.png" "$work/BE-ANT-data/shots/after.png" && fail "the kiosk's screen did not change"
grep -q "technician fleet (alice): out of service: @back_hour" "$work/BE-ANT-data/kiosk.log" ||
  fail "the kiosk's log does not say who: $(grep -n 'fleet' "$work/BE-ANT-data/kiosk.log" | tail -5)"

echo "== audited"
audit=$work/console-data/audit.log
for line in '"action":"login_failed".*"who":"alice"' '"action":"login".*"who":"alice"' '"action":"locked".*"who":"bob"' \
  '"action":"login_refused".*"who":"bob"' '"action":"command".*"detail":"out-of-service to kiosk:BE-ANT: out: @back_hour (1 kiosk)".*"who":"alice"'; do
  grep -q "$line" "$audit" || fail "the audit log lacks $line: $(cat "$audit")"
done
grep -q 'correct horse\|guess number' "$audit" && fail "a password in the audit log"
grep -q '"action":"command".*"detail":"end-of-day to all (3 kiosks)"' "$audit" || fail "the command to all is not audited"
echo "fleet console: login, alerts, sales, commands from the browser, the kiosk's screen, refusals, audit"
