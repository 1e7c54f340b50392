#!/bin/sh
# Coverage-guided fuzzing with libFuzzer (clang), outside the test suite's time budget:
#   tests/fuzz/run_fuzz.sh [SECONDS] [escpos|zvt]      default 120 seconds, escpos
# Builds the target with the fuzzer, AddressSanitizer and UBSan, seeds the corpus with the
# committed fixtures and finds, and keeps what it learns in build-fuzz/corpus/. Needs clang
# and libclang-rt-14-dev (apt-get install clang libclang-rt-14-dev).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-120}
target=${2:-escpos}
out="$here/build-fuzz"
flags="-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -I$here/drivers -I$here/kiosk"
if [ "$target" = zvt ]; then
  mkdir -p "$out/corpus/zvt"
  cp "$here"/tests/fuzz/corpus/zvt/*.bin "$out/corpus/zvt/"
  clang++ $flags "$here"/tests/fuzz/zvt_fuzz.cpp "$here"/drivers/zvt/apdu.cpp "$here"/drivers/zvt/message.cpp \
    "$here"/drivers/zvt/serial_frame.cpp -o "$out/zvt_fuzz"
  exec "$out/zvt_fuzz" -max_total_time="$seconds" -artifact_prefix="$out/" "$out/corpus/zvt"
fi
mkdir -p "$out/corpus/escpos"
cp "$here"/tests/fixtures/escpos/*.bin "$here"/tests/fuzz/corpus/escpos/*.bin "$out/corpus/escpos/"
deps=$(pkg-config --cflags --libs freetype2 fontconfig libqrencode)
clang++ $flags \
  "$here"/tests/fuzz/escpos_fuzz.cpp \
  "$here"/drivers/escpos/virtual_printer.cpp "$here"/drivers/escpos/codepages.cpp \
  "$here"/drivers/escpos/mono_font.cpp "$here"/drivers/receipt/qr.cpp \
  "$here"/kiosk/core/utf8.cpp $deps -o "$out/escpos_fuzz"
# Crashes land in build-fuzz/; fontconfig's process-long configuration is not a leak.
LSAN_OPTIONS="suppressions=$here/tests/fuzz/lsan.supp" "$out/escpos_fuzz" -max_total_time="$seconds" \
  -max_len=65536 -rss_limit_mb=1024 -artifact_prefix="$out/" "$out/corpus/escpos"
