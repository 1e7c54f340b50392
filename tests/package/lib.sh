# Shared by the package tests (sourced).

# make_deb BUILD_DIR OUT_DIR: the Debian package made from the build tree by CPack into
# OUT_DIR; prints its path.
make_deb() {
  mkdir -p "$2"
  if ! cpack --config "$1/CPackConfig.cmake" -B "$2" >"$2/cpack.log" 2>&1; then
    cat "$2/cpack.log" >&2
    echo "package: cpack failed" >&2
    return 1
  fi
  set -- "$2"/kiosk_*.deb
  [ -f "$1" ] || { echo "package: no kiosk_*.deb made" >&2; return 1; }
  echo "$1"
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
