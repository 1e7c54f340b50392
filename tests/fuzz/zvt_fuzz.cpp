// libFuzzer target: any bytes as an APDU, and as a serial frame. Errors are expected; crashes,
// hangs and inconsistencies are not.
#include <cstddef>
#include <cstdint>

#include "zvt/message.hpp"
#include "zvt/serial_frame.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::zvt;
  const Bytes bytes(data, data + size);
  std::string error;
  if (auto apdu = decode(bytes, &error)) {
    // The extended length form may carry short data too, so bytes need not re-encode the same;
    // the APDU must.
    std::string again;
    if (decode(encode(*apdu), &again) != apdu) __builtin_trap();
    parse(*apdu, &error);
  }
  if (auto inner = unframe(bytes, &error)) {
    if (frame(*inner) != bytes) __builtin_trap();  // a frame that decodes re-encodes the same
  }
  complete_length(bytes);
  return 0;
}
