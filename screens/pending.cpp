// Paid, outcome not known yet: the kiosk resolves it later; the customer keeps the reference.
#include "outcome.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_pending(const View& v) {
  const std::string reference = v.s.session.txn ? v.s.session.txn->reference : "";
  draw_outcome(v, v.tr("pending.title"),
               {v.tr("pending.body"), v.fmt("pending.reference", {{"reference", reference}})}, v.theme().text);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
