#include "day_report.hpp"

#include "core/brand.hpp"
#include "core/money.hpp"
#include "receipt_pen.hpp"

namespace kiosk {

namespace {

std::string euros(long long cents) { return format_money(static_cast<Cents>(cents), Lang::en); }

std::string brand_label(const std::string& id) {
  const std::optional<Brand> b = parse_brand(id);
  return b ? std::string(brand_name(*b)) : id;
}

}  // namespace

ReceiptPicture layout_day_report(const DayReport& r, TextPainter& painter, int width_dots) {
  ReceiptPicture out;
  out.paper = Raster(width_dots, 0);
  const PaperType type = paper_type(width_dots);
  const int body = type.body, small = type.small;
  Pen pen(out.paper, painter, type.margin, false);
  technician_page_head(pen, type, "END OF DAY", r.location, r.kiosk_id);
  pen.row("Printed", r.printed_at, body);
  pen.row("From", r.from, small);
  pen.row("To", r.to, small);
  pen.rule();

  // The card money both sides saw; the terminal's closing is the bank's truth.
  const long long journal_card = r.card_taken_cents - r.card_returned_cents;
  pen.paragraph("Card payments", body, true);
  switch (r.terminal) {
    case DayReport::Terminal::closed: pen.row("Terminal", "closed", body); break;
    case DayReport::Terminal::failed: pen.row("Terminal", "NOT CLOSED", body, true); break;
    case DayReport::Terminal::no_closing: pen.row("Terminal", "no day closing", body); break;
  }
  if (r.terminal_total_cents >= 0) pen.row("Terminal total", euros(r.terminal_total_cents), body);
  pen.row("Journal total", euros(journal_card), body);
  pen.row("  taken", euros(r.card_taken_cents), small);
  pen.row("  given back", euros(-r.card_returned_cents), small);
  if (r.terminal_total_cents >= 0) {
    const long long difference = r.terminal_total_cents - journal_card;
    pen.row("Difference", euros(difference), body, true);
    if (difference != 0)
      pen.paragraph("DIFFERENCE: compare the terminal's journal with kioskctl journal list before the next day", body,
                    true);
  }
  pen.rule();

  pen.paragraph("Renewals delivered", body, true);
  if (r.lines.empty()) pen.paragraph("none", body);
  long long delivered = 0;
  for (const DayReport::Line& l : r.lines) {
    pen.row(brand_label(l.brand) + " · " + l.method + " · " + std::to_string(l.renewals) + "×", euros(l.cents), body);
    delivered += l.cents;
  }
  pen.row("Total", euros(delivered), body, true);
  pen.rule();
  pen.row("Wallet taken", euros(r.wallet_taken_cents), body);
  pen.row("Wallet given back", euros(-r.wallet_returned_cents), body);
  pen.row("Payments given back", std::to_string(r.returned), body);
  pen.row("Not settled yet", std::to_string(r.unsettled), body, r.unsettled > 0);
  if (r.unsettled > 0) pen.paragraph("Recovery is still finishing these: see kioskctl status.", small);
  pen.space(8);
  pen.paragraph("v" + r.version, small, false, true);
  pen.space(40);  // room before the cutter
  return out;
}

}  // namespace kiosk
