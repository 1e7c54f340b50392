// Everything repeated back before paying: the number large, the final price, receipt choices.
#include <algorithm>

#include "rows.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_summary(const View& v) {
  const Session& se = v.s.session;
  if (!se.quote || !se.number || !se.brand) return;
  const Quote& q = *se.quote;
  const Lang lang = se.lang;
  const Plan* plan = chosen_plan(v.s);
  float y = v.heading(v.tr("summary.title"), v.tr("summary.check_number"));
  // The number large enough to check at a glance; the amount below is the largest figure.
  const float nh = v.ui.line_height(FontRole::title);
  v.ui.text({margin, y, content_w, nh}, shown_number(se), FontRole::title, v.theme().text, Align::centre);
  y += nh + 10;
  std::vector<Row> rows{
      {v.tr("summary.operator"), brand_name(v.s, *se.brand)},
      {v.tr("summary.plan"), plan ? plan->name : ""},
      {v.tr("summary.duration"), months_label(v.t, se.months)},
      {v.tr("summary.valid"),
       v.fmt("summary.valid_range", {{"from", format_date(q.valid_from, lang)}, {"until", format_date(q.valid_until, lang)}})},
      {v.tr("summary.price"), format_money(q.base, lang)}};
  if (q.discount > 0) rows.push_back({v.tr("summary.discount"), format_money(-q.discount, lang)});
  if (q.reactivation_fee > 0) rows.push_back({v.tr("summary.fee"), format_money(q.reactivation_fee, lang)});
  if (q.bonus_credit > 0) rows.push_back({v.tr("summary.bonus"), format_money(q.bonus_credit, lang)});
  // What will be charged, in the digit size: the one figure nobody should miss.
  rows.push_back({v.tr("summary.total"), format_money(q.total, lang), true, true});
  y = draw_rows(v, y, rows) + (v.large() ? 16 : 24);

  const bool printable = receipt_printable(v.s);
  const float gap = 30, w = (content_w - gap) / 2;
  const std::string yes = v.tr("summary.yes"), no = v.tr("summary.no");
  // Tall enough for the longer label with its state in every language and text size.
  const float words_w = Ui::toggle_words_width(w);
  float h = 150;
  for (const char* key : {"summary.receipt", "summary.sms"})
    for (const char* state : {"summary.yes", "summary.printer_unavailable"})
      h = std::max(h, v.ui.text_height(v.tr(key), FontRole::button, words_w) +
                          v.ui.text_height(v.tr(state), FontRole::body, words_w) + 24);
  if (v.ui.toggle("rcpt_print", {margin, y, w, h}, v.tr("summary.receipt"), printable && se.want_receipt,
                  !printable ? v.tr("summary.printer_unavailable") : se.want_receipt ? yes : no, printable))
    v.emit(ev::ReceiptToggled{});
  if (v.ui.toggle("rcpt_sms", {margin + w + gap, y, w, h}, v.tr("summary.sms"), se.want_sms, se.want_sms ? yes : no))
    v.emit(ev::SmsToggled{});
  if (y + h > action_y - 10) v.ui.overflow("summary: the receipt choices run into the buttons");
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, "confirm", v.tr("summary.confirm"),
            ev::SummaryConfirmed{});
}

}  // namespace kiosk::ui
