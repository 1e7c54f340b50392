// What the user came for: renew, check the balance, or read the answers to common questions.
#include "screens.hpp"

namespace kiosk::ui {

void draw_service(const View& v) {
  v.heading(v.tr("service.title"));
  const float h = 250, gap = 40;
  float y = 640;
  if (v.ui.button("svc_renew", {margin, y, content_w, h}, v.tr("service.renew"), ButtonKind::primary, true,
                  v.tr("service.renew.hint")))
    v.emit(ev::ServiceChosen{ev::Service::renew});
  y += h + gap;
  if (v.ui.button("svc_balance", {margin, y, content_w, h}, v.tr("service.balance"), ButtonKind::secondary, true,
                  v.tr("service.balance.hint")))
    v.emit(ev::ServiceChosen{ev::Service::balance});
  y += h + gap;
  if (v.ui.button("svc_help", {margin, y, content_w, h}, v.tr("service.help"), ButtonKind::secondary, true,
                  v.tr("service.help.hint")))
    v.emit(ev::HelpOpened{});
}

}  // namespace kiosk::ui
