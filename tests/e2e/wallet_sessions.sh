#!/bin/sh
# End-to-end through the Bancontact Pay driver: kioskctl wallet-sim runs as its own process on
# 127.0.0.1 over HTTPS (its own certificate, the kiosk trusts only that one), the kiosk is
# configured to use it, and afterwards the wallet's ledger is compared with the kiosk's journal.
#   wallet_sessions.sh KIOSK KIOSKCTL SCRIPTS_DIR WORKDIR
set -eu
kiosk=$1 ctl=$2 scripts=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
sim_pid=""
trap '[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true' EXIT

signing=""  # extra [wallet] lines: the merchant's request signature
run() {  # NAME SIM_SCRIPT [SIM_OPTION…]
  name=$1 behaviour=$2
  shift 2
  "$ctl" wallet-sim --listen 127.0.0.1:0 --ledger "$work/$name-ledger.jsonl" --script "$behaviour" \
    --api-key "kiosk-test-key" "$@" > "$work/$name-sim.txt" &
  sim_pid=$!
  for _ in $(seq 1 100); do grep -q listening "$work/$name-sim.txt" 2>/dev/null && break; sleep 0.1; done
  port=$(sed -n 's/.*"listening":"127.0.0.1:\([0-9]*\)".*/\1/p' "$work/$name-sim.txt")
  test -n "$port"
  printf '[wallet]\nkind = "bancontact"\nbase_url = "https://127.0.0.1:%s"\napi_key = "kiosk-test-key"\nca = "%s"\n%s' \
    "$port" "$work/$name-ledger.jsonl.crt" "$signing" > "$work/$name.toml"
  "$kiosk" --headless --config "$work/$name.toml" --script "$scripts/${script:-$name}.script" --data "$work/$name-data" \
    --shots "$work/$name-shots"
  kill "$sim_pid"
  wait "$sim_pid" || true
  sim_pid=""
  "$ctl" journal list --data "$work/$name-data" > "$work/$name-journal.jsonl"
}

# The last line the ledger holds for an id.
last_status() {  # LEDGER ID
  grep "\"id\":\"$2\"" "$1" | tail -n 1 | sed 's/.*"status":"\([A-Z_]*\)".*/\1/'
}

# The journal's paymentId for the one wallet payment of a session.
journal_payment_id() {  # NAME
  sed -n 's/.*"provider_ref":"\([0-9a-f]\{24\}\)".*/\1/p' "$work/$1-journal.jsonl" | head -n 1
}

run approve approve
id=$(journal_payment_id approve)
test -n "$id"
test "$(last_status "$work/approve-ledger.jsonl" "$id")" = SUCCEEDED
if grep -q '"type":"refund"' "$work/approve-ledger.jsonl"; then echo "a refund after a delivery" >&2; exit 1; fi

run decline decline
test "$(last_status "$work/decline-ledger.jsonl" "$(journal_payment_id decline)")" = AUTHORIZATION_FAILED

run customer_cancels scan-never-confirm
test "$(last_status "$work/customer_cancels-ledger.jsonl" "$(journal_payment_id customer_cancels)")" = CANCELLED

# Money taken as the kiosk cancelled: one refund of the whole amount, REFUNDED.
run confirm_while_cancelling confirm-while-cancelling
ledger="$work/confirm_while_cancelling-ledger.jsonl"
id=$(journal_payment_id confirm_while_cancelling)
test "$(last_status "$ledger" "$id")" = SUCCEEDED
test "$(grep '"type":"refund"' "$ledger" | grep -c '"status":"REFUNDED"')" -eq 1
grep '"type":"refund"' "$ledger" | grep -q "\"payment_id\":\"$id\""

run succeed_after_cancel succeed-after-cancel
test "$(grep '"type":"refund"' "$work/succeed_after_cancel-ledger.jsonl" | grep -c '"status":"REFUNDED"')" -eq 1

run garbage_status garbage-status
test "$(last_status "$work/garbage_status-ledger.jsonl" "$(journal_payment_id garbage_status)")" = SUCCEEDED

run never_scanned never-scan --expiry-seconds 5
test "$(last_status "$work/never_scanned-ledger.jsonl" "$(journal_payment_id never_scanned)")" = EXPIRED

# The merchant signs its requests (kioskctl wallet keygen); a wallet that wants signed requests
# takes the payment and the refund.
"$ctl" wallet keygen "$work/merchant" --kid kiosk-test > "$work/keygen.json"
grep -q '"kid":"kiosk-test"' "$work/keygen.json"
signing=$(printf 'signing_key = "%s"\nsigning_certificate = "%s"\nsigning_kid = "kiosk-test"\nprofile_id = "kiosk-profile"\n' \
  "$work/merchant/merchant.key" "$work/merchant/merchant.crt")
script=confirm_while_cancelling run signed confirm-while-cancelling --merchant-keys "$work/merchant/merchant.jwks.json"
test "$(grep '"type":"refund"' "$work/signed-ledger.jsonl" | grep -c '"status":"REFUNDED"')" -eq 1
# Unsigned requests to that wallet are refused: nothing is made.
signing=""
script=refused run unsigned approve --merchant-keys "$work/merchant/merchant.jwks.json"
if grep -q '"type":"payment"' "$work/unsigned-ledger.jsonl" 2>/dev/null; then echo "an unsigned request was taken" >&2; exit 1; fi
script=""

# A wrong API key: the wallet refuses every request, the kiosk says the payment could not start.
"$ctl" wallet-sim --listen 127.0.0.1:0 --ledger "$work/key-ledger.jsonl" --api-key "another-key" > "$work/key-sim.txt" &
sim_pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/key-sim.txt" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*"listening":"127.0.0.1:\([0-9]*\)".*/\1/p' "$work/key-sim.txt")
printf '[wallet]\nkind = "bancontact"\nbase_url = "https://127.0.0.1:%s"\napi_key = "kiosk-test-key"\nca = "%s"\n' \
  "$port" "$work/key-ledger.jsonl.crt" > "$work/key.toml"
"$kiosk" --headless --config "$work/key.toml" --script "$scripts/refused.script" --data "$work/key-data"
kill "$sim_pid"
wait "$sim_pid" || true
sim_pid=""
if grep -q '"type":"payment"' "$work/key-ledger.jsonl" 2>/dev/null; then echo "a payment made with a wrong key" >&2; exit 1; fi
echo "wallet sessions: all passed"
