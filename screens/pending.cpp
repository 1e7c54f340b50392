// Paid, outcome not known yet: the kiosk resolves it later; the customer keeps the reference.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_pending(const View& v) {
  const std::string reference = v.s.session.txn ? v.s.session.txn->reference : "";
  // The payment itself unconfirmed (the terminal's line went), or the renewal after it.
  const bool payment_unknown = payment_outcome_unknown(v.s);
  draw_outcome(v, v.tr(payment_unknown ? "pending.payment_title" : "pending.title"),
               {v.tr(payment_unknown ? "pending.payment_body" : "pending.body"),
                v.fmt("pending.reference", {{"reference", reference}})},
               v.theme().text, Icon::clock);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
