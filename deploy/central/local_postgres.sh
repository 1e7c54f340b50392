#!/bin/sh
# A throw-away PostgreSQL cluster on this machine, never the machine's own, for
# `deploy/kiosk-dev central` and the tests:
#   local_postgres.sh start DIR [fast]
#                          initdb as an unprivileged user, password (SCRAM) logins only, a Unix
#                          socket and a free port of 127.0.0.1; writes DIR/url (the "postgres"
#                          database; a libpq URI whose password is in DIR/pgpass), DIR/port, and
#                          DIR/home: the cluster's own folder under /tmp (the unprivileged
#                          user may not reach DIR), with data/, socket/ and server.log
#   local_postgres.sh stop DIR    stops it (fast shutdown) and removes both folders
#   local_postgres.sh restart DIR stops and starts it again on the same port (tests of lost connections)
set -eu

cmd=$1
dir=$2
home=""
[ -f "$dir/home" ] && home=$(cat "$dir/home")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "local_postgres.sh: PostgreSQL's server programs are not installed" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres system user
# (made by Debian's package), or nobody.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
  owner=postgres
  id -u postgres >/dev/null 2>&1 || owner=nobody
  runuser -u "$owner" -- "$@"
}

owner_of_dirs() {
  if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    id -u postgres >/dev/null 2>&1 || owner=nobody
    chown "$owner" "$home/data" "$home/socket" "$home/log"
  fi
}

start_server() {
  as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/log/server.log" -w -t 30 \
    -o "-p $1 -k $home/socket -c listen_addresses=127.0.0.1" start >/dev/null
}

case "$cmd" in
  start)
    [ -z "$home" ] || sh "$0" stop "$dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    home=$(mktemp -d /tmp/kiosk-postgres.XXXXXX)
    echo "$home" > "$dir/home"
    mkdir -p "$home/data" "$home/socket" "$home/log"
    chmod 755 "$home"
    owner_of_dirs
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" > "$home/log/password"
    chmod 644 "$home/log/password"  # read by initdb as the cluster's owner, removed just after
    as_owner "$bin/initdb" -D "$home/data" -U kiosk --pwfile="$home/log/password" -A scram-sha-256 -E UTF8 \
      --locale=C --no-sync >"$dir/initdb.log" 2>&1 || { rm -f "$home/log/password"; cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$home/log/password"
    # Tests start many connections and hold them briefly. "fast" clusters (unit tests of the
    # store) skip durability, which only a crash of the server would show; the others keep
    # PostgreSQL's defaults, as the measurements and the crash harness need.
    echo "max_connections = 200" >> "$home/data/postgresql.conf"
    if [ "${3:-}" = fast ]; then
      printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >> "$home/data/postgresql.conf"
    fi
    printf '*:*:*:kiosk:%s\n' "$password" > "$dir/pgpass"
    chmod 600 "$dir/pgpass"
    started=""
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
      if start_server "$port" 2>>"$dir/start.log"; then started=$port; break; fi
    done
    [ -n "$started" ] || { echo "local_postgres.sh: the server did not start:" >&2; cat "$home/log/server.log" >&2; exit 1; }
    echo "$started" > "$dir/port"
    echo "postgresql://kiosk@/postgres?host=$home/socket&port=$started&passfile=$dir/pgpass" > "$dir/url"
    ;;
  restart)
    as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null
    start_server "$(cat "$dir/port")"
    ;;
  stop)
    if [ -n "$home" ] && [ -f "$home/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null || true
    fi
    case "$home" in /tmp/kiosk-postgres.*) rm -rf "$home" ;; esac
    rm -rf "$dir"
    ;;
  *)
    echo "usage: local_postgres.sh start|stop|restart DIR" >&2
    exit 2
    ;;
esac
