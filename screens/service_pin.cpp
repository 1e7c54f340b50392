// The service PIN: typed on the same keys as a phone number, shown as dots, checked by the app;
// what the check said (wrong, locked, cannot be checked) above the keys.
#include "core/service_mode.hpp"
#include "service_screens.hpp"

namespace kiosk::ui {

namespace {

// The keypad speaks the customer's events; here they are the PIN's.
void map_keys(const View& v, const std::vector<Event>& keys) {
  for (const Event& e : keys) {
    if (const auto* d = std::get_if<ev::DigitPressed>(&e)) v.emit(ev::Technician{svc::PinDigit{d->digit}});
    else if (std::holds_alternative<ev::DigitDeleted>(e)) v.emit(ev::Technician{svc::PinDeleted{}});
    else if (std::holds_alternative<ev::NumberCleared>(e))
      for (std::size_t i = 0; i < service_pin_max; ++i) v.emit(ev::Technician{svc::PinDeleted{}});
  }
}

std::string message(const View& v, const ServiceMode& m) {
  if (m.checking) return v.tr("svc.pin.checking");
  switch (m.verdict) {
    case PinVerdict::wrong: return v.t.count("svc.pin.wrong", m.tries_left);
    case PinVerdict::locked: return v.t.count("svc.pin.locked", (m.locked_s + 59) / 60);
    case PinVerdict::unavailable: return v.tr("svc.pin.unavailable");
    default: return "";
  }
}

}  // namespace

void draw_service_pin(const View& v, float top) {
  const ServiceMode& m = service_of(v);
  float y = service_title(v, top, v.tr("svc.pin.title"));
  const float hh = v.ui.text_height(v.tr("svc.pin.hint"), FontRole::hint, content_w);
  v.ui.text({margin, y, content_w, hh}, v.tr("svc.pin.hint"), FontRole::hint, v.theme().text_muted);
  y += hh + 14;

  KeypadLayout k = keypad_layout(v, y);
  // Shorter keys, lower: room for a two-line answer between the dots and the keys.
  k.key_h = 150;
  k.top = action_y - 24 - 4 * k.key_h - 3 * k.gap;
  k.message = {margin, k.display.bottom() + 8, content_w, k.top - 16 - k.display.bottom()};
  v.ui.panel(k.display, v.theme().surface, true);
  std::string dots;
  for (std::size_t i = 0; i < m.pin.size(); ++i) dots += i ? " \u25CF" : "\u25CF";
  v.ui.text({k.display.x, k.display.y + (k.display.h - v.ui.line_height(FontRole::digits)) / 2, k.display.w,
             v.ui.line_height(FontRole::digits)},
            dots, FontRole::digits, v.theme().text, Align::centre);
  const std::string said = message(v, m);
  if (!said.empty())
    draw_keypad_message(v, k, said, m.verdict == PinVerdict::none || m.checking ? v.theme().text : v.theme().danger);

  // The digit keys carry the customer catalog's words for Clear and Delete.
  std::vector<Event> keys;
  const View keypad{v.s, v.all[m.lang], v.all, v.ui, keys, v.logos};
  draw_digit_keys(keypad, k, !m.checking);
  map_keys(v, keys);
  if (v.ui.button("tech_pin_ok", {margin, action_y, content_w, action_h}, v.tr("svc.pin.ok"), ButtonKind::primary,
                  !m.checking && m.pin.size() >= service_pin_min))
    v.emit(ev::Technician{svc::PinSubmitted{}});
}

}  // namespace kiosk::ui
