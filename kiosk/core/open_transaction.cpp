#include "open_transaction.hpp"

#include <algorithm>
#include <charconv>

#include "state.hpp"

namespace kiosk {

namespace {

std::string field(const JournalRecord& r, const char* key) {
  const auto it = r.fields.find(key);
  return it == r.fields.end() ? std::string() : it->second;
}

template <typename Int>
Int number_field(const JournalRecord& r, const char* key) {
  const std::string text = field(r, key);
  Int value{};
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// The customer's receipt as the journal lets us rebuild it: masked data only.
ReceiptData receipt_from(const JournalRecord& r, const KioskSettings& settings) {
  ReceiptData out;
  out.lang = parse_lang(field(r, "lang")).value_or(settings.default_lang);
  out.kiosk_id = settings.kiosk_id;
  out.location = settings.location;
  out.support_phone = settings.support_phone;
  out.brand = parse_brand(field(r, "brand")).value_or(Brand::proximus);
  out.number_masked = field(r, "number");
  out.plan_name = field(r, "plan_name");
  out.months = std::max(1, number_field<int>(r, "months"));
  out.valid_until = parse_iso_date(field(r, "valid_until")).value_or(CivilDate{});
  out.amount = number_field<Cents>(r, "amount_cents");
  out.method = field(r, "method") == "wallet" ? PayMethod::wallet : PayMethod::card;
  out.payment.receipt_no = number_field<std::uint32_t>(r, "receipt_no");
  out.payment.card_type = field(r, "card_type");
  out.payment.pan_masked = mask_pan(field(r, "pan_masked"));
  out.payment.terminal_id = field(r, "terminal_id");
  out.payment.trace = number_field<std::uint32_t>(r, "trace");
  out.payment.auth_code = field(r, "auth_code");
  out.reference = r.reference;
  out.reprint_code = reprint_code(r.reference);
  out.confirmation_id = field(r, "confirmation_id");
  return out;
}

}  // namespace

std::optional<OpenTransaction> open_transaction_from(const JournalRecord& r, const KioskSettings& settings) {
  const auto has = [&](JournalStep step) { return std::find(r.steps.begin(), r.steps.end(), step) != r.steps.end(); };
  using S = JournalStep;
  if (has(S::settled) || !has(S::intent)) return std::nullopt;

  OpenTransaction t;
  t.reference = r.reference;
  t.receipt = receipt_from(r, settings);
  t.amount = t.receipt.amount;
  t.plan_id = field(r, "plan");
  t.method = t.receipt.method;
  t.money_taken = has(S::payment_approved) && !has(S::reversed);
  if (auto n = parse_mobile(r.number); const auto* m = std::get_if<MobileNumber>(&n)) t.number = *m;

  using N = OpenTransaction::Need;
  if (has(S::delivery_requested) && !has(S::delivered) && !has(S::delivery_failed)) {
    t.need = N::delivery_outcome;  // whatever else happened, the gateway may have delivered
  } else if (has(S::reversed)) {
    t.need = N::close;
    t.receipt.kind = ReceiptData::Kind::refund;
  } else if (has(S::delivered)) {
    t.need = N::close;
    t.receipt.kind = ReceiptData::Kind::renewal;
    t.receipt.valid_until = parse_iso_date(field(r, "new_expiry")).value_or(t.receipt.valid_until);
  } else if (has(S::payment_approved)) {
    t.need = N::give_back;
  } else if (has(S::payment_started) && !has(S::payment_failed)) {  // payment_unknown included
    t.need = N::payment_outcome;
  } else {
    t.need = N::close;  // declined, or stopped before the terminal was asked: nothing was taken
    t.receipt.kind = ReceiptData::Kind::not_charged;
  }
  return t;
}

std::int64_t recovery_backoff_ms(int attempts) {
  constexpr std::int64_t first = 1000, cap = 60000;
  std::int64_t d = first;
  for (int i = 1; i < attempts && d < cap; ++i) d *= 2;
  return std::min(d, cap);
}

}  // namespace kiosk
