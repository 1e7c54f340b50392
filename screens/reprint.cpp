// "Print a receipt again": the six-digit receipt code on the keypad, and what came of it.
#include "screens.hpp"

namespace kiosk::ui {

void draw_reprint(const View& v) {
  using R = Session::ReprintState;
  const Session& se = v.s.session;
  v.heading(v.tr("reprint.title"), v.tr("reprint.hint"));
  const Rect display{margin + 180, 400, content_w - 360, 150};
  v.ui.panel(display, v.theme().surface, true);
  v.ui.text({display.x + 20, display.y + 20, display.w - 40, 110}, se.reprint_input, FontRole::digits, v.theme().text,
            Align::centre);
  const char* message = se.reprint == R::waiting ? "reprint.waiting" : se.reprint == R::printed ? "reprint.printed"
                        : se.reprint == R::not_found ? "reprint.not_found" : se.reprint == R::failed ? "reprint.failed"
                                                                                                   : nullptr;
  if (message)
    v.ui.text({margin, 565, content_w, 120}, v.tr(message), FontRole::body,
              se.reprint == R::printed ? v.theme().success : se.reprint == R::waiting ? v.theme().text : v.theme().danger);
  const bool typing = se.reprint != R::waiting;
  const float gap = 24, kw = (content_w - 2 * gap) / 3, kh = 165, top = 700;
  static const char keys[] = "123456789";
  for (int i = 0; i < 9; ++i) {
    const char id[] = {'k', 'e', 'y', '_', keys[i], 0};
    const Rect r{margin + (i % 3) * (kw + gap), top + (i / 3) * (kh + gap), kw, kh};
    if (v.ui.button(id, r, std::string(1, keys[i]), ButtonKind::secondary, typing, {}, FontRole::digits))
      v.emit(ev::DigitPressed{keys[i]});
  }
  const float last = top + 3 * (kh + gap);
  if (v.ui.button("key_clear", {margin, last, kw, kh}, v.tr("number.clear"), ButtonKind::secondary, typing))
    v.emit(ev::NumberCleared{});
  if (v.ui.button("key_0", {margin + kw + gap, last, kw, kh}, "0", ButtonKind::secondary, typing, {}, FontRole::digits))
    v.emit(ev::DigitPressed{'0'});
  if (v.ui.button("key_del", {margin + 2 * (kw + gap), last, kw, kh}, v.tr("number.delete"), ButtonKind::secondary,
                  typing))
    v.emit(ev::DigitDeleted{});
  v.actions("finish", v.tr("app.finish"), ev::FinishPressed{}, "next", v.tr("reprint.print"), ev::NumberSubmitted{},
            typing && se.reprint_input.size() == reprint_code_length);
}

}  // namespace kiosk::ui
