#include "encoder.hpp"

#include <algorithm>

#include "codepages.hpp"

namespace kiosk::escpos {

namespace {
constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, DLE = 0x10, LF = 0x0A;
}  // namespace

Encoder& Encoder::put(std::initializer_list<std::uint8_t> b) {
  out_.insert(out_.end(), b);
  return *this;
}

Encoder& Encoder::initialize() { return put({ESC, '@'}); }

Encoder& Encoder::raster(const Raster& image, int band_rows) {
  band_rows = std::clamp(band_rows, 1, 2303);  // GS v 0 takes at most 2303 rows
  const int bytes_per_row = (image.width + 7) / 8;
  for (int top = 0; top < image.height; top += band_rows) {
    const int rows = std::min(band_rows, image.height - top);
    put({GS, 'v', '0', 0, static_cast<std::uint8_t>(bytes_per_row & 0xFF),
         static_cast<std::uint8_t>(bytes_per_row >> 8), static_cast<std::uint8_t>(rows & 0xFF),
         static_cast<std::uint8_t>(rows >> 8)});
    for (int y = top; y < top + rows; ++y) {
      for (int xb = 0; xb < bytes_per_row; ++xb) {
        std::uint8_t b = 0;
        for (int bit = 0; bit < 8; ++bit) {
          const int x = xb * 8 + bit;
          if (x < image.width && image.at(x, y)) b |= static_cast<std::uint8_t>(0x80 >> bit);  // MSB = leftmost
        }
        out_.push_back(b);
      }
    }
  }
  return *this;
}

Encoder& Encoder::feed_lines(int lines) {
  for (; lines > 0; lines -= 255) put({ESC, 'd', static_cast<std::uint8_t>(std::min(lines, 255))});
  return *this;
}

Encoder& Encoder::feed_dots(int dots) {
  for (; dots > 0; dots -= 255) put({ESC, 'J', static_cast<std::uint8_t>(std::min(dots, 255))});
  return *this;
}

Encoder& Encoder::cut(Cut c, int feed_first) {
  if (feed_first > 0) return put({GS, 'V', static_cast<std::uint8_t>(c == Cut::full ? 65 : 66),
                                   static_cast<std::uint8_t>(std::min(feed_first, 255))});
  return put({GS, 'V', static_cast<std::uint8_t>(c == Cut::full ? 0 : 1)});
}

Encoder& Encoder::align(Align a) { return put({ESC, 'a', static_cast<std::uint8_t>(a)}); }
Encoder& Encoder::bold(bool on) { return put({ESC, 'E', static_cast<std::uint8_t>(on ? 1 : 0)}); }
Encoder& Encoder::code_page(std::uint8_t table) { return put({ESC, 't', table}); }
Encoder& Encoder::newline() { return put({LF}); }

Encoder& Encoder::text(std::string_view utf8) {
  for (char c : to_cp858(utf8)) out_.push_back(static_cast<std::uint8_t>(c));
  return *this;
}

Encoder& Encoder::qr(std::string_view data, int module_size, QrLevel level) {
  const auto fn = [&](std::uint8_t f, std::initializer_list<std::uint8_t> params) {
    const std::size_t len = params.size() + 2;  // cn and fn
    put({GS, '(', 'k', static_cast<std::uint8_t>(len & 0xFF), static_cast<std::uint8_t>(len >> 8), 49, f});
    out_.insert(out_.end(), params);
  };
  fn(65, {50, 0});                                              // model 2
  fn(67, {static_cast<std::uint8_t>(std::clamp(module_size, 1, 16))});
  fn(69, {static_cast<std::uint8_t>(level)});
  const std::size_t store = data.size() + 3;                    // pL + 256·pH = k + 3
  put({GS, '(', 'k', static_cast<std::uint8_t>(store & 0xFF), static_cast<std::uint8_t>(store >> 8), 49, 80, 48});
  out_.insert(out_.end(), data.begin(), data.end());
  fn(81, {48});
  return *this;
}

Encoder& Encoder::status_request(int n) { return put({DLE, 4, static_cast<std::uint8_t>(std::clamp(n, 1, 4))}); }
Encoder& Encoder::transmit_status_after_job() { return put({GS, 'r', 1}); }

}  // namespace kiosk::escpos
