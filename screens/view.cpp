#include "view.hpp"

namespace kiosk::ui {

float View::heading(std::string_view title, std::string_view hint) const {
  const float y0 = 70;
  const float th = ui.text_height(title, FontRole::title, content_w);
  ui.text({margin, y0, content_w, th}, title, FontRole::title, theme().text);
  float y = y0 + th + 14;
  if (!hint.empty()) {
    const float hh = ui.text_height(hint, FontRole::hint, content_w);
    ui.text({margin, y, content_w, hh}, hint, FontRole::hint, theme().text_muted);
    y += hh + 14;
  }
  return y;
}

void View::actions(const char* left_id, std::string_view left_label, Event left_event, const char* right_id,
                   std::string_view right_label, Event right_event, bool right_enabled) const {
  const float gap = 30;
  const float half = (content_w - gap) / 2;
  if (left_id && ui.button(left_id, {margin, action_y, half, action_h}, left_label, ButtonKind::secondary))
    emit(left_event);
  if (right_id) {
    const float x = left_id ? margin + half + gap : margin;
    const float w = left_id ? half : content_w;
    if (ui.button(right_id, {x, action_y, w, action_h}, right_label, ButtonKind::primary, right_enabled))
      emit(right_event);
  }
}

std::string months_label(const Catalog& t, int months) {
  return t.format(months == 1 ? "plans.months.one" : "plans.months.other", {{"n", std::to_string(months)}});
}

std::string plan_contents(const Catalog& t, const Plan& p) {
  std::string out = p.data_gb < 0 ? t.text("plans.data_unlimited")
                                  : t.format("plans.data", {{"gb", std::to_string(p.data_gb)}});
  out += " · ";
  out += p.minutes < 0 ? t.text("plans.minutes_unlimited")
                       : t.format("plans.minutes", {{"minutes", std::to_string(p.minutes)}});
  out += " · ";
  out += p.sms < 0 ? t.text("plans.sms_unlimited") : t.format("plans.sms", {{"sms", std::to_string(p.sms)}});
  if (p.intl_minutes > 0) out += " · " + t.format("plans.intl", {{"minutes", std::to_string(p.intl_minutes)}});
  if (p.roaming_eu) out += " · " + t.text("plans.roaming");
  return out;
}

}  // namespace kiosk::ui
