#include "receipt_layout.hpp"

#include "qr.hpp"
#include "receipt_pen.hpp"

namespace kiosk {

ReceiptPicture layout_receipt(const ReceiptData& r, const Catalog& t, TextPainter& painter, int width_dots) {
  ReceiptPicture out;
  Raster& paper = out.paper;
  paper = Raster(width_dots, 0);
  const PaperType type = paper_type(width_dots);
  const int body = type.body, small = type.small, title = type.title;
  Pen pen(paper, painter, type.margin, is_rtl(r.lang));
  const bool refund = r.kind == ReceiptData::Kind::refund;
  const bool pending = r.kind == ReceiptData::Kind::pending;
  const bool not_charged = r.kind == ReceiptData::Kind::not_charged;
  const bool renewal = r.kind == ReceiptData::Kind::renewal;

  pen.space(12);
  pen.paragraph(t.text(refund        ? "receipt.refund_title"
                       : pending     ? "receipt.pending_title"
                       : not_charged ? "receipt.not_charged_title"
                                     : "receipt.title"),
                title, true, true);
  if (r.merchant_copy) pen.paragraph(t.text("receipt.merchant_copy"), body, true, true);
  if (!r.copy_note.empty()) pen.paragraph(r.copy_note, body, true, true);
  pen.space(6);
  pen.paragraph(r.location, small, false, true);
  pen.paragraph(t.text("receipt.kiosk") + " " + r.kiosk_id, small, false, true);
  pen.rule();

  pen.row(t.text("receipt.date"), r.timestamp, body);
  pen.row(t.text("receipt.operator"), receipt_brand_name(r), body);
  pen.row(t.text("receipt.number"), r.number_masked, body);
  pen.row(t.text("receipt.plan"), r.plan_name, body);
  pen.row(t.text("receipt.duration"), t.count("plans.months", r.months), body);
  if (renewal) pen.row(t.text("receipt.valid_until"), format_date(r.valid_until, r.lang), body);
  pen.rule();

  // What the amount is made of, as the summary showed it; the bonus is not deducted but added
  // to the number's balance.
  if (r.price > 0 && (renewal || pending)) {
    pen.row(t.text("receipt.plan") + " × " + t.count("plans.months", r.months), format_money(r.price, r.lang), body);
    if (r.discount > 0) pen.row(t.text("summary.discount"), format_money(-r.discount, r.lang), body);
    if (r.reactivation_fee > 0) pen.row(t.text("summary.fee"), format_money(r.reactivation_fee, r.lang), body);
    if (r.bonus_credit > 0) pen.row(t.text("summary.bonus"), "+" + format_money(r.bonus_credit, r.lang), body);
    pen.space(4);
  }
  // Nothing was charged: no amount to show, so that nobody reads one as paid.
  if (!not_charged) pen.row(t.text(refund ? "receipt.refunded" : "receipt.amount"), format_money(r.amount, r.lang), title, true);
  pen.space(6);
  // A wallet is named by its brand when it gave one ("Bancontact Pay"), a card by its kind.
  const bool named_wallet = r.method == PayMethod::wallet && !r.payment.card_type.empty();
  pen.row(t.text("receipt.payment"),
          named_wallet ? r.payment.card_type
                       : t.text(r.method == PayMethod::card ? "receipt.method.card" : "receipt.method.wallet"),
          body);
  if (!r.payment.pan_masked.empty())
    pen.row(t.text("receipt.card"), r.payment.card_type + " " + r.payment.pan_masked, small);
  if (!r.payment.terminal_id.empty()) pen.row(t.text("receipt.terminal"), r.payment.terminal_id, small);
  if (r.payment.trace) pen.row(t.text("receipt.trace"), std::to_string(r.payment.trace), small);
  if (!r.payment.auth_code.empty()) pen.row(t.text("receipt.auth"), r.payment.auth_code, small);
  for (const std::string& line : r.payment.terminal_lines) pen.paragraph(line, small);
  pen.rule();

  if (!renewal) {
    pen.paragraph(t.text(refund ? "receipt.refund_note" : pending ? "receipt.pending_note" : "receipt.not_charged_note"),
                  body, true);
    pen.space(10);
  } else {
    pen.row(t.text("receipt.confirmation"), r.confirmation_id, body, true);
  }
  pen.row(t.text("receipt.reference"), r.reference, small);
  if (!r.reprint_code.empty()) pen.row(t.text("receipt.reprint_code"), r.reprint_code, small);
  pen.space(12);
  out.qr_data = r.reference;
  out.qr_module = type.qr_module;
  out.qr_top = pen.y();
  pen.image(qr_raster(out.qr_data, out.qr_module));
  out.qr_height = pen.y() - out.qr_top;
  pen.space(8);
  pen.paragraph(t.format("receipt.support", {{"phone", r.support_phone}}), body, false, true);
  pen.paragraph(t.text("receipt.thanks"), body, true, true);
  if (!r.software_version.empty()) pen.paragraph("v" + r.software_version, small, false, true);
  pen.space(40);  // room before the cutter
  return out;
}

}  // namespace kiosk
