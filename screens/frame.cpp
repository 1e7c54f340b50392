#include "frame.hpp"

#include <imgui.h>

#include <algorithm>

#include "screens.hpp"
#include "service_screens.hpp"

namespace kiosk::ui {

namespace {

void draw_screen(const View& v) {
  switch (v.s.screen) {
    case Screen::attract: draw_attract(v); break;
    case Screen::language: draw_language(v); break;
    case Screen::service: draw_service(v); break;
    case Screen::help: draw_help(v); break;
    case Screen::display: draw_display(v); break;
    case Screen::reprint: draw_reprint(v); break;
    case Screen::brand: draw_brand(v); break;
    case Screen::number: draw_number(v); break;
    case Screen::lookup: draw_lookup(v); break;
    case Screen::balance: draw_balance(v); break;
    case Screen::suspended: draw_suspended(v); break;
    case Screen::plans: draw_plans(v); break;
    case Screen::summary: draw_summary(v); break;
    case Screen::pay_method: draw_pay_method(v); break;
    case Screen::paying: draw_paying(v); break;
    case Screen::wallet: draw_wallet(v); break;
    case Screen::delivering: draw_delivering(v); break;
    case Screen::done: draw_done(v); break;
    case Screen::declined: draw_declined(v); break;
    case Screen::cancelled: draw_cancelled(v); break;
    case Screen::unavailable: draw_unavailable(v); break;
    case Screen::reversed: draw_reversed(v); break;
    case Screen::pending: draw_pending(v); break;
    case Screen::out_of_service: draw_out_of_service(v); break;
  }
}

// The out-of-service screen has no row of buttons at the bottom: its support line may go lower.
float support_gap_bottom(Screen s) { return s == Screen::out_of_service ? screen_h - 60 : 1770; }

// Back, language, display (contrast, text size) and help along the bottom, with the support
// number above them.
void draw_chrome(const View& v) {
  const Screen s = v.s.screen;
  // Between the main actions and the bottom row, centred in the gap: one line, or two in
  // large text where the sentence is long.
  const std::string support = v.fmt("app.support", {{"phone", v.s.settings.support_phone}});
  const float sh = v.ui.text_height(support, FontRole::hint, content_w);
  v.ui.text({margin, support_line_top(v), content_w, std::min(sh, support_gap_bottom(s) - (action_y + action_h))},
            support, FontRole::hint, v.theme().text, Align::centre);
  if (s == Screen::out_of_service) return;
  v.ui.set_quiet(true);
  const float y = 1770, gap = 20, w = (content_w - 3 * gap) / 4;
  if (back_available(v.s)) {
    const bool overlay = s == Screen::language || s == Screen::help || s == Screen::display;
    const Event back = overlay ? Event{ev::OverlayClosed{}} : Event{ev::BackPressed{}};
    if (v.ui.button("back", {margin, y, w, button_h}, v.tr("app.back"), ButtonKind::secondary)) v.emit(back);
  }
  if (s != Screen::attract && s != Screen::language &&
      v.ui.button("language", {margin + (w + gap), y, w, button_h}, v.tr("app.language"), ButtonKind::secondary))
    v.emit(ev::LanguageSwitchOpened{});
  if (s != Screen::display &&
      v.ui.button("display", {margin + 2 * (w + gap), y, w, button_h}, v.tr("app.display"), ButtonKind::secondary))
    v.emit(ev::DisplayOpened{});
  if (s != Screen::help &&
      v.ui.button("help", {margin + 3 * (w + gap), y, w, button_h}, v.tr("app.help"), ButtonKind::secondary))
    v.emit(ev::HelpOpened{});
  v.ui.set_quiet(false);
}

// The seconds left before the warning, quietly, over the top of the screen (nothing there is
// touched): a ring running down and the warning's own words, so that the modal that follows is
// no surprise.
void draw_idle_countdown(const View& v) {
  const int left = idle_seconds_left(v.s);
  const std::string msg = v.t.count("app.idle_warning", left);
  const std::string n = std::to_string(left);
  const float nw = v.ui.text_width(n, FontRole::body), nh = v.ui.line_height(FontRole::body);
  // The ring holds its number with room to spare.
  constexpr float pad = 16;
  const float ring_r = std::max(44.0f, nw / 2 + 20);
  const float words_x = margin + pad + 2 * ring_r + 24, words_w = content_w - (words_x - margin) - pad;
  const float th = v.ui.text_height(msg, FontRole::body, words_w);
  // Over the steps and the strip of choices, whole.
  const float h = std::max({2 * ring_r + 2 * pad, th + 2 * pad, progress_height(v) - 4.0f});
  const Rect banner{margin, 8, content_w, h};
  v.ui.panel(banner, v.theme().surface, true);
  const float cy = banner.y + banner.h / 2;
  const float span = static_cast<float>(v.s.settings.idle_countdown_s + v.s.settings.idle_warning_s);
  v.ui.time_ring(margin + pad + ring_r, cy, ring_r, static_cast<float>(left) / span);
  v.ui.text({margin + pad + ring_r - nw / 2 - 1, cy - nh / 2, nw + 2, nh}, n, FontRole::body, v.theme().text);
  v.ui.text({words_x, cy - th / 2, words_w, th}, msg, FontRole::body, v.theme().text);
}

void draw_idle_warning(const View& v) {
  v.ui.set_blocked(false);
  v.ui.dim_all(v.theme().background, 215);
  const std::string msg = v.t.count("app.idle_warning", idle_seconds_left(v.s));
  const float th = std::max(250.0f, v.ui.text_height(msg, FontRole::title, content_w - 80));
  // The button stays where it always is; the box grows upwards with the message.
  const Rect box{margin, 1500 - (th + 270), content_w, th + 270};
  v.ui.panel(box, v.theme().surface, true);
  v.ui.text({box.x + 40, box.y + 50, box.w - 80, th}, msg, FontRole::title, v.theme().text, Align::centre);
  const bool can_extend = v.s.extensions_used < v.s.settings.max_extensions;
  if (v.ui.button("more_time", {box.x + 140, box.bottom() - 190, box.w - 280, 140}, v.tr("app.more_time"),
                  ButtonKind::primary, can_extend))
    v.emit(ev::MoreTimeAsked{});
}

}  // namespace

float support_line_top(const View& v) {
  const std::string support = v.fmt("app.support", {{"phone", v.s.settings.support_phone}});
  const float gap_top = action_y + action_h, gap_bottom = support_gap_bottom(v.s.screen);
  const float sh = v.ui.text_height(support, FontRole::hint, content_w);
  return gap_top + std::max(0.0f, (gap_bottom - gap_top - sh) / 2);
}

const Theme& theme_for(const State& s) {
  return s.session.high_contrast && !s.service_mode ? high_contrast_theme() : standard_theme();
}

std::vector<Event> draw_frame(const State& s, const Catalogs& catalogs, const UiFontSets& fonts, FrameReport& report,
                              const Focus& focus, double seconds, const BrandLogos* logos) {
  std::vector<Event> out;
  const Theme& theme = theme_for(s);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(screen_w, screen_h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (s.service_mode) {
    // The technician's pages: their own words and layout, the standard theme and text size.
    Ui ui(fonts.get(false), standard_theme(), report, focus);
    const View v{s, catalogs.technician(s.service_mode->lang), catalogs, ui, out, logos};
    draw_service_mode(v);
    ImGui::End();
    ImGui::PopStyleVar(2);
    return out;
  }
  Ui ui(fonts.get(s.session.large_text), theme, report, focus);
  ui.set_clock(seconds);
  const View v{s, catalogs[s.session.lang], catalogs, ui, out, logos};
  // The bottom row and the support line take the larger text too; the row keeps its fixed
  // places, which people learn to find, and a label too wide for its key takes a smaller size.
  Ui chrome_ui(fonts.get(s.session.large_text), theme, report, focus);
  const View chrome{s, catalogs[s.session.lang], catalogs, chrome_ui, out};
  const bool warning = idle_warning_visible(s);
  ui.set_blocked(warning);
  chrome_ui.set_blocked(warning);
  ui.set_mirrored(is_rtl(s.session.lang));
  chrome_ui.set_mirrored(is_rtl(s.session.lang));
  draw_progress(v);
  draw_screen(v);
  draw_chrome(chrome);
  if (warning) draw_idle_warning(v);
  else if (idle_countdown_visible(s)) draw_idle_countdown(v);
  ImGui::End();
  ImGui::PopStyleVar(2);
  return out;
}

}  // namespace kiosk::ui
