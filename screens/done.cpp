// Success: what was bought, until when, and the references to keep.
#include <algorithm>

#include "no_receipt.hpp"
#include "screens.hpp"

namespace kiosk::ui {

namespace {

void draw_receipt_pointer(const View& v, float top, float bottom) {
  constexpr float icon_r = 60, min_arrow = 140;
  const float room = bottom - top;
  if (room >= 2 * icon_r + 20 + min_arrow) {
    // The slip above a long arrow.
    const float arrow_h = std::min(260.0f, room - 2 * icon_r - 20);
    const float y0 = top + (room - (2 * icon_r + 20 + arrow_h)) / 2;
    v.ui.icon(Icon::receipt, screen_w / 2, y0 + icon_r, icon_r, v.theme().primary);
    v.ui.arrow_down(screen_w / 2, y0 + 2 * icon_r + 20, arrow_h, 160, v.theme().primary);
  } else if (room >= 120) {
    // Side by side where the words took the height (large text).
    const float r = std::min(icon_r, room / 2 - 4);
    v.ui.icon(Icon::receipt, screen_w / 2 - 70, top + room / 2, r, v.theme().primary);
    v.ui.arrow_down(screen_w / 2 + 70, top + 4, room - 8, 110, v.theme().primary);
  }
}

// No receipt came: the renewal in brief at the top, the room below for what to keep.
void draw_done_without_receipt(const View& v) {
  const Session& se = v.s.session;
  const Transaction& t = *se.txn;
  v.ui.icon(Icon::tick, screen_w / 2, 110, 60, v.theme().success);
  float y = 190;
  const float th = v.ui.text_height(v.tr("done.title"), FontRole::title, content_w);
  v.ui.text({margin, y, content_w, th}, v.tr("done.title"), FontRole::title, v.theme().success, Align::centre);
  y += th + 12;
  std::string until = v.tr("receipt.valid_until") + " " + format_date(t.new_expiry, se.lang);
  if (const Plan* plan = chosen_plan(v.s)) until = plan->name + "\n" + until;
  const float uh = v.ui.text_height(until, FontRole::button, content_w);
  v.ui.text({margin, y, content_w, uh}, until, FontRole::button, v.theme().text, Align::centre);
  y += uh + 8;
  const std::string confirmation = v.fmt("done.confirmation", {{"id", t.confirmation_id}});
  const float ch = v.ui.text_height(confirmation, FontRole::hint, content_w);
  v.ui.text({margin, y, content_w, ch}, confirmation, FontRole::hint, v.theme().text_muted, Align::centre);
  draw_no_receipt(v, y + ch + 36);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace

void draw_done(const View& v) {
  const Session& se = v.s.session;
  if (!se.txn) return;
  const Transaction& t = *se.txn;
  if (t.receipt_failed) return draw_done_without_receipt(v);
  const Plan* plan = chosen_plan(v.s);
  v.ui.icon(Icon::tick, screen_w / 2, 160, 90, v.theme().success);
  const float th = v.ui.text_height(v.tr("done.title"), FontRole::title, content_w);
  v.ui.text({margin, 275, content_w, th}, v.tr("done.title"), FontRole::title, v.theme().success, Align::centre);
  // Until when: the one fact people come back for, the largest on the screen.
  float y = 275 + th + 24;
  const std::string until = v.tr("receipt.valid_until");
  const float uh = v.ui.text_height(until, FontRole::body, content_w);
  v.ui.text({margin, y, content_w, uh}, until, FontRole::body, v.theme().text, Align::centre);
  y += uh;
  v.ui.text({margin, y, content_w, v.ui.line_height(FontRole::digits)}, format_date(t.new_expiry, se.lang),
            FontRole::digits, v.theme().text, Align::centre);
  y += v.ui.line_height(FontRole::digits);
  if (plan) {
    const float ph = v.ui.text_height(plan->name, FontRole::button, content_w);
    v.ui.text({margin, y, content_w, ph}, plan->name, FontRole::button, v.theme().text, Align::centre);
    y += ph;
  }
  y += 20;
  std::string body = v.fmt("done.confirmation", {{"id", t.confirmation_id}});
  body += "\n" + v.fmt("done.reference", {{"reference", t.reference}});
  body += "\n" + v.fmt("done.reprint_code", {{"code", reprint_code(t.reference)}});
  const bool printing = se.want_receipt && receipt_printable(v.s);
  std::string notes;
  if (printing) notes += v.tr("done.receipt");
  if (se.want_sms) notes += (notes.empty() ? "" : "\n") + v.tr("done.sms");
  notes += (notes.empty() ? "" : "\n") + v.tr("done.thanks");
  // The references and notes in the body size, or the hint size where that would run into the
  // button (long languages in large text).
  FontRole role = FontRole::body;
  const auto needed = [&](FontRole r) {
    return v.ui.text_height(body, r, content_w - 80) + 56 + 28 + v.ui.text_height(notes, r, content_w);
  };
  if (y + needed(role) > action_y - 10) role = FontRole::hint;
  const Rect box{margin, y, content_w, 0};
  const float bh = v.ui.text_height(body, role, content_w - 80);
  v.ui.panel({box.x, box.y, box.w, bh + 56}, v.theme().surface, true);
  v.ui.text({box.x + 40, box.y + 28, box.w - 80, bh}, body, role, v.theme().text);
  y = box.y + bh + 56 + 28;
  const float nh = v.ui.text_height(notes, role, content_w);
  v.ui.text({margin, y, content_w, std::min(nh, action_y - y - 10)}, notes, role, v.theme().text, Align::centre);
  y += nh;
  // A receipt coming out: the slip, and an arrow down towards the printer's slot under the
  // screen, in the room left above the button.
  if (printing) draw_receipt_pointer(v, y + 20, action_y - 30);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
