#!/bin/sh
# A configuration the kiosk cannot trust stops the start: exit 2 and one line that says why.
#   config_errors.sh KIOSK WORKDIR
set -eu
kiosk=$1 work=$2
rm -rf "$work"
mkdir -p "$work/a-directory.toml"
: > "$work/empty.toml"
printf '[gateway]\nhost = "gw.example"\nca_certificate = "gw.crt"\npin_sha265 = "x"\n' > "$work/typo.toml"
printf '[gateway]\nhost = "gw.example"\nca_certificate = "gw.crt"\n' > "$work/unpinned.toml"
printf '[gateway]\nport = "8443"\n' > "$work/type.toml"
printf '[terminal]\nkind = "zvtt"\n' > "$work/kind.toml"
printf '[printer]\nkind = "tcp"\n' > "$work/printer.toml"
printf '[wallet]\nkind = "bancontact"\nbase_url = "http://merchant.api.bancontact.net"\napi_key = "k"\n' > "$work/wallet.toml"
printf '[wallet]\nkind = "payconiq"\n' > "$work/wallet-kind.toml"
printf '[terminal]\ncharset = "ebcdic"\n' > "$work/charset.toml"
printf '[kiosk]\nid = "BE-BRUSSELS-MIDI-07"\n[wallet]\nkind = "bancontact"\napi_key = "k"\n' > "$work/wallet-id.toml"
printf '[wallet]\nsigning_key = "merchant.key"\n' > "$work/wallet-signing.toml"
for case in a-directory empty typo unpinned type kind printer wallet wallet-kind charset wallet-id wallet-signing; do
  status=0
  "$kiosk" --headless --config "$work/$case.toml" --data "$work/data" --script /dev/null 2> "$work/$case.err" || status=$?
  if [ "$status" -ne 2 ]; then echo "$case: exit $status, not 2" >&2; cat "$work/$case.err" >&2; exit 1; fi
  test "$(wc -l < "$work/$case.err")" -eq 1
  cat "$work/$case.err"
done
grep -q "unknown setting gateway.pin_sha265" "$work/typo.err"
grep -q "pin_sha256 is not" "$work/unpinned.err"
grep -q "none of sim, zvt" "$work/kind.err"
grep -q "needs host" "$work/printer.err"
grep -q "wallet kind bancontact needs base_url" "$work/wallet.err"
grep -q "none of sim, bancontact" "$work/wallet-kind.err"
grep -q "charset 'ebcdic' is none of" "$work/charset.err"
grep -q "kiosk id of at most 14 characters" "$work/wallet-id.err"
grep -q "signing_key needs signing_certificate and signing_kid" "$work/wallet-signing.err"
test ! -e "$work/data/journal.sqlite"  # nothing was started
echo "config errors: every one stops the start"
