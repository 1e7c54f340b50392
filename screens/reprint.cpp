// "Print a receipt again": the six-digit receipt code on the keypad, and what came of it.
#include "screens.hpp"

namespace kiosk::ui {

void draw_reprint(const View& v) {
  using R = Session::ReprintState;
  const Session& se = v.s.session;
  const KeypadLayout keys = keypad_layout(v, v.heading(v.tr("reprint.title"), v.tr("reprint.hint")));
  const Rect display{margin + 180, keys.display.y, content_w - 360, keys.display.h};  // six digits need less
  v.ui.panel(display, v.theme().surface, true);
  v.ui.text({display.x + 20, display.y + 15, display.w - 40, 110}, se.reprint_input, FontRole::digits, v.theme().text,
            Align::centre);
  const char* message = se.reprint == R::waiting ? "reprint.waiting" : se.reprint == R::printed ? "reprint.printed"
                        : se.reprint == R::not_found ? "reprint.not_found" : se.reprint == R::failed ? "reprint.failed"
                                                                                                   : nullptr;
  if (message)
    draw_keypad_message(v, keys, v.tr(message),
                        se.reprint == R::printed   ? v.theme().success
                        : se.reprint == R::waiting ? v.theme().text
                                                   : v.theme().danger);
  const bool typing = se.reprint != R::waiting;
  draw_digit_keys(v, keys, typing);
  v.actions("finish", v.tr("app.finish"), ev::FinishPressed{}, "next", v.tr("reprint.print"), ev::NumberSubmitted{},
            typing && se.reprint_input.size() == reprint_code_length);
}

}  // namespace kiosk::ui
