// Success: what was bought, until when, and the references to keep.
#include "screens.hpp"

namespace kiosk::ui {

void draw_done(const View& v) {
  const Session& se = v.s.session;
  if (!se.txn) return;
  const Transaction& t = *se.txn;
  const Plan* plan = chosen_plan(v.s);
  const float th = v.ui.text_height(v.tr("done.title"), FontRole::title, content_w);
  v.ui.text({margin, 70, content_w, th}, v.tr("done.title"), FontRole::title, v.theme().success);
  std::string body = v.fmt("done.valid_until", {{"plan", plan ? plan->name : ""}, {"date", format_date(t.new_expiry, se.lang)}});
  body += "\n" + v.fmt("done.confirmation", {{"id", t.confirmation_id}});
  body += "\n" + v.fmt("done.reference", {{"reference", t.reference}});
  body += "\n" + v.fmt("done.reprint_code", {{"code", reprint_code(t.reference)}});
  const Rect box{margin, 110 + th, content_w, 0};
  const float bh = v.ui.text_height(body, FontRole::body, content_w - 80);
  v.ui.panel({box.x, box.y, box.w, bh + 80}, v.theme().surface, true);
  v.ui.text({box.x + 40, box.y + 40, box.w - 80, bh}, body, FontRole::body, v.theme().text);
  float y = box.y + bh + 120;
  std::string notes;
  if (se.want_receipt && receipt_printable(v.s) && !t.receipt_failed) notes += v.tr("done.receipt");
  if (t.receipt_failed) notes += v.tr("done.receipt_failed");
  if (se.want_sms) notes += (notes.empty() ? "" : "\n") + v.tr("done.sms");
  notes += (notes.empty() ? "" : "\n") + v.tr("done.thanks");
  v.ui.text({margin, y, content_w, action_y - y - 10}, notes, FontRole::body, v.theme().text);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
