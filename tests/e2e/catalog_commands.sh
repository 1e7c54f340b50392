#!/bin/sh
# kioskctl catalog keygen, sign, verify and show: the demo catalog signed and verified; a catalog
# changed after signing, a signature by another key, an expired or malformed catalog refused with
# the reason (exit 1); a key never overwritten.
#   catalog_commands.sh KIOSKCTL SOURCE_DIR WORK_DIR
set -eu
. "$(dirname "$0")/kioskctl_checks.sh"
ctl=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"

"$ctl" catalog keygen "$work/keys" >"$work/keygen.json"
grep -q '"key_id":"' "$work/keygen.json" || fail "keygen: $(cat "$work/keygen.json")"
[ "$(stat -c %a "$work/keys/catalog.key")" = 600 ] || fail "the private key is not 0600"
grep -q 'BEGIN PUBLIC KEY' "$work/keys/catalog.pub" || fail "no public key"
refused "never overwritten" "$ctl" catalog keygen "$work/keys"
"$ctl" catalog keygen "$work/other" >/dev/null

"$ctl" catalog sign "$work/keys/catalog.key" "$src/assets/catalog/catalog.json" "$work/catalog.signed" >"$work/sign.json"
grep -q '"signed":"' "$work/sign.json" || fail "sign: $(cat "$work/sign.json")"
"$ctl" catalog verify "$work/keys/catalog.pub" "$work/catalog.signed" >"$work/verify.json"
grep -q '"valid":true' "$work/verify.json" || fail "verify: $(cat "$work/verify.json")"
grep -q '"id":"mobilevikings"' "$work/verify.json" || fail "verify lists no brands"
"$ctl" catalog show "$work/catalog.signed" | grep -q '"signature_checked":false' || fail "show"
"$ctl" catalog show "$src/assets/catalog/catalog.json" | grep -q '"signed":false' || fail "show the source"

refused "another key" "$ctl" catalog verify "$work/other/catalog.pub" "$work/catalog.signed"
# A price changed after signing.
sed 's/\\"price_cents\\": 1000,/\\"price_cents\\": 100,/' "$work/catalog.signed" >"$work/changed.signed"
cmp -s "$work/catalog.signed" "$work/changed.signed" && fail "the test did not change the price"
refused "does not match" "$ctl" catalog verify "$work/keys/catalog.pub" "$work/changed.signed"
refused "not a signed catalog" "$ctl" catalog verify "$work/keys/catalog.pub" "$src/assets/catalog/catalog.json"
refused "cannot read" "$ctl" catalog verify "$work/keys/catalog.pub" "$work/missing.signed"
# Past its last day, or malformed: not signed at all.
sed 's/"valid_until": "[0-9-]*"/"valid_until": "2020-01-31"/' "$src/assets/catalog/catalog.json" >"$work/expired.json"
refused "is past" "$ctl" catalog sign "$work/keys/catalog.key" "$work/expired.json" "$work/expired.signed"
[ ! -e "$work/expired.signed" ] || fail "an expired catalog was signed"
sed 's/"price_cents": 1000,/"price_cents": -5,/' "$src/assets/catalog/catalog.json" >"$work/negative.json"
refused "price_cents" "$ctl" catalog sign "$work/keys/catalog.key" "$work/negative.json" "$work/negative.signed"
refused "not a private key" "$ctl" catalog sign "$work/keys/catalog.pub" "$src/assets/catalog/catalog.json" "$work/x.signed"
echo "catalog commands: all good"
