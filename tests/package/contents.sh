#!/bin/sh
# The package: its name, its files (and nothing of the build's tests), conffiles, the declared
# dependencies, stripped programs, the changelog's version, and lintian without a tag.
#   contents.sh BUILD_DIR VERSION WORK_DIR
set -eu
build=$1 version=$2 work=$3
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
deb=$(make_deb "$build" "$work/deb")

arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "kiosk_${version}_${arch}.deb" ] || fail "package file is $(basename "$deb")"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is $(dpkg-deb -f "$deb" Version)"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' >"$work/files"
for f in /usr/bin/kiosk /usr/bin/kioskctl /usr/bin/kiosk-gateway /usr/lib/kiosk/kiosk-gateway-link.so \
  /usr/share/kiosk/assets/i18n/nl.json /usr/share/kiosk/assets/i18n/fr.json /usr/share/kiosk/assets/demo/demo.script \
  /etc/kiosk/kiosk.toml /etc/pam.d/kiosk /lib/systemd/system/kiosk.service /lib/systemd/system/kiosk-gateway.service \
  /lib/udev/rules.d/60-kiosk.rules /usr/share/doc/kiosk/copyright /usr/share/doc/kiosk/changelog.gz \
  /usr/share/man/man1/kiosk.1.gz /usr/share/man/man1/kioskctl.1.gz /usr/share/man/man1/kiosk-gateway.1.gz \
  /usr/bin/kiosk-fleet /usr/share/man/man1/kiosk-fleet.1.gz /usr/share/kiosk/assets/console/index.html \
  /usr/share/doc/kiosk/examples/fleet/console.toml /usr/share/doc/kiosk/examples/fleet/fleet.acl; do
  grep -qx "$f" "$work/files" || fail "the package lacks $f"
done
# The build's tests, benchmarks and the README's screenshots stay out; so does the data folder,
# which the maintainer scripts make with its owner and mode.
if grep -E '_tests$|kiosk-bench|kiosk-crashtest|/screenshots/|^/var/' "$work/files"; then
  fail "the package carries files it must not"
fi

dpkg-deb -e "$deb" "$work/control"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "$script missing or not executable"
  sh -n "$work/control/$script" || fail "$script is not valid sh"
done
grep '^/etc/' "$work/files" | grep -v '/$' | sort >"$work/etc-files"
sort "$work/control/conffiles" | diff "$work/etc-files" - || fail "files in /etc and conffiles differ"

depends=$(dpkg-deb -f "$deb" Depends)
for p in adduser cage libsdl2-2.0-0 libsystemd0 espeak-ng-data fonts-noto-core fonts-noto-cjk libssl3 libsqlite3-0 libusb-1.0-0; do
  echo "$depends" | tr ',' '\n' | sed 's/^ *//' | grep -q "^$p\( \|$\)" || fail "Depends lacks $p: $depends"
done

dpkg-deb -x "$deb" "$work/root"
for program in usr/bin/kiosk usr/bin/kioskctl usr/bin/kiosk-gateway usr/bin/kiosk-fleet usr/lib/kiosk/kiosk-gateway-link.so; do
  if readelf -S "$work/root/$program" | grep -q '\.debug_info'; then fail "$program is not stripped"; fi
done
top=$(zcat "$work/root/usr/share/doc/kiosk/changelog.gz" | head -1)
echo "$top" | grep -q "^kiosk ($version) " || fail "changelog's newest entry is not $version: $top"

lintian --info "$deb" >"$work/lintian.txt" 2>&1 || { cat "$work/lintian.txt"; fail "lintian failed"; }
if grep -E '^[EWX]: ' "$work/lintian.txt"; then fail "lintian has errors or warnings"; fi
echo "package: $(basename "$deb") $(wc -l <"$work/files") entries, lintian clean"
