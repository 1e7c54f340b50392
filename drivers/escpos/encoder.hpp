#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "render/raster.hpp"

namespace kiosk::escpos {

using Bytes = std::vector<std::uint8_t>;

enum class Cut { full, partial };
enum class Align { left = 0, centre = 1, right = 2 };
enum class QrLevel { L = 48, M = 49, Q = 50, H = 51 };

// Builds ESC/POS command streams (Epson's command reference; the same bytes python-escpos and
// receiptline emit). Each call appends; take the bytes with bytes().
class Encoder {
 public:
  Encoder& initialize();                                   // ESC @
  // GS v 0: the picture in bands of at most `band_rows` rows, so that each band fits a
  // printer's receive buffer and each bulk write can finish on its own.
  Encoder& raster(const Raster& image, int band_rows = 256);
  Encoder& feed_lines(int lines);                          // ESC d n
  Encoder& feed_dots(int dots);                            // ESC J n (repeated above 255)
  Encoder& cut(Cut cut, int feed_dots_first = 0);          // GS V m / GS V 65|66 n
  Encoder& align(Align a);                                 // ESC a n
  Encoder& bold(bool on);                                  // ESC E n
  Encoder& code_page(std::uint8_t table);                  // ESC t n
  // Text in the printer's own font: UTF-8 in, the code page's bytes out (CP858: Western
  // European with the euro sign at 0xD5). Characters it lacks become '?'.
  Encoder& text(std::string_view utf8);
  Encoder& line(std::string_view utf8) { return text(utf8).newline(); }
  Encoder& newline();                                      // LF
  // GS ( k: model 2, module size, error level, store, print.
  Encoder& qr(std::string_view data, int module_size = 6, QrLevel level = QrLevel::M);
  Encoder& status_request(int n);                          // DLE EOT n (1..4)
  Encoder& transmit_status_after_job();                    // GS r 1: answered once the job printed

  const Bytes& bytes() const { return out_; }
  Bytes take() { return std::move(out_); }

 private:
  Encoder& put(std::initializer_list<std::uint8_t> b);
  Bytes out_;
};

}  // namespace kiosk::escpos
