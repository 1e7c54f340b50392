#!/bin/sh
# The dependency rules of the design hold in the sources:
#   dependencies.sh SOURCE_DIR
# - the core includes no UI, device, network or database library, and nothing of other parts;
# - screens include nothing from drivers/;
# - the printer and terminal interfaces (drivers/hal) depend on the core and a picture type only.
set -eu
src=$1
status=0
fail() { echo "$1" >&2; status=1; }

bad=$(grep -HnE '#include' "$src"/kiosk/core/*.hpp "$src"/kiosk/core/*.cpp |
      grep -E 'SDL|imgui|libusb|curl|sqlite|httplib|openssl|#include "[a-z_]+/' || true)
[ -z "$bad" ] || fail "the core reaches outside itself:
$bad"

# A screen includes its own headers and the core, i18n, text, fonts and render parts: nothing else.
bad=$(grep -HnE '#include "' "$src"/screens/*.cpp "$src"/screens/*.hpp |
      while IFS= read -r line; do
        header=$(printf '%s\n' "$line" | sed -n 's/.*#include "\([^"]*\)".*/\1/p')
        case $header in
          core/*|i18n/*|text/*|fonts/*|render/*) ;;
          */*) printf '%s\n' "$line" ;;
          *) [ -f "$src/screens/$header" ] || printf '%s\n' "$line" ;;
        esac
      done)
[ -z "$bad" ] || fail "screens include more than the core, i18n, text, fonts and render:
$bad"

bad=$(grep -HnE '#include "' "$src"/drivers/hal/*.hpp |
      grep -vE '#include "(core/[a-z_]+|render/receipt_picture|event_sink)\.hpp"' || true)
[ -z "$bad" ] || fail "the device interfaces depend on more than the core and a picture:
$bad"

exit $status
