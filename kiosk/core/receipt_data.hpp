#pragma once
#include <string>
#include <string_view>

#include "brand.hpp"
#include "civil_date.hpp"
#include "lang.hpp"
#include "money.hpp"
#include "payment.hpp"

namespace kiosk {

// Everything a receipt shows (domain.md), as data; drivers lay it out for paper.
// The number is masked here already: a receipt never holds a full number.
struct ReceiptData {
  // pending: paid, delivery not confirmed yet; not_charged: a payment the kiosk lost track of
  // (it stopped), found not to have been taken
  enum class Kind { renewal, refund, pending, not_charged };
  Kind kind = Kind::renewal;
  bool merchant_copy = false;  // the kiosk operator's copy, where configured
  // A receipt printed again: "Copy, printed again on …" in the language of the session that
  // asked for it (the rest stays in the original's language, as it was); empty on an original.
  std::string copy_note;
  Lang lang = Lang::en;
  std::string kiosk_id;
  std::string location;
  std::string support_phone;
  std::string software_version;   // the kiosk's, in the footer: which software printed it
  std::string timestamp;          // local date and time, formatted by the app
  Brand brand;
  std::string brand_name;         // as the catalog named it when the receipt was made
  std::string number_masked;
  std::string plan_name;
  int months = 1;
  CivilDate valid_until;
  Cents amount = 0;
  // The price as the summary itemised it, for a renewal paid in this session (all 0 where
  // there is none to show: a refund, a receipt made by recovery): plan × months, the
  // promotions' discount, the reactivation fee, and the bonus credited to the number.
  Cents price = 0;
  Cents discount = 0;
  Cents reactivation_fee = 0;
  Cents bonus_credit = 0;
  PayMethod method = PayMethod::card;
  PaymentReceipt payment;
  std::string reference;
  std::string reprint_code;       // six digits: "reprint a receipt" on the kiosk
  std::string confirmation_id;    // the operator's, empty on a refund
};

// The operator as the receipt names it: as the catalog did when it was made, else by its id.
inline const std::string& receipt_brand_name(const ReceiptData& r) {
  return r.brand_name.empty() ? r.brand.id : r.brand_name;
}

// The SMS that tells the outcome of a receipt of this kind: the journal's and the gateway's
// name for it (one SMS per reference and kind).
constexpr std::string_view sms_kind(ReceiptData::Kind kind) {
  switch (kind) {
    case ReceiptData::Kind::refund: return "refund";
    case ReceiptData::Kind::not_charged: return "not_charged";
    case ReceiptData::Kind::renewal:
    case ReceiptData::Kind::pending: break;
  }
  return "confirmation";
}

}  // namespace kiosk
