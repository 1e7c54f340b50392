#pragma once
#include <string>

#include "raster.hpp"
#include "text_painter.hpp"

namespace kiosk {

// Type sizes and margins for a paper width: 80 mm paper (576 dots) or narrower (58 mm, 384).
struct PaperType {
  int body, small, title, margin;
  int qr_module;  // dots per QR code module
};
PaperType paper_type(int width_dots);

// Writes paper (a receipt, a technician's page) from the top down. In a right-to-left language
// the paper is mirrored: paragraphs start at the right, labels stand right and values left.
class Pen {
 public:
  Pen(Raster& paper, TextPainter& painter, int margin, bool rtl)
      : paper_(paper), painter_(painter), margin_(margin), rtl_(rtl) {}

  int inner_width() const { return paper_.width - 2 * margin_; }

  void paragraph(const std::string& text, int px, bool bold = false, bool centred = false) {
    lines(text, px, bold, centred ? Side::centre : rtl_ ? Side::right : Side::left);
  }

  // "Label      value", the value at the far side; if both do not fit, the value goes below.
  void row(const std::string& label, const std::string& value, int px, bool bold = false);
  void rule();
  void image(const Raster& img);
  int y() const { return y_; }
  void space(int dots) {
    y_ += dots;
    paper_.grow_to(y_);
  }

 private:
  enum class Side { left, centre, right };
  // Wrapped in logical order, each line then drawn in visual order.
  void lines(const std::string& text, int px, bool bold, Side side);

  Raster& paper_;
  TextPainter& painter_;
  int margin_;
  bool rtl_;
  int y_ = 0;
};

// The head of a technician's page: its title, where the kiosk stands, a rule, which kiosk
// (`kiosk_label`: the word for it).
void technician_page_head(Pen& pen, const PaperType& type, const std::string& title, const std::string& kiosk_label,
                          const std::string& location, const std::string& kiosk_id);

}  // namespace kiosk
