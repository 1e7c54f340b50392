// A suspended number: explain, and show the reactivation fee before anything is chosen.
#include "screens.hpp"

namespace kiosk::ui {

void draw_suspended(const View& v) {
  const Session& se = v.s.session;
  if (!se.subscriber) return;
  const Lang lang = se.lang;
  float y = v.heading(v.tr("suspended.title"));
  const std::string body = v.fmt("suspended.body", {{"date", format_date(se.subscriber->expiry, lang)}}) + "\n" +
                           v.fmt("suspended.since", {{"date", format_date(se.subscriber->suspended_since, lang)}});
  const float bh = v.ui.text_height(body, FontRole::body, content_w);
  v.ui.text({margin, y + 20, content_w, bh}, body, FontRole::body, v.theme().text);
  y += bh + 60;
  {
    const std::string fee = se.subscriber->reactivation_fee > 0
                                ? v.fmt("suspended.fee", {{"fee", format_money(se.subscriber->reactivation_fee, lang)}})
                                : v.tr("suspended.no_fee");
    const float fh = v.ui.text_height(fee, FontRole::button, content_w - 60);
    v.ui.panel({margin, y, content_w, fh + 60}, v.theme().surface, true);
    v.ui.text({margin + 30, y + 30, content_w - 60, fh}, fee, FontRole::button, v.theme().text, Align::centre);
  }
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "continue", v.tr("suspended.continue"),
            ev::ContinuePressed{});
}

}  // namespace kiosk::ui
