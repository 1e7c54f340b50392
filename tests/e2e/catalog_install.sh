#!/bin/sh
# A signed catalog installed on the running kiosk (kioskctl catalog install): a brand the code
# does not know is sold and renewed; an older or equal version, a changed text, another key and
# a kiosk without a key are refused, journaled and change nothing; the installed catalog
# outlives a restart; a damaged installed file is reported, left as it is, and the built-in
# catalog comes back.
#   catalog_install.sh KIOSK KIOSKCTL SOURCE_DIR WORK_DIR
set -eu
. "$(dirname "$0")/kioskctl_checks.sh"
kiosk=$1 ctl=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
data=$work/data

"$ctl" catalog keygen "$work/keys" >/dev/null
"$ctl" catalog keygen "$work/other" >/dev/null
printf '[catalog]\npublic_key = "%s"\n' "$work/keys/catalog.pub" >"$work/kiosk.toml"

# The demo catalog, version 2, with an operator only this file knows.
awk '
  { print }
  /"brands": \[/ {
    print "    {\"id\": \"hey_mobile\", \"name\": \"Hey! Mobile\", \"colour\": \"#102030\", \"text_colour\": \"#FFFFFF\","
    print "     \"identifiers\": [\"phone_number\"], \"reactivation_fee_cents\": 0},"
  }
  /"plans": \[/ {
    print "    {\"id\": \"hey-5\", \"brand\": \"hey_mobile\", \"name\": \"Hey 5\", \"data_gb\": 5, \"minutes\": -1,"
    print "     \"sms\": -1, \"intl_minutes\": 0, \"price_cents\": 500, \"months\": [1, 3]},"
  }
' "$src/assets/catalog/catalog.json" | sed 's/"version": 1,/"version": 2,/' >"$work/v2.json"
"$ctl" catalog sign "$work/keys/catalog.key" "$work/v2.json" "$work/v2.signed" >/dev/null
"$ctl" catalog sign "$work/other/catalog.key" "$work/v2.json" "$work/other.signed" >/dev/null
sed 's/\\"price_cents\\": 500,/\\"price_cents\\": 5,/' "$work/v2.signed" >"$work/changed.signed"
cmp -s "$work/v2.signed" "$work/changed.signed" && fail "the test did not change the price"

echo "== a kiosk without a catalog key takes none"
"$kiosk" --headless --script "$src/tests/e2e/catalog/idle.script" --data "$work/nokey" >"$work/nokey.out" 2>&1 &
pid=$!
data=$work/nokey
wait_status '"screen":"attract"'
refused "no \[catalog\] public_key" "$ctl" catalog install "$work/v2.signed" --data "$data"
"$ctl" out-of-service on maintenance --data "$data" >/dev/null
wait $pid || fail "the kiosk without a key: $(tail -5 "$work/nokey.out")"
[ ! -e "$data/catalog/installed.json" ] || fail "a catalog was kept without a key to check it"

echo "== run 1: refusals, then version 2 installed and a renewal with its new brand"
data=$work/data
"$kiosk" --headless --config "$work/kiosk.toml" --script "$src/tests/e2e/catalog/new_brand.script" --data "$data" \
  --shots "$work/shots" >"$work/run1.out" 2>&1 &
pid=$!
wait_status '"catalog":{"installed":false,"pending":false,"valid_until":"[0-9-]*","version":1}'
refused "another key" "$ctl" catalog install "$work/other.signed" --data "$data"
refused "does not match" "$ctl" catalog install "$work/changed.signed" --data "$data"
refused "not a signed catalog" "$ctl" catalog install "$work/v2.json" --data "$data"
refused "cannot read" "$ctl" catalog install "$work/missing.signed" --data "$data"
[ ! -e "$data/catalog/installed.json" ] || fail "a refused catalog was kept"
"$ctl" catalog install "$work/v2.signed" --data "$data" >"$work/install.json"
grep -q '"ok":true' "$work/install.json" || fail "install: $(cat "$work/install.json")"
grep -q '"version":2' "$work/install.json" || fail "install: $(cat "$work/install.json")"
refused "is not above version 2" "$ctl" catalog install "$work/v2.signed" --data "$data"
wait $pid || fail "the renewal with the new brand: $(tail -5 "$work/run1.out")"
cmp -s "$data/catalog/installed.json" "$work/v2.signed" || fail "the installed file is not the signed one"
"$ctl" journal list --data "$data" >"$work/journal.json"
grep -q '"brand":"hey_mobile".*"plan":"hey-5"' "$work/journal.json" || fail "journal: $(cat "$work/journal.json")"
grep -q '"amount_cents":"500"' "$work/journal.json" || fail "the new plan's price: $(cat "$work/journal.json")"
grep -q "catalog: selling from version 2" "$data/kiosk.log" || fail "no log line for version 2"
grep -q "gateway: selling from catalog version 2" "$data/kiosk.log" || fail "the embedded gateway kept version 1"
# Refusals are logged with their reason (and kept in the journal's service log).
grep -q "ALERT catalog: the one .* sent is refused: signed by another key" "$data/kiosk.log" || fail "refusal not logged"

echo "== run 2: the installed catalog outlives a restart"
printf 'expect screen attract\ntap lang_en\ntap svc_renew\nexpect widget brand_hey_mobile\n' >"$work/again.script"
"$kiosk" --headless --config "$work/kiosk.toml" --script "$work/again.script" --data "$data" >"$work/run2.out" 2>&1 ||
  fail "after a restart: $(tail -5 "$work/run2.out")"
grep -q "catalog: version 2 (installed)" "$data/kiosk.log" || fail "not sold from the installed catalog after a restart"

echo "== run 3: a damaged installed file is reported and left as it is"
sed 's/\\"price_cents\\": 500,/\\"price_cents\\": 50,/' "$data/catalog/installed.json" >"$work/damaged"
cp "$work/damaged" "$data/catalog/installed.json"
sum=$(cksum <"$data/catalog/installed.json")
printf 'expect screen attract\nwait catalog 1\ntap lang_en\ntap svc_renew\nexpect screen brand\n' >"$work/damaged.script"
"$kiosk" --headless --config "$work/kiosk.toml" --script "$work/damaged.script" --data "$data" >"$work/run3.out" 2>&1 ||
  fail "with a damaged catalog: $(tail -5 "$work/run3.out")"
grep -q "ALERT catalog: the installed catalog .* fails its check (the signature does not match" "$data/kiosk.log" ||
  fail "the damaged catalog was not reported"
[ "$(cksum <"$data/catalog/installed.json")" = "$sum" ] || fail "the damaged catalog was not left as it was"
# The embedded gateway has sold from version 2: it takes no older one back.
grep -q "is older than version 2" "$data/kiosk.log" || fail "the gateway took the older catalog back"
echo "catalog install: new brand sold, refusals kept nothing, damage reported"
