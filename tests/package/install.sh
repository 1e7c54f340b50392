#!/bin/sh
# The package on a Debian 12 system: install, a renewal by the installed kiosk as its own
# user, an upgrade that keeps the edited configuration and the journal, remove, purge. dpkg
# runs in a private copy-on-write view of this machine (an overlay of / in a mount namespace
# of its own), so nothing reaches the real system.
#   install.sh BUILD_DIR SCRIPT WORK_DIR
set -eu
build=$1 script=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "the install test needs root (dpkg in a private overlay of /)"
rm -rf "$work"
deb=$(make_deb "$build" "$work/deb")

# The next version: the same files under a higher version number, for a real upgrade.
dpkg-deb -R "$deb" "$work/next"
sed -i 's/^Version: \(.*\)$/Version: \1.1/' "$work/next/DEBIAN/control"
dpkg-deb --root-owner-group -b "$work/next" "$work/kiosk-next.deb" >/dev/null

# What the view starts with, put in its upper layer.
mkdir -p "$work/upper/var/tmp/kiosk-test" "$work/overlay-work" "$work/view"
cp "$deb" "$work/upper/var/tmp/kiosk-test/kiosk.deb"
cp "$work/kiosk-next.deb" "$work/upper/var/tmp/kiosk-test/kiosk-next.deb"
cp "$script" "$work/upper/var/tmp/kiosk-test/renew.script"
cp "$here/install_inside.sh" "$work/upper/var/tmp/kiosk-test/inside.sh"

unshare --mount --propagation private sh -eu -c '
  view=$1 work=$2
  mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/overlay-work" "$view"
  mount --rbind /proc "$view/proc"
  mount --rbind /dev "$view/dev"
  mount -t tmpfs tmpfs "$view/run"
  exec chroot "$view" sh -eu /var/tmp/kiosk-test/inside.sh
' sh "$work/view" "$work"
