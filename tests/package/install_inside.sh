# Runs inside install.sh's private view of the system (as root, chrooted into the overlay).
set -eu
t=/var/tmp/kiosk-test
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
mode_owner() { stat -c '%a %U' "$1"; }
transactions() { kioskctl journal list --data /var/lib/kiosk | grep -c '"reference"' || true; }

# A machine that never had the kiosk.
! getent passwd kiosk >/dev/null || fail "this machine has a kiosk user already"
[ ! -e /var/lib/kiosk ] || fail "this machine has /var/lib/kiosk already"

echo "== install"
dpkg -i "$t/kiosk.deb"
getent passwd kiosk >/dev/null || fail "no kiosk user"
getent passwd kiosk-gateway >/dev/null || fail "no kiosk-gateway user"
[ "$(getent passwd kiosk | cut -d: -f7)" = /usr/sbin/nologin ] || fail "the kiosk user can log in"
for group in kiosk video render input audio dialout; do
  getent group "$group" >/dev/null || continue  # render and input come with udev
  id -nG kiosk | tr ' ' '\n' | grep -qx "$group" || fail "kiosk is not in group $group"
done
[ "$(mode_owner /var/lib/kiosk)" = "700 kiosk" ] || fail "/var/lib/kiosk is $(mode_owner /var/lib/kiosk)"
[ "$(mode_owner /var/lib/kiosk-gateway)" = "700 kiosk-gateway" ] || fail "/var/lib/kiosk-gateway is $(mode_owner /var/lib/kiosk-gateway)"
[ -L /etc/systemd/system/graphical.target.wants/kiosk.service ] || fail "kiosk.service is not enabled"
[ ! -e /etc/systemd/system/multi-user.target.wants/kiosk-gateway.service ] || fail "the local gateway is enabled"
dpkg-query -W -f='${Conffiles}\n' kiosk | grep -q /etc/kiosk/kiosk.toml || fail "kiosk.toml is not a conffile"
[ "$(kiosk --version)" = "kiosk $(dpkg-query -W -f='${Version}' kiosk)" ] || fail "kiosk --version: $(kiosk --version)"

echo "== a renewal by the installed kiosk, as the kiosk user"
cp "$t/renew.script" /var/lib/kiosk/renew.script
chown kiosk:kiosk /var/lib/kiosk/renew.script
setpriv --reuid=kiosk --regid=kiosk --init-groups env HOME=/var/lib/kiosk \
  kiosk --headless --config /etc/kiosk/kiosk.toml --data /var/lib/kiosk --script /var/lib/kiosk/renew.script \
  --shots /var/lib/kiosk/shots >"$t/kiosk.out" 2>&1 || { cat "$t/kiosk.out"; fail "the installed kiosk's renewal"; }
before=$(transactions)
[ "$before" -ge 1 ] || fail "the journal has no transaction"
[ "$(mode_owner /var/lib/kiosk/journal.sqlite)" = "600 kiosk" ] || fail "journal is $(mode_owner /var/lib/kiosk/journal.sqlite)"

echo "== upgrade keeps the edited configuration and the journal"
sed -i 's/^location = .*/location = "Antwerpen-Centraal, hall 2"/' /etc/kiosk/kiosk.toml
dpkg -i "$t/kiosk-next.deb" </dev/null
grep -q '^location = "Antwerpen-Centraal, hall 2"' /etc/kiosk/kiosk.toml || fail "the upgrade lost the configuration's edit"
[ "$(transactions)" = "$before" ] || fail "the upgrade changed the journal"
[ "$(mode_owner /var/lib/kiosk)" = "700 kiosk" ] || fail "after the upgrade /var/lib/kiosk is $(mode_owner /var/lib/kiosk)"
[ -L /etc/systemd/system/graphical.target.wants/kiosk.service ] || fail "the upgrade disabled kiosk.service"

echo "== remove keeps the data, the configuration and the users"
dpkg -r kiosk
[ ! -e /usr/bin/kiosk ] || fail "remove left /usr/bin/kiosk"
[ -f /var/lib/kiosk/journal.sqlite ] || fail "remove lost the journal"
[ -f /etc/kiosk/kiosk.toml ] || fail "remove lost the configuration"
getent passwd kiosk >/dev/null || fail "remove deleted the kiosk user"

echo "== purge removes what the package made"
dpkg -P kiosk
for gone in /var/lib/kiosk /var/lib/kiosk-gateway /etc/kiosk /etc/pam.d/kiosk /lib/systemd/system/kiosk.service \
  /etc/systemd/system/graphical.target.wants/kiosk.service /usr/share/kiosk /usr/lib/kiosk; do
  [ ! -e "$gone" ] || fail "purge left $gone"
done
! getent passwd kiosk >/dev/null || fail "purge left the kiosk user"
! getent group kiosk >/dev/null || fail "purge left the kiosk group"
! getent passwd kiosk-gateway >/dev/null || fail "purge left the kiosk-gateway user"
echo "install: install, renewal, upgrade, remove and purge behave"
