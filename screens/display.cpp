// How the screen looks for this session: high contrast and larger text, each one tap.
#include "screens.hpp"

namespace kiosk::ui {

namespace {

void setting(const View& v, const char* id, float y, std::string_view label_key, bool on, Event toggle) {
  // The button says what it does and shows the current state, in words and by its colour.
  const std::string state = v.tr(on ? "display.on" : "display.off");
  if (v.ui.button(id, {margin, y, content_w, 220}, v.tr(label_key), on ? ButtonKind::selected : ButtonKind::secondary,
                  true, state))
    v.emit(std::move(toggle));
}

}  // namespace

void draw_display(const View& v) {
  v.heading(v.tr("display.title"), v.tr("display.hint"));
  setting(v, "contrast", 700, "display.contrast", v.s.session.high_contrast, ev::ContrastToggled{});
  setting(v, "text_size", 960, "display.text_size", v.s.session.large_text, ev::TextSizeToggled{});
  if (v.ui.button("display_done", {margin, action_y, content_w, action_h}, v.tr("display.done"), ButtonKind::primary))
    v.emit(ev::OverlayClosed{});
}

}  // namespace kiosk::ui
