// What the user came for: renew, check the balance, print a receipt again, or read the answers.
#include "screens.hpp"

namespace kiosk::ui {

void draw_service(const View& v) {
  v.heading(v.tr("service.title"));
  // Large text: a label and a two-line hint; the last button still ends above the support line.
  const float h = v.large() ? 230 : 200, gap = v.large() ? 20 : 30;
  float y = 640;  // the lower two thirds: within reach from a wheelchair
  if (v.ui.button("svc_renew", {margin, y, content_w, h}, v.tr("service.renew"), ButtonKind::primary, true,
                  v.tr("service.renew.hint")))
    v.emit(ev::ServiceChosen{ev::Service::renew});
  y += h + gap;
  if (v.ui.button("svc_balance", {margin, y, content_w, h}, v.tr("service.balance"), ButtonKind::secondary, true,
                  v.tr("service.balance.hint")))
    v.emit(ev::ServiceChosen{ev::Service::balance});
  y += h + gap;
  if (v.ui.button("svc_reprint", {margin, y, content_w, h}, v.tr("service.reprint"), ButtonKind::secondary, true,
                  v.tr("service.reprint.hint")))
    v.emit(ev::ReprintOpened{});
  y += h + gap;
  if (v.ui.button("svc_help", {margin, y, content_w, h}, v.tr("service.help"), ButtonKind::secondary, true,
                  v.tr("service.help.hint")))
    v.emit(ev::HelpOpened{});
}

}  // namespace kiosk::ui
