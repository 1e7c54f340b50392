#include "receipt_pen.hpp"

#include "text/line_breaker.hpp"
#include "text/shaper.hpp"

namespace kiosk {

PaperType paper_type(int width_dots) {
  const bool narrow = width_dots < 500;
  return narrow ? PaperType{22, 18, 32, 8, 4} : PaperType{26, 21, 40, 16, 6};
}

void technician_page_head(Pen& pen, const PaperType& type, const std::string& title, const std::string& kiosk_label,
                          const std::string& location, const std::string& kiosk_id) {
  pen.space(12);
  pen.paragraph(title, type.title, true, true);
  pen.paragraph(location, type.small, false, true);
  pen.rule();
  pen.row(kiosk_label, kiosk_id, type.body);
}

void Pen::row(const std::string& label, const std::string& value, int px, bool bold) {
  const bool label_rtl = Shaper::has_rtl(label), value_rtl = Shaper::has_rtl(value);
  const int lw = static_cast<int>(painter_.measure(label, label_rtl, px, false));
  const int vw = static_cast<int>(painter_.measure(value, value_rtl, px, bold));
  if (lw + vw + px <= inner_width()) {
    paper_.grow_to(y_ + painter_.line_height(px));
    const int baseline = y_ + painter_.ascent(px);
    const int near = rtl_ ? paper_.width - margin_ - lw : margin_;
    const int far = rtl_ ? margin_ : paper_.width - margin_ - vw;
    painter_.draw(paper_, near, baseline, label, label_rtl, px, false);
    painter_.draw(paper_, far, baseline, value, value_rtl, px, bold);
    y_ += painter_.line_height(px);
  } else {
    paragraph(label, px);
    lines(value, px, bold, rtl_ ? Side::left : Side::right);
  }
}

void Pen::rule() {
  space(8);
  paper_.grow_to(y_ + 3);
  for (int x = margin_; x < paper_.width - margin_; x += 12)
    for (int dx = 0; dx < 6; ++dx)
      for (int dy = 0; dy < 3; ++dy) paper_.set(x + dx, y_ + dy);
  y_ += 3;
  space(14);
}

void Pen::image(const Raster& img) {
  const int x0 = (paper_.width - img.width) / 2;
  paper_.grow_to(y_ + img.height);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      if (img.at(x, y)) paper_.set(x0 + x, y_ + y);
  y_ += img.height;
}

void Pen::lines(const std::string& text, int px, bool bold, Side side) {
  const bool rtl = Shaper::has_rtl(text);
  const auto measure = [&](std::string_view s) { return painter_.measure(s, rtl, px, bold); };
  for (const std::string& line : wrap_text(text, static_cast<float>(inner_width()), measure)) {
    const int w = static_cast<int>(measure(line));
    const int x = side == Side::centre ? (paper_.width - w) / 2 : side == Side::right ? paper_.width - margin_ - w : margin_;
    paper_.grow_to(y_ + painter_.line_height(px));
    painter_.draw(paper_, x, y_ + painter_.ascent(px), line, rtl, px, bold);
    y_ += painter_.line_height(px);
  }
}

}  // namespace kiosk
