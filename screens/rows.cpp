#include "rows.hpp"

#include <algorithm>

namespace kiosk::ui {

namespace {

constexpr float pad = 30;

FontRole value_role(const Row& r) { return r.largest ? FontRole::digits : r.strong ? FontRole::button : FontRole::body; }
FontRole label_role(const Row& r) { return r.largest ? FontRole::button : FontRole::body; }

// Label left, value right: one row per fact.
float draw_lines(const View& v, float y, const std::vector<Row>& rows) {
  const float label_w = content_w * 0.42f, value_w = content_w - label_w - 3 * pad;
  float h = pad;
  std::vector<float> heights;
  for (const Row& r : rows) {
    const FontRole role = value_role(r);
    const float rh = std::max(v.ui.text_height(r.label, label_role(r), label_w), v.ui.text_height(r.value, role, value_w));
    heights.push_back(rh);
    h += rh + 8;
  }
  h += pad - 8;
  v.ui.panel({margin, y, content_w, h}, v.theme().surface, true);
  float ry = y + pad;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    // A label beside a larger value stands on the value's middle.
    const float lh = v.ui.text_height(r.label, label_role(r), label_w);
    v.ui.text({margin + pad, ry + (heights[i] - lh) / 2, label_w, lh}, r.label, label_role(r),
              r.largest ? v.theme().text : v.theme().text_muted);
    v.ui.text({margin + 2 * pad + label_w, ry, value_w, heights[i]}, r.value, value_role(r), v.theme().text, Align::right);
    ry += heights[i] + 8;
  }
  return y + h;
}

// Large text: each fact is a cell with its label above the value, two cells a row, so that
// long labels ("Reaktivierungsgebühr") and values get the room they need.
float draw_cells(const View& v, float y, const std::vector<Row>& rows) {
  constexpr float inset = 24, row_gap = 8;
  const float cell_w = (content_w - 3 * inset) / 2;
  struct Cell { const Row* row; float x, y, w, label_h, value_h; };
  std::vector<Cell> cells;
  float ry = y + inset, row_h = 0;
  int column = 0;
  const auto next_row = [&] {
    ry += row_h + row_gap;
    row_h = 0;
    column = 0;
  };
  for (const Row& r : rows) {
    const float w = cell_w;
    const FontRole role = value_role(r);
    Cell c{&r, margin + inset + column * (cell_w + inset), ry, w, v.ui.text_height(r.label, FontRole::hint, w),
           v.ui.text_height(r.value, role, w)};
    row_h = std::max(row_h, c.label_h + c.value_h);
    cells.push_back(c);
    if (++column == 2) next_row();
  }
  if (column != 0) next_row();
  const float h = ry - row_gap + inset - y;
  v.ui.panel({margin, y, content_w, h}, v.theme().surface, true);
  for (const Cell& c : cells) {
    v.ui.text({c.x, c.y, c.w, c.label_h}, c.row->label, FontRole::hint, v.theme().text_muted);
    v.ui.text({c.x, c.y + c.label_h, c.w, c.value_h}, c.row->value, value_role(*c.row), v.theme().text);
  }
  return y + h;
}

}  // namespace

float draw_rows(const View& v, float y, const std::vector<Row>& rows) {
  return v.large() ? draw_cells(v, y, rows) : draw_lines(v, y, rows);
}

}  // namespace kiosk::ui
