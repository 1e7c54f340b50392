# A fleet on this machine, sourced by `deploy/kiosk-dev fleet` and the fleet's end-to-end tests
# (which define fail, and $pids for what they start): Debian's mosquitto with the shipped
# configuration and ACL (deploy/fleet/) on a free port of 127.0.0.1, with the fleet CA and
# broker certificate that `kioskctl fleet init` made in WORK/fleet; kiosks' and the console's
# configurations for it; the console started.
#   start_broker WORK SOURCE_DIR    sets $port, $broker (its pid) and $broker_dir
#   remove_broker_dir               at the end
broker_dir=""
pids=""

start_broker() {
  mkdir -p "$1/broker"
  # The broker's own files. mosquitto started as root drops to its own user, which must reach
  # them: then they go to a folder of their own under /tmp (the work folder may sit below one
  # only root can enter), removed at the end.
  broker_dir=$1/broker
  if [ "$(id -u)" = 0 ]; then
    broker_dir=$(mktemp -d /tmp/kiosk-fleet-broker.XXXXXX)
    chmod 0755 "$broker_dir"
  fi
  cp "$1/fleet/kiosk-ca.crt" "$1/fleet/broker.crt" "$1/fleet/broker.key" "$broker_dir/"
  cp "$2/deploy/fleet/fleet.acl" "$broker_dir/fleet.acl"
  [ "$(id -u)" = 0 ] && chown -R mosquitto "$broker_dir"
  # The shipped configuration with this test's folders and a free port (tried until one binds).
  port=""
  for try in 1 2 3 4 5 6 7 8; do
    p=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
    sed -e "s|/etc/kiosk-fleet|$broker_dir|g" -e "s|/var/lib/mosquitto/|$broker_dir/|" \
      -e "s|^listener 8883|listener $p 127.0.0.1|" "$2/deploy/fleet/mosquitto.conf" >"$1/broker/mosquitto.conf"
    mosquitto -c "$1/broker/mosquitto.conf" >"$1/broker/log" 2>&1 &
    broker=$!
    sleep 0.5
    if kill -0 "$broker" 2>/dev/null; then port=$p; break; fi
  done
  [ -n "$port" ] || fail "mosquitto did not start: $(cat "$1/broker/log")"
}

remove_broker_dir() {
  case "$broker_dir" in /tmp/kiosk-fleet-broker.*) rm -rf "$broker_dir" ;; esac
}

# kiosk_config WORK ID: WORK/ID.toml, a kiosk on this broker with its certificate from
# WORK/ID/ (`kioskctl fleet issue`).
kiosk_config() {
  cat >"$1/$2.toml" <<TOML
[kiosk]
id = "$2"
[fleet]
host = "127.0.0.1"
port = $port
ca_certificate = "$1/fleet/broker.crt"
client_certificate = "$1/$2/kiosk.crt"
client_key = "$1/$2/kiosk.key"
TOML
}

# console_config WORK "ID|SITE|GROUP|LATITUDE|LONGITUDE"…: WORK/console.toml, the console on
# this broker on a free port, its accounts in WORK/accounts and its data in WORK/console-data.
console_config() {
  out=$1/console.toml
  shift
  cat >"$out" <<TOML
[console]
port = 0
accounts = "accounts"
data = "console-data"
[broker]
host = "127.0.0.1"
port = $port
ca_certificate = "fleet/broker.crt"
client_certificate = "console/operator.crt"
client_key = "console/operator.key"
TOML
  for site in "$@"; do
    echo "$site" | awk -F'|' '{ printf "[[kiosk]]\nid = \"%s\"\nsite = \"%s\"\ngroup = \"%s\"\nlatitude = %s\nlongitude = %s\n", $1, $2, $3, $4, $5 }' \
      >>"$out"
  done
}

# start_console WORK KIOSK_FLEET: starts it with WORK/console.toml; sets $console_pid and
# $url once it listens.
start_console() {
  : >"$1/console.out"  # emptied first: an earlier run's address must not be read as this one's
  "$2" --config "$1/console.toml" >"$1/console.out" 2>"$1/console.log" &
  console_pid=$!
  pids="$pids $console_pid"
  i=0
  until grep -q '^kiosk-fleet: https://' "$1/console.out"; do
    i=$((i + 1))
    [ $i -lt 100 ] || fail "kiosk-fleet did not start: $(cat "$1/console.log")"
    sleep 0.1
  done
  url=$(sed -n 's|^kiosk-fleet: \(https://[^ ]*\) .*|\1|p' "$1/console.out")
}

# For `trap stop_fleet EXIT`: stops what the script started ($pids) and removes the broker's folder.
stop_fleet() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true  # mosquitto writes its database as it stops: then its folder can go
  remove_broker_dir
}
