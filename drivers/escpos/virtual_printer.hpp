#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/raster.hpp"

namespace kiosk::escpos {

// What came out of the virtual printer.
struct Printout {
  Raster paper;                       // white paper, black dots, the printer's width
  int cuts = 0;
  std::vector<int> cut_rows;
  std::vector<std::string> unknown;   // commands it could not interpret ("GS k at 120")
  std::vector<std::string> problems;  // truncated or impossible commands; interpretation stopped
  int status_requests = 0;            // DLE EOT n seen (answered by a real printer, not printed)
};

class MonoFont;

// An ESC/POS interpreter that draws what a thermal printer would print: raster images
// (GS v 0, GS ( L, GS 8 L), text in the printer's font with its modes, feeds, cuts (drawn as
// a dashed line), QR codes (GS ( k). Anything else is listed, never a crash; a command cut
// short ends the printout with a problem noted.
class VirtualPrinter {
 public:
  explicit VirtualPrinter(int width_dots = 576);
  ~VirtualPrinter();
  Printout print(const std::uint8_t* data, std::size_t size);
  Printout print(const std::vector<std::uint8_t>& bytes) { return print(bytes.data(), bytes.size()); }

  // Paper longer than this stops the printout: a runaway stream must not eat memory.
  // About 2.5 m at 203 dpi: longer than any receipt, short enough that hostile input cannot
  // make a picture of hundreds of megabytes.
  static constexpr int max_paper_dots = 20000;
  static constexpr int max_width_dots = 2048;  // the widest real printers are far below

 private:
  int width_;
  std::unique_ptr<MonoFont> font_;
};

}  // namespace kiosk::escpos
