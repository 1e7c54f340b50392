// libFuzzer target: any byte stream through the virtual printer. It must never crash, hang or
// grow without bound; reporting is its job.
#include <cstddef>
#include <cstdint>

#include "escpos/virtual_printer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kiosk::escpos::VirtualPrinter printer(576);
  const kiosk::escpos::Printout out = printer.print(data, size);
  // Invariants a crash-free run must still keep.
  if (out.paper.height > kiosk::escpos::VirtualPrinter::max_paper_dots + 64) __builtin_trap();
  if (out.paper.width != 576) __builtin_trap();
  return 0;
}
