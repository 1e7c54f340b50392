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

// Reads what the journal holds of a transaction, and notes the first field that is there but
// cannot be read: a damaged record must never become 0 cents or another brand.
struct Reader {
  const JournalRecord& r;
  std::string damaged;  // "amount_cents='12x'"; empty while every field read well

  void note(const char* key) {
    if (damaged.empty()) damaged = std::string(key) + "='" + field(r, key) + "'";
  }
  template <typename Int>
  Int number(const char* key, Int fallback = Int{}) {
    const auto it = r.fields.find(key);
    if (it == r.fields.end()) return fallback;
    const std::string& text = it->second;
    Int value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) {
      note(key);
      return fallback;
    }
    return value;
  }
  // The provider's handle (empty: it gave none); a journal from before handles were opaque
  // kept a receipt number.
  std::string provider_ref() {
    if (r.fields.count("provider_ref")) {
      const std::string ref = field(r, "provider_ref");
      if (!ref.empty() && !valid_provider_ref(ref)) note("provider_ref");
      return ref;
    }
    if (!r.fields.count("receipt_no")) return {};
    const auto receipt = number<std::uint32_t>("receipt_no");
    return receipt ? std::to_string(receipt) : std::string();
  }
  std::optional<CivilDate> date(const char* key) {
    if (!r.fields.count(key)) return std::nullopt;
    auto d = parse_iso_date(field(r, key));
    if (!d) note(key);
    return d;
  }
};

// The customer's receipt as the journal lets us rebuild it: masked data only.
ReceiptData receipt_from(Reader& in, const KioskSettings& settings) {
  const JournalRecord& r = in.r;
  ReceiptData out;
  out.lang = parse_lang(field(r, "lang")).value_or(settings.default_lang);
  out.kiosk_id = settings.kiosk_id;
  out.location = settings.location;
  out.support_phone = settings.support_phone;
  out.software_version = settings.software_version;
  const auto brand = parse_brand(field(r, "brand"));
  if (!brand) in.note("brand");
  out.brand = brand.value_or(Brand{});
  out.number_masked = field(r, "number");
  out.plan_name = field(r, "plan_name");
  out.months = in.number<int>("months", 1);
  if (out.months < 1) in.note("months");
  out.valid_until = in.date("valid_until").value_or(CivilDate{});
  if (!r.fields.count("amount_cents")) in.note("amount_cents");
  out.amount = in.number<Cents>("amount_cents");
  const std::string method = field(r, "method");
  if (method != "card" && method != "wallet") in.note("method");
  out.method = method == "wallet" ? PayMethod::wallet : PayMethod::card;
  out.payment.provider_ref = in.provider_ref();
  out.payment.card_type = field(r, "card_type");
  out.payment.pan_masked = mask_pan(field(r, "pan_masked"));
  out.payment.terminal_id = field(r, "terminal_id");
  out.payment.trace = in.number<std::uint32_t>("trace");
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
  // Settled, unless money was taken after that (an approval that came after a cancel).
  const auto last_settled = std::find(r.steps.rbegin(), r.steps.rend(), S::settled);
  const bool reopened = last_settled != r.steps.rend() &&
                        std::find(r.steps.rbegin(), last_settled, S::payment_approved) != last_settled;
  if ((has(S::settled) && !reopened) || !has(S::intent)) return std::nullopt;

  OpenTransaction t;
  t.reference = r.reference;
  Reader in{r, {}};
  t.receipt = receipt_from(in, settings);
  t.amount = t.receipt.amount;
  t.plan_id = field(r, "plan");
  // Delivered: the operator's new expiry, when the step recorded one (else the quoted one).
  if (has(S::delivered)) t.receipt.valid_until = in.date("new_expiry").value_or(t.receipt.valid_until);
  if (!in.damaged.empty()) {
    // Nothing is asked or given back on a guess: a person reads the journal.
    t.need = OpenTransaction::Need::technician;
    t.damaged = in.damaged;
    return t;
  }
  t.method = t.receipt.method;
  t.money_taken = has(S::payment_approved) && !has(S::reversed);
  if (auto n = parse_mobile(r.number); const auto* m = std::get_if<MobileNumber>(&n)) t.number = *m;

  using N = OpenTransaction::Need;
  if (reopened) {  // the customer was told nothing was charged: the late money goes back
    t.money_taken = true;
    t.need = N::give_back;
    return t;
  }
  if (has(S::delivery_requested) && !has(S::delivered) && !has(S::delivery_failed)) {
    t.need = N::delivery_outcome;  // whatever else happened, the gateway may have delivered
  } else if (has(S::reversed)) {
    t.need = N::close;
    t.receipt.kind = ReceiptData::Kind::refund;
  } else if (has(S::delivered)) {
    t.need = N::close;
    t.receipt.kind = ReceiptData::Kind::renewal;
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

int seconds_to_next_try(const OpenTransaction& t, std::int64_t now_ms) {
  if (t.in_flight || t.need == OpenTransaction::Need::technician) return -1;
  return static_cast<int>(std::max<std::int64_t>(0, (t.next_try_ms - now_ms + 999) / 1000));
}

std::string_view open_need_name(OpenTransaction::Need need) {
  switch (need) {
    case OpenTransaction::Need::payment_outcome: return "payment_outcome";
    case OpenTransaction::Need::delivery_outcome: return "delivery_outcome";
    case OpenTransaction::Need::give_back: return "give_back";
    case OpenTransaction::Need::close: return "close";
    case OpenTransaction::Need::technician: return "technician";
  }
  return "?";
}

}  // namespace kiosk
