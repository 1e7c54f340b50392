// The service mode's frame: its name, the kiosk and version, the technician's languages, the
// page, and the way out along the bottom.
#include "core/money.hpp"
#include "service_screens.hpp"

namespace kiosk::ui {

namespace {

constexpr float bottom_y = 1770;

void draw_header(const View& v) {
  const ServiceMode& m = service_of(v);
  v.ui.panel({0, 0, screen_w, 316}, v.theme().surface, false);
  v.ui.text({margin, 36, content_w, v.ui.line_height(FontRole::title)}, v.tr("svc.title"), FontRole::title, v.theme().text);
  const std::string kiosk =
      v.fmt("svc.kiosk", {{"id", v.s.settings.kiosk_id}, {"version", v.s.settings.software_version}});
  v.ui.text({margin, 36 + v.ui.line_height(FontRole::title), content_w, v.ui.line_height(FontRole::hint)}, kiosk,
            FontRole::hint, v.theme().text_muted);
  // Switching languages is harmless: offered on every page.
  static constexpr const char* ids[] = {"tech_lang_nl", "tech_lang_fr", "tech_lang_de", "tech_lang_en"};
  const float gap = 16, w = (content_w - 3 * gap) / 4;
  for (std::size_t i = 0; i < technician_langs.size(); ++i) {
    const Lang lang = technician_langs[i];
    std::string code(lang_code(lang));
    for (char& c : code) c = static_cast<char>(c - 'a' + 'A');
    if (v.ui.button(ids[i], {margin + static_cast<float>(i) * (w + gap), 176, w, 120}, code,
                    lang == m.lang ? ButtonKind::selected : ButtonKind::secondary))
      v.emit(ev::Technician{svc::LanguageChosen{lang}});
  }
}

void draw_bottom(const View& v) {
  const ServiceMode& m = service_of(v);
  const bool sub_page = m.page == ServicePage::sales || m.page == ServicePage::note || m.page == ServicePage::confirm;
  const float gap = 20, half = (content_w - gap) / 2;
  // "back" is the keypad's Back key's widget too.
  if (sub_page) {
    if (v.ui.button("back", {margin, bottom_y, half, button_h}, v.tr("svc.back"), ButtonKind::secondary))
      v.emit(ev::Technician{svc::PageOpened{ServicePage::menu}});
    if (v.ui.button("tech_exit", {margin + half + gap, bottom_y, half, button_h}, v.tr("svc.exit"), ButtonKind::secondary,
                    !m.running))
      v.emit(ev::Technician{svc::Left{}});
  } else if (v.ui.button("back", {margin, bottom_y, half, button_h}, v.tr("svc.exit"), ButtonKind::secondary,
                         !m.running)) {
    v.emit(ev::Technician{svc::Left{}});
  }
}

}  // namespace

std::string service_action_label(const View& v, ServiceAction a) {
  switch (a) {
    case ServiceAction::test_print: return v.tr("svc.action.test_print");
    case ServiceAction::terminal_check: return v.tr("svc.action.terminal_check");
    case ServiceAction::end_of_day: return v.tr("svc.action.end_of_day");
    case ServiceAction::retry: return v.tr("svc.action.retry");
    case ServiceAction::out_of_service: return v.tr("svc.action.out_of_service");
    case ServiceAction::in_service: return v.tr("svc.action.in_service");
    case ServiceAction::diagnostics: return v.tr("svc.action.diagnostics");
    case ServiceAction::restart: return v.tr("svc.action.restart");
  }
  return "?";
}

float service_title(const View& v, float y, std::string_view title) {
  const float h = v.ui.text_height(title, FontRole::title, content_w);
  v.ui.text({margin, y, content_w, h}, title, FontRole::title, v.theme().text);
  return y + h + 12;
}

float service_row(const View& v, float y, std::string_view label, std::string_view value, std::uint32_t value_rgb) {
  if (label.empty()) {  // a sentence of its own, the whole width
    const float h = v.ui.text_height(value, FontRole::hint, content_w);
    v.ui.text({margin, y, content_w, h}, value, FontRole::hint, value_rgb);
    return y + h + 10;
  }
  constexpr float label_w = 300, gap = 24;
  const float value_w = content_w - label_w - gap;
  const float lh = v.ui.text_height(label, FontRole::hint, label_w);
  const float vh = v.ui.text_height(value, FontRole::hint, value_w);
  v.ui.text({margin, y, label_w, lh}, label, FontRole::hint, v.theme().text_muted);
  v.ui.text({margin + label_w + gap, y, value_w, vh}, value, FontRole::hint, value_rgb);
  return y + std::max(lh, vh) + 10;
}

std::string service_money(const View& v, Cents cents) { return format_money(cents, v.t.lang()); }

void draw_service_mode(const View& v) {
  draw_header(v);
  constexpr float top = 336;
  switch (service_of(v).page) {
    case ServicePage::pin: draw_service_pin(v, top); break;
    case ServicePage::menu: draw_service_menu(v, top); break;
    case ServicePage::sales: draw_service_sales(v, top); break;
    case ServicePage::note: draw_service_note(v, top); break;
    case ServicePage::confirm: draw_service_confirm(v, top); break;
  }
  draw_bottom(v);
}

}  // namespace kiosk::ui
