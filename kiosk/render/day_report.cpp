#include "day_report.hpp"

#include "core/money.hpp"
#include "receipt_pen.hpp"

namespace kiosk {

ReceiptPicture layout_day_report(const DayReport& r, const Catalog& words, TextPainter& painter, int width_dots) {
  const auto say = [&words](std::string_view key) -> const std::string& { return words.text(key); };
  const auto euros = [&words](long long cents) { return format_money(static_cast<Cents>(cents), words.lang()); };
  const auto method = [&words](const std::string& m) {
    return m == "card" || m == "wallet" ? words.text("svc.method." + m) : m;
  };
  ReceiptPicture out;
  out.paper = Raster(width_dots, 0);
  const PaperType type = paper_type(width_dots);
  const int body = type.body, small = type.small;
  Pen pen(out.paper, painter, type.margin, false);
  technician_page_head(pen, type, say("page.end_of_day"), say("page.kiosk"), r.location, r.kiosk_id);
  pen.row(say("page.printed"), r.printed_at, body);
  pen.row(say("page.from"), r.from, small);
  pen.row(say("page.to"), r.to, small);
  pen.rule();

  // The card money both sides saw; the terminal's closing is the bank's truth.
  const long long journal_card = r.card_taken_cents - r.card_returned_cents;
  pen.paragraph(say("page.card_payments"), body, true);
  switch (r.terminal) {
    case DayReport::Terminal::closed: pen.row(say("page.terminal"), say("page.terminal.closed"), body); break;
    case DayReport::Terminal::failed: pen.row(say("page.terminal"), say("page.terminal.failed"), body, true); break;
    case DayReport::Terminal::no_closing: pen.row(say("page.terminal"), say("page.terminal.none"), body); break;
  }
  if (r.terminal_total_cents >= 0) pen.row(say("page.terminal_total"), euros(r.terminal_total_cents), body);
  pen.row(say("page.journal_total"), euros(journal_card), body);
  pen.row("  " + say("page.taken"), euros(r.card_taken_cents), small);
  pen.row("  " + say("page.given_back"), euros(-r.card_returned_cents), small);
  if (r.terminal_total_cents >= 0) {
    const long long difference = r.terminal_total_cents - journal_card;
    pen.row(say("page.difference"), euros(difference), body, true);
    if (difference != 0)
      pen.paragraph(say("page.difference_note"), body, true);
  }
  pen.rule();

  pen.paragraph(say("page.delivered"), body, true);
  if (r.lines.empty()) pen.paragraph(say("page.none"), body);
  long long delivered = 0;
  for (const DayReport::Line& l : r.lines) {
    pen.row(l.brand + " · " + method(l.method) + " · " + std::to_string(l.renewals) + "×", euros(l.cents), body);
    delivered += l.cents;
  }
  pen.row(say("page.total"), euros(delivered), body, true);
  pen.rule();
  pen.row(say("page.wallet_taken"), euros(r.wallet_taken_cents), body);
  pen.row(say("page.wallet_given_back"), euros(-r.wallet_returned_cents), body);
  pen.row(say("page.payments_given_back"), std::to_string(r.returned), body);
  pen.row(say("page.unsettled"), std::to_string(r.unsettled), body, r.unsettled > 0);
  if (r.unsettled > 0) pen.paragraph(say("page.unsettled_note"), small);
  pen.space(8);
  pen.paragraph("v" + r.version, small, false, true);
  pen.space(40);  // room before the cutter
  return out;
}

}  // namespace kiosk
