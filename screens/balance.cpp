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
  draw_rows(v, y + 20,
            {{v.tr("balance.number"), format_mobile(*se.number), true},
             {v.tr("summary.operator"), std::string(brand_name(*se.brand))},
             {v.tr("balance.status"), v.tr(status_key(sub.status))},
             {v.tr("balance.credit"), format_money(sub.balance, lang)},
             {v.tr("balance.expiry"), format_date(sub.expiry, lang)},
             {v.tr("balance.plan"), current ? current->name : sub.current_plan_id}});
  v.actions("finish", v.tr("app.finish"), ev::FinishPressed{}, "continue", v.tr("balance.renew"),
            ev::ContinuePressed{}, sub.status != SubscriberStatus::expired);
}

}  // namespace kiosk::ui
