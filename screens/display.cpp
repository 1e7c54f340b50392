// How the screen looks for this session: high contrast and larger text, each one tap.
#include "screens.hpp"

namespace kiosk::ui {

namespace {

void setting(const View& v, const char* id, float y, std::string_view label_key, bool on, Event toggle) {
  // A switch like the summary's: what it does, its state in words, the knob at the end when on.
  if (v.ui.toggle(id, {margin, y, content_w, 220}, v.tr(label_key), on, v.tr(on ? "display.on" : "display.off")))
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
