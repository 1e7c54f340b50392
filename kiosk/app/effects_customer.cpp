// Effects that reach the customer after the fact: the receipt (and its copy in the journal, for
// a reprint by code) and the SMS, queued in the journal's outbox.
#include "gateway/service.hpp"
#include "hal/receipt_printer.hpp"
#include "journal/journal.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"
#include "render/receipt_layout.hpp"
#include "render/text_painter.hpp"

namespace kiosk::app {

namespace {

std::string sms_text(const Catalog& t, const ReceiptData& r) {
  if (r.kind == ReceiptData::Kind::refund)
    return t.format("sms.refund", {{"amount", format_money(r.amount, r.lang)}, {"reference", r.reference}});
  if (r.kind == ReceiptData::Kind::not_charged) return t.format("sms.not_charged", {{"reference", r.reference}});
  std::string text = t.format("sms.confirmation", {{"brand", receipt_brand_name(r)},
                                                   {"plan", r.plan_name},
                                                   {"date", format_date(r.valid_until, r.lang)},
                                                   {"reference", r.reference},
                                                   {"code", r.reprint_code}});
  // The promotion the gateway credited with the renewal, said where the customer will look.
  if (r.bonus_credit > 0) text += " " + t.format("sms.bonus", {{"amount", format_money(r.bonus_credit, r.lang)}});
  return text;
}

}  // namespace

void KioskApp::print_receipt(const ReceiptData& data) {
  TextPainter* text = painter();
  if (!text) {  // no fonts: the print fails like a printer fault, and the customer is told
    queue_.post(ev::ReceiptPrinted{data.reference, false});
    return;
  }
  devices_.printer->print(data.reference, layout_receipt(data, catalogs_[data.lang], *text, devices_.printer->width_dots()));
}

bool KioskApp::handle(const fx::RequestReceipt& rc) {
  ReceiptData data = rc.receipt;
  data.timestamp = local_timestamp(data.lang);
  // Kept first, so that it can be printed again even if this print fails.
  std::string err;
  if (journal_ && !journal_->save_receipt(data, &err)) log_warn(err);
  ++receipts_printed_;
  print_receipt(data);
  if (config_.printer_merchant_copy) {
    data.merchant_copy = true;
    print_receipt(data);
  }
  return true;
}

bool KioskApp::handle(const fx::RequestSms& s) {
  // Into the outbox, durable before the step after it (often "settled") is journaled; the
  // outbox sender hands it over, and the gateway keeps one per reference and kind.
  const std::string kind(sms_kind(s.receipt.kind));
  const std::string payload =
      gateway::sms_payload(s.receipt.reference, kind, s.number, sms_text(catalogs_[s.receipt.lang], s.receipt));
  std::string err = "journal unavailable";
  if (!journal_ || !journal_->enqueue({0, s.receipt.reference + ":sms:" + kind, "sms", payload, 0, 0}, &err))
    log_warn("sms for " + s.receipt.reference + " not queued: " + err);
  return true;
}

bool KioskApp::handle(const fx::RequestReminder& rm) {
  // The text is written now, in the session's language; the gateway keeps it until it is due.
  const ReceiptData& r = rm.receipt;
  const std::string text = catalogs_[r.lang].format(
      "sms.reminder", {{"brand", receipt_brand_name(r)}, {"date", format_date(r.valid_until, r.lang)}});
  const std::string payload =
      gateway::reminder_payload(r.reference, r.brand, rm.number, r.valid_until, lang_code(r.lang), rm.days_before, text);
  std::string err = "journal unavailable";
  if (!journal_ || !journal_->enqueue({0, r.reference + ":reminder", "reminder", payload, 0, 0}, &err))
    log_warn("reminder for " + r.reference + " not queued: " + err);
  else log_info("reminder for " + r.reference + " queued, " + std::to_string(rm.days_before) + " days before the end");
  return true;
}

bool KioskApp::handle(const fx::RequestReprint& rp) {
  std::optional<ReceiptData> data = journal_ ? journal_->find_receipt(rp.code) : std::nullopt;
  const bool can_print = printer_can_print(devices_.printer->status());
  if (data && can_print) {
    data->copy_note = catalogs_[rp.lang].format("receipt.copy", {{"date", local_timestamp(rp.lang)}});
    ++receipts_printed_;
    print_receipt(*data);
    log_info("reprint " + data->reference);
  }
  queue_.post(ev::ReprintFinished{data.has_value(), data.has_value() && can_print});
  return true;
}

}  // namespace kiosk::app
