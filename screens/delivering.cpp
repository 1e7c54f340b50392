// Paid; the renewal is on its way to the operator (or, if it failed, the money on its way back).
#include "screens.hpp"

namespace kiosk::ui {

void draw_delivering(const View& v) {
  const Session& se = v.s.session;
  const bool reversing = se.txn && se.txn->phase == Transaction::Phase::reversing;
  const std::string brand = se.brand ? brand_name(v.s, *se.brand) : "";
  v.heading(v.tr("delivering.title"));
  const std::string body = reversing ? v.tr("delivering.reversing") : v.fmt("delivering.hint", {{"brand", brand}});
  v.ui.panel({margin, 640, content_w, 400}, v.theme().surface, true);
  v.ui.text({margin + 40, 700, content_w - 80, 300}, body, FontRole::body, v.theme().text, Align::centre);
  v.ui.spinner(screen_w / 2, 1200, 90);
}

}  // namespace kiosk::ui
