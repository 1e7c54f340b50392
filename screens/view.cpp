#include "view.hpp"

#include <algorithm>

#include "core/locale_format.hpp"
#include "screens.hpp"

namespace kiosk::ui {

float View::heading(std::string_view title, std::string_view hint) const {
  // Below the steps of the flow where they are shown.
  const float y0 = has_progress(s.screen) ? progress_height(*this) + 14 : 70;
  const float th = ui.text_height(title, FontRole::title, content_w);
  ui.text({margin, y0, content_w, th}, title, FontRole::title, theme().text);
  float y = y0 + th + 14;
  if (!hint.empty()) {
    const float hh = ui.text_height(hint, FontRole::hint, content_w);
    ui.text({margin, y, content_w, hh}, hint, FontRole::hint, theme().text_muted);
    y += hh + 14;
  }
  return y;
}

void View::actions(const char* left_id, std::string_view left_label, Event left_event, const char* right_id,
                   std::string_view right_label, Event right_event, bool right_enabled) const {
  const float gap = 30;
  const float half = (content_w - gap) / 2;
  if (left_id && ui.button(left_id, {margin, action_y, half, action_h}, left_label, ButtonKind::secondary))
    emit(left_event);
  if (right_id) {
    const float x = left_id ? margin + half + gap : margin;
    const float w = left_id ? half : content_w;
    if (ui.button(right_id, {x, action_y, w, action_h}, right_label, ButtonKind::primary, right_enabled))
      emit(right_event);
  }
}

KeypadLayout keypad_layout(const View& v, float above, float below) {
  KeypadLayout k;
  k.gap = 24;
  k.key_w = (content_w - 2 * k.gap) / 3;
  k.key_h = v.large() ? 150 : 165;
  k.top = v.large() ? 790 : 700;
  if (below > 0) {
    // Shorter keys (never under 120 px), so that the row above the actions has its room and a
    // two-line message in large text still has its own above the keys.
    k.key_h = std::max(120.0f, (action_y - 10 - below - k.top - 3 * k.gap) / 4);
  }
  // In large text the heading takes more room; the digits (one size in both) still fit 122 px.
  k.display = {margin, std::max(400.0f, above + 4), content_w, v.large() ? 122.0f : 140.0f};
  const float message_y = k.display.bottom() + 6;
  k.message = {margin, message_y, content_w, k.top - 8 - message_y};
  return k;
}

void draw_keypad_message(const View& v, const KeypadLayout& k, std::string_view text, std::uint32_t rgb) {
  const FontRole role =
      v.ui.text_height(text, FontRole::body, k.message.w) <= k.message.h ? FontRole::body : FontRole::hint;
  v.ui.text(k.message, text, role, rgb);
}

void draw_digit_keys(const View& v, const KeypadLayout& k, bool enabled) {
  // Dial pads read 1 2 3 from the left in right-to-left languages too.
  const bool mirrored = v.ui.mirrored();
  v.ui.set_mirrored(false);
  static const char keys[] = "123456789";
  for (int i = 0; i < 9; ++i) {
    const char id[] = {'k', 'e', 'y', '_', keys[i], 0};
    if (v.ui.button(id, k.key(i / 3, i % 3), std::string(1, keys[i]), ButtonKind::secondary, enabled, {},
                    FontRole::digits))
      v.emit(ev::DigitPressed{keys[i]});
  }
  // Two-word labels ("Alles wissen") need two lines on a key; in large text those are the
  // normal button size.
  const FontRole words = v.large() ? FontRole::hint : FontRole::button;
  if (v.ui.button("key_clear", k.key(3, 0), v.tr("number.clear"), ButtonKind::secondary, enabled, {}, words))
    v.emit(ev::NumberCleared{});
  if (v.ui.button("key_0", k.key(3, 1), "0", ButtonKind::secondary, enabled, {}, FontRole::digits))
    v.emit(ev::DigitPressed{'0'});
  if (v.ui.button("key_del", k.key(3, 2), v.tr("number.delete"), ButtonKind::secondary, enabled, {}, words))
    v.emit(ev::DigitDeleted{});
  v.ui.set_mirrored(mirrored);
}

std::string months_label(const Catalog& t, int months) {
  return t.count("plans.months", months);
}

std::string shown_number(const Session& se) {
  if (!se.number) return {};
  return se.by_customer_number ? mask_mobile(*se.number) : format_mobile(*se.number);
}

}  // namespace kiosk::ui
