// The number on a big keypad of our own (no on-screen keyboard, no text field).
#include "screens.hpp"

namespace kiosk::ui {

namespace {
// Shows what was typed grouped like a Belgian mobile number as soon as it looks like one.
std::string display_digits(const std::string& typed) {
  if (typed.size() == 10 && typed.rfind("04", 0) == 0)
    return typed.substr(0, 4) + " " + typed.substr(4, 2) + " " + typed.substr(6, 2) + " " + typed.substr(8, 2);
  return typed;
}
}  // namespace

void draw_number(const View& v) {
  const Session& se = v.s.session;
  const std::string brand = se.brand ? std::string(brand_name(*se.brand)) : "";
  const float y = v.heading(v.tr("number.title"), v.tr("number.hint"));
  v.ui.text({margin, y, content_w, 60}, v.fmt("number.operator", {{"brand", brand}}), FontRole::body, v.theme().text);

  const Rect display{margin, 400, content_w, 150};
  v.ui.panel(display, v.theme().surface, true);
  v.ui.text({display.x + 30, display.y + 20, display.w - 60, 110}, display_digits(se.number_input), FontRole::digits,
            v.theme().text, Align::centre);
  if (!se.number_error_key.empty())
    v.ui.text({margin, 565, content_w, 120}, v.tr(se.number_error_key), FontRole::body, v.theme().danger);

  const float gap = 24, kw = (content_w - 2 * gap) / 3, kh = 165, top = 700;
  static const char keys[] = "123456789";
  for (int i = 0; i < 9; ++i) {
    const char id[] = {'k', 'e', 'y', '_', keys[i], 0};
    const std::string label(1, keys[i]);
    const Rect r{margin + (i % 3) * (kw + gap), top + (i / 3) * (kh + gap), kw, kh};
    if (v.ui.button(id, r, label, ButtonKind::secondary, true, {}, FontRole::digits)) v.emit(ev::DigitPressed{keys[i]});
  }
  const float last = top + 3 * (kh + gap);
  if (v.ui.button("key_clear", {margin, last, kw, kh}, v.tr("number.clear"), ButtonKind::secondary))
    v.emit(ev::NumberCleared{});
  if (v.ui.button("key_0", {margin + kw + gap, last, kw, kh}, "0", ButtonKind::secondary, true, {}, FontRole::digits))
    v.emit(ev::DigitPressed{'0'});
  if (v.ui.button("key_del", {margin + 2 * (kw + gap), last, kw, kh}, v.tr("number.delete"), ButtonKind::secondary))
    v.emit(ev::DigitDeleted{});
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "next", v.tr("app.next"), ev::NumberSubmitted{},
            !se.number_input.empty());
}

}  // namespace kiosk::ui
