// The questions users ask (domain.md), answered in their language.
#include "screens.hpp"

namespace kiosk::ui {

void draw_help(const View& v) {
  float y = v.heading(v.tr("help.title")) + 10;
  static const char* const topics[] = {"currency", "forgot", "other", "worked", "data"};
  for (const char* topic : topics) {
    const std::string q = v.tr(std::string("help.q.") + topic);
    const std::string a = v.tr(std::string("help.a.") + topic);
    const float qh = v.ui.text_height(q, FontRole::button, content_w - 60);
    const float ah = v.ui.text_height(a, FontRole::hint, content_w - 60);
    v.ui.panel({margin, y, content_w, qh + ah + 50}, v.theme().surface, true);
    v.ui.text({margin + 30, y + 20, content_w - 60, qh}, q, FontRole::button, v.theme().text);
    v.ui.text({margin + 30, y + 28 + qh, content_w - 60, ah}, a, FontRole::hint, v.theme().text);
    y += qh + ah + 70;
  }
  if (y > 1680) v.ui.overflow("help: answers run into the support line");
}

}  // namespace kiosk::ui
