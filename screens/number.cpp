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
  // The operator is in the strip of choices above the heading.
  const float y = v.heading(v.tr("number.title"), v.tr("number.hint"));
  const KeypadLayout keys = keypad_layout(v, y);
  const Rect& display = keys.display;
  v.ui.panel(display, v.theme().surface, true);
  v.ui.text({display.x + 30, display.y + 15, display.w - 60, 110}, display_digits(se.number_input), FontRole::digits,
            v.theme().text, Align::centre);
  if (!se.number_error_key.empty()) draw_keypad_message(v, keys, v.tr(se.number_error_key), v.theme().danger);
  draw_digit_keys(v, keys, true);
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "next", v.tr("app.next"), ev::NumberSubmitted{},
            !se.number_input.empty());
}

}  // namespace kiosk::ui
