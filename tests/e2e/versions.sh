#!/bin/sh
# Every program says the one version the project has (CMake's project VERSION).
#   versions.sh KIOSK KIOSKCTL KIOSK_GATEWAY VERSION
set -eu
kiosk=$1 ctl=$2 gateway=$3 version=$4
test "$("$kiosk" --version)" = "kiosk $version"
test "$("$gateway" --version)" = "kiosk-gateway $version"
test "$("$ctl" --version)" = "{\"kioskctl\":\"$version\"}"
echo "versions: $version everywhere"
