# Sourced by `deploy/kiosk-dev fleet` and the fleet's end-to-end tests (which define fail):
# Debian's mosquitto with the shipped configuration and ACL (deploy/fleet/) on a free port of
# 127.0.0.1, with the fleet CA and broker certificate that `kioskctl fleet init` made in
# WORK/fleet.
#   start_broker WORK SOURCE_DIR    sets $port, $broker (its pid) and $broker_dir
#   remove_broker_dir               at the end
broker_dir=""

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
