// Paid but not delivered: the money went back; the reference to quote.
#include "no_receipt.hpp"
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_reversed(const View& v) {
  const Session& se = v.s.session;
  const Cents amount = se.txn ? se.txn->amount : 0;
  const std::string reference = se.txn ? se.txn->reference : "";
  const std::string body = v.fmt("reversed.body", {{"amount", format_money(amount, se.lang)}});
  if (se.txn && se.txn->receipt_failed) {
    // The slip that proves the refund did not come out: what to keep instead, below.
    const float y = draw_outcome(v, v.tr("reversed.title"), {body}, v.theme().text, Icon::info, false);
    draw_no_receipt(v, y + 30);
  } else {
    draw_outcome(v, v.tr("reversed.title"), {body, v.fmt("done.reference", {{"reference", reference}})},
                 v.theme().text, Icon::info);
  }
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
