// "Check balance and expiry": what the operator says about the number.
#include "rows.hpp"
#include "screens.hpp"

namespace kiosk::ui {

namespace {
const char* status_key(SubscriberStatus s) {
  switch (s) {
    case SubscriberStatus::active: return "balance.status.active";
    case SubscriberStatus::suspended: return "balance.status.suspended";
    case SubscriberStatus::expired: return "balance.status.expired";
  }
  return "balance.status.active";
}
}  // namespace

void draw_balance(const View& v) {
  const Session& se = v.s.session;
  const float y = v.heading(v.tr("balance.title"));
  if (!se.subscriber || !se.number || !se.brand) return;
  const Subscriber& sub = *se.subscriber;
  const Plan* current = find_plan(se.plans, sub.current_plan_id);
  const Lang lang = se.lang;
  std::vector<Row> rows{{v.tr("balance.number"), shown_number(se), true},
                        {v.tr("summary.operator"), brand_name(v.s, *se.brand)},
                        {v.tr("balance.status"), v.tr(status_key(sub.status)), true}};
  const bool suspended = sub.status == SubscriberStatus::suspended;
  if (suspended) {
    // No "valid until" in the past: when the plan ended, since when the number is stopped, and
    // what coming back costs.
    rows.push_back({v.tr("balance.plan_ended"), format_date(sub.expiry, lang)});
    rows.push_back({v.tr("balance.suspended_since"), format_date(sub.suspended_since, lang)});
    rows.push_back({v.tr("balance.fee"), sub.reactivation_fee > 0 ? format_money(sub.reactivation_fee, lang)
                                                                  : v.tr("balance.no_fee")});
  } else {
    rows.push_back({v.tr("balance.expiry"), format_date(sub.expiry, lang)});
  }
  rows.push_back({v.tr("balance.credit"), format_money(sub.balance, lang)});
  rows.push_back({v.tr("balance.plan"), current ? current->name : sub.current_plan_id});
  const float below = draw_rows(v, y + 20, rows);
  if (suspended) {
    const std::string& words = v.tr("balance.suspended_words");
    const float h = v.ui.text_height(words, FontRole::body, content_w);
    v.ui.text({margin, below + 30, content_w, h}, words, FontRole::body, v.theme().text, Align::centre);
    if (below + 30 + h > action_y - 10) v.ui.overflow(words);
  }
  v.actions("finish", v.tr("app.finish"), ev::FinishPressed{}, "continue", v.tr("balance.renew"),
            ev::ContinuePressed{}, sub.status != SubscriberStatus::expired);
}

}  // namespace kiosk::ui
