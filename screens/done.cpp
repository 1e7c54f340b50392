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
  std::string body = v.fmt("done.confirmation", {{"id", t.confirmation_id}});
  body += "\n" + v.fmt("done.reference", {{"reference", t.reference}});
  body += "\n" + v.fmt("done.reprint_code", {{"code", reprint_code(t.reference)}});
  const bool printing = se.want_receipt && receipt_printable(v.s);
  std::string notes;
  if (printing) notes += v.tr("done.receipt");
  if (se.want_sms) notes += (notes.empty() ? "" : "\n") + v.tr("done.sms");
  notes += (notes.empty() ? "" : "\n") + v.tr("done.thanks");
  // The reminder before the new plan ends, above the actions: offered on a button, then said.
  const std::string reminder_date_text = format_date(reminder_date(v.s), se.lang);
  const bool offer = !se.reminder_asked && reminder_offered(v.s);
  const std::string reminder = se.reminder_asked ? v.fmt("done.reminder_set", {{"date", reminder_date_text}})
                               : offer           ? v.fmt("done.reminder_offer", {{"date", reminder_date_text}})
                                                 : std::string();
  FontRole reminder_role = FontRole::body;
  if (offer && v.ui.text_width(reminder, FontRole::button) <= content_w - 60) reminder_role = FontRole::button;
  const float reminder_h = offer              ? button_h
                           : reminder.empty() ? 0
                                              : v.ui.text_height(reminder, reminder_role, content_w);
  const float limit = action_y - 10 - (reminder.empty() ? 0 : reminder_h + 24);

  // The picture and title smaller, then the references and notes a size smaller, where all
  // would not fit above the actions (long languages in large text).
  const std::string& title = v.tr("done.title");
  const std::string until = v.tr("receipt.valid_until");
  const float th = v.ui.text_height(title, FontRole::title, content_w);
  const float uh = v.ui.text_height(until, FontRole::body, content_w);
  const float ph = plan ? v.ui.text_height(plan->name, FontRole::button, content_w) : 0;
  const auto needed = [&](FontRole r) {
    return v.ui.text_height(body, r, content_w - 80) + 56 + 28 + v.ui.text_height(notes, r, content_w);
  };
  const auto head_h = [&](bool compact) {
    return (compact ? 190.0f : 275.0f) + th + 24 + uh + v.ui.line_height(FontRole::digits) + ph + 20;
  };
  bool compact = false;
  FontRole role = FontRole::body;
  if (head_h(false) + needed(role) > limit) compact = true;
  if (head_h(true) + needed(role) > limit) role = FontRole::hint;

  v.ui.icon(Icon::tick, screen_w / 2, compact ? 110 : 160, compact ? 60 : 90, v.theme().success);
  float y = compact ? 190 : 275;
  v.ui.text({margin, y, content_w, th}, title, FontRole::title, v.theme().success, Align::centre);
  // Until when: the one fact people come back for, the largest on the screen.
  y += th + 24;
  v.ui.text({margin, y, content_w, uh}, until, FontRole::body, v.theme().text, Align::centre);
  y += uh;
  v.ui.text({margin, y, content_w, v.ui.line_height(FontRole::digits)}, format_date(t.new_expiry, se.lang),
            FontRole::digits, v.theme().text, Align::centre);
  y += v.ui.line_height(FontRole::digits);
  if (plan) {
    v.ui.text({margin, y, content_w, ph}, plan->name, FontRole::button, v.theme().text, Align::centre);
    y += ph;
  }
  y += 20;
  const Rect box{margin, y, content_w, 0};
  const float bh = v.ui.text_height(body, role, content_w - 80);
  v.ui.panel({box.x, box.y, box.w, bh + 56}, v.theme().surface, true);
  v.ui.text({box.x + 40, box.y + 28, box.w - 80, bh}, body, role, v.theme().text);
  y = box.y + bh + 56 + 28;
  const float nh = v.ui.text_height(notes, role, content_w);
  v.ui.text({margin, y, content_w, std::min(nh, limit - y)}, notes, role, v.theme().text, Align::centre);
  y += nh;
  if (y > limit + 1) v.ui.overflow(notes);
  float bottom = action_y - 30;
  if (!reminder.empty()) {
    bottom = action_y - 24 - reminder_h;
    if (offer) {
      if (v.ui.button("reminder", {margin, bottom, content_w, button_h}, reminder, ButtonKind::secondary, true, {},
                      reminder_role))
        v.emit(ev::ReminderAsked{});
    } else {
      v.ui.text({margin, bottom, content_w, reminder_h}, reminder, reminder_role, v.theme().text, Align::centre);
    }
    bottom -= 20;
  }
  // A receipt coming out: the slip, and an arrow down towards the printer's slot under the
  // screen, in the room left above the reminder and the button.
  if (printing) draw_receipt_pointer(v, y + 20, bottom);
  v.actions(nullptr, "", ev::FinishPressed{}, "finish", v.tr("app.finish"), ev::FinishPressed{});
}

}  // namespace kiosk::ui
