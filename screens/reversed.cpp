// Paid but not delivered: the money went back; the reference to quote.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_reversed(const View& v) {
  const Session& se = v.s.session;
  const Cents amount = se.txn ? se.txn->amount : 0;
  const std::string reference = se.txn ? se.txn->reference : "";
  draw_outcome(v, v.tr("reversed.title"),
               {v.fmt("reversed.body", {{"amount", format_money(amount, se.lang)}}),
                v.fmt("done.reference", {{"reference", reference}})},
               v.theme().text, Icon::info);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
