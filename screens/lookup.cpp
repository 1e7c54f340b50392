// Waiting for the operator: says who we are asking; the gateway client has its own timeouts.
#include "screens.hpp"

namespace kiosk::ui {

void draw_lookup(const View& v) {
  const std::string brand = v.s.session.brand ? brand_name(v.s, *v.s.session.brand) : "";
  v.heading(v.tr("lookup.title"), v.fmt("lookup.hint", {{"brand", brand}}));
  v.ui.spinner(screen_w / 2, 900, 90);
}

}  // namespace kiosk::ui
