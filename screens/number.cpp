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
  const bool by_customer = se.by_customer_number;
  const float y = by_customer ? v.heading(v.tr("number.customer_title"), v.tr("number.customer_hint"))
                              : v.heading(v.tr("number.title"), v.tr("number.hint"));
  // Where the operator takes customer numbers, a switch between the two under the keys.
  const bool offered = customer_numbers_offered(v.s);
  const KeypadLayout keys = keypad_layout(v, y, offered ? button_h + 16 : 0);
  const Rect& display = keys.display;
  v.ui.panel(display, v.theme().surface, true);
  v.ui.text({display.x + 30, display.y + 15, display.w - 60, 110},
            by_customer ? se.number_input : display_digits(se.number_input), FontRole::digits, v.theme().text,
            Align::centre);
  if (!se.number_error_key.empty()) draw_keypad_message(v, keys, v.tr(se.number_error_key), v.theme().danger);
  draw_digit_keys(v, keys, true);
  if (offered) {
    const Rect r = keys.key(3, 0);
    const std::string& label = v.tr(by_customer ? "number.use_phone" : "number.use_customer");
    // On one line: a size smaller where the button's size would wrap (large text).
    FontRole role = FontRole::button;
    if (v.ui.text_width(label, role) > content_w - 60) role = FontRole::body;
    if (v.ui.text_width(label, role) > content_w - 60) role = FontRole::hint;
    if (v.ui.button("identify_by", {margin, r.bottom() + 16, content_w, button_h}, label, ButtonKind::secondary, true,
                    {}, role))
      v.emit(ev::IdentifyByToggled{});
  }
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "next", v.tr("app.next"), ev::NumberSubmitted{},
            !se.number_input.empty());
}

}  // namespace kiosk::ui
