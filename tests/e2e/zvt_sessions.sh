#!/bin/sh
# End-to-end through the real ZVT driver: kioskctl zvt-sim runs as its own process on
# 127.0.0.1, the kiosk is configured to use it, and afterwards the terminal's ledger is
# compared with the kiosk's journal.
#   zvt_sessions.sh KIOSK KIOSKCTL SCRIPTS_DIR WORKDIR
set -eu
kiosk=$1 ctl=$2 scripts=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
sim_pid=""
trap '[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true' EXIT

run() {  # NAME SIM_SCRIPT [EXTRA_CONFIG_LINE]
  name=$1 behaviour=$2 extra=${3:-}
  "$ctl" zvt-sim --listen 127.0.0.1:0 --ledger "$work/$name-ledger.jsonl" --script "$behaviour" > "$work/$name-sim.txt" &
  sim_pid=$!
  for _ in $(seq 1 50); do grep -q listening "$work/$name-sim.txt" 2>/dev/null && break; sleep 0.1; done
  port=$(sed -n 's/.*"listening":"127.0.0.1:\([0-9]*\)".*/\1/p' "$work/$name-sim.txt")
  test -n "$port"
  printf '[terminal]\nkind = "zvt"\nport = %s\n%s\n' "$port" "$extra" > "$work/$name.toml"
  "$kiosk" --headless --config "$work/$name.toml" --script "$scripts/$name.script" --data "$work/$name-data" \
    --shots "$work/$name-shots"
  kill "$sim_pid"
  wait "$sim_pid" || true
  sim_pid=""
}

run decline_then_approve "decline:05,approve"
ledger="$work/decline_then_approve-ledger.jsonl"
cat "$ledger"
# Money taken once (result 0), one decline, and the journal holds the same receipt number.
test "$(grep -c '"type":"authorization"' "$ledger")" -eq 2
test "$(grep -c '"result":0' "$ledger")" -eq 1
receipt=$(grep '"result":0' "$ledger" | sed 's/.*"receipt":\([0-9]*\).*/\1/')
"$ctl" journal list --data "$work/decline_then_approve-data" > "$work/journal.jsonl"
grep -q "\"provider_ref\":\"$receipt\"" "$work/journal.jsonl"

run cancel_on_terminal "slow"
# Cancelled on the terminal: no authorization in the ledger at all.
if grep -q '"type":"authorization"' "$work/cancel_on_terminal-ledger.jsonl" 2>/dev/null; then
  echo "money taken after a cancel" >&2
  exit 1
fi
run held_delivered "approve" "hold_until_delivered = true"
# Held, then taken: one authorization, nothing given back.
test "$(grep -c '"type":"authorization"' "$work/held_delivered-ledger.jsonl")" -eq 1
if grep -q '"type":"reversal"' "$work/held_delivered-ledger.jsonl"; then exit 1; fi

run held_refused "approve" "hold_until_delivered = true"
# Held, then refused: the terminal's ledger shows the money back for the same receipt.
grep -q '"type":"reversal"' "$work/held_refused-ledger.jsonl"
auth=$(grep '"type":"authorization"' "$work/held_refused-ledger.jsonl" | sed 's/.*"receipt":\([0-9]*\).*/\1/')
grep '"type":"reversal"' "$work/held_refused-ledger.jsonl" | grep -q "\"original_receipt\":$auth"

# The serial transport: the simulator on a pseudo-terminal, the kiosk on its tty.
run_serial() {  # NAME SIM_SCRIPT
  name=$1 behaviour=$2
  "$ctl" zvt-sim --pty --ledger "$work/$name-ledger.jsonl" --script "$behaviour" > "$work/$name-sim.txt" &
  sim_pid=$!
  for _ in $(seq 1 50); do grep -q serial "$work/$name-sim.txt" 2>/dev/null && break; sleep 0.1; done
  tty=$(sed -n 's/.*"serial":"\([^"]*\)".*/\1/p' "$work/$name-sim.txt")
  test -n "$tty"
  printf '[terminal]\nkind = "zvt"\nserial = "%s"\n' "$tty" > "$work/$name.toml"
  "$kiosk" --headless --config "$work/$name.toml" --script "$scripts/held_delivered.script" --data "$work/$name-data"
  kill "$sim_pid"
  wait "$sim_pid" || true
  sim_pid=""
  test "$(grep -c '"type":"authorization"' "$work/$name-ledger.jsonl")" -eq 1
}
run_serial serial approve
# A NAK storm: the terminal refuses every frame of the kiosk's twice; the third try goes through.
run_serial nak_storm nak-storm

# Nothing listens where the terminal should be: the kiosk sells by phone alone, and goes out of
# service where there is no e-wallet either.
printf '[terminal]\nkind = "zvt"\nport = 1\n' > "$work/no_terminal.toml"
"$kiosk" --headless --config "$work/no_terminal.toml" --script "$scripts/no_terminal.script" --data "$work/no_terminal-data"
printf '[terminal]\nkind = "zvt"\nport = 1\n[wallet]\nenabled = false\n' > "$work/no_way_to_pay.toml"
"$kiosk" --headless --config "$work/no_way_to_pay.toml" --script "$scripts/no_way_to_pay.script" \
  --data "$work/no_way_to_pay-data"

echo "zvt sessions: ledgers and journals agree"
