#pragma once
#include <string>
#include <variant>

#include "brand.hpp"
#include "journal_step.hpp"
#include "lang.hpp"
#include "money.hpp"
#include "payment.hpp"
#include "phone.hpp"
#include "receipt_data.hpp"
#include "service_mode_types.hpp"

// Effects: requests the core makes of the outside world. The app carries them out in order,
// so a RequestJournal before a RequestPayment is durable before the payment starts.
namespace kiosk::fx {

struct RequestJournal { JournalEntry entry; };
// By phone number, or by customer number where `customer_number` is set (number then empty).
struct RequestLookup { Brand brand; MobileNumber number; std::string customer_number = {}; };
struct RequestPayment { std::string reference; Cents amount; PayMethod method; };
struct RequestPaymentAbort { std::string reference; };
struct RequestDelivery {
  std::string reference;  // idempotency key at the gateway
  Brand brand;
  MobileNumber number;
  std::string plan_id;
  int months;
  Cents amount;
};
// `provider_ref`: the payment's handle at its provider (PaymentReceipt::provider_ref).
struct RequestReversal { std::string reference; Cents amount; std::string provider_ref; PayMethod method; };
// For a card terminal that holds an approved payment until the kiosk says whether the renewal
// was delivered: true completes it, false makes the terminal give the money back
// (answered by PaymentReversed).
struct RequestPaymentSettle { std::string reference; bool delivered; };
struct RequestReceipt { ReceiptData receipt; };
// The confirmation (or refund notice) by SMS; the app words it from the receipt in the
// session's language.
struct RequestSms { ReceiptData receipt; MobileNumber number; };
// An SMS reminder `days_before` the renewed plan ends (receipt.valid_until), which the customer
// asked for: through the outbox to the gateway, which keeps it until then.
struct RequestReminder { ReceiptData receipt; MobileNumber number; int days_before; };
// Recovery: ask the terminal whether it took the money for this reference (PaymentLookedUp).
// `provider_ref`: the payment's handle when the journal has it (a wallet journals it before
// showing its code); empty otherwise, and the provider searches by the kiosk's reference.
struct RequestPaymentLookup { std::string reference; Cents amount; PayMethod method; std::string provider_ref = {}; };
// Recovery: ask the gateway to close the reference unless it was delivered (RenewalResolved).
// What the renewal was for, so that an answer about another renewal is not taken for it.
struct RequestRenewalResolve {
  std::string reference;
  Brand brand;
  std::string plan_id;
  int months;
  Cents amount;
  std::optional<MobileNumber> number;  // empty once the journal erased it
};
// Print again the receipt with this code (from the journal's copy of the receipt).
// `lang`: the asking session's, for the copy's note.
struct RequestReprint { std::string code; Lang lang = Lang::en; };
// The session is over: screens, caches and logs must drop everything about the user.
struct RequestForgetSession {};
// The technician's service mode asks: check a PIN, run an action, gather the status, note.
struct RequestService { svc::Request request; };

}  // namespace kiosk::fx

namespace kiosk {

using Effect = std::variant<fx::RequestJournal, fx::RequestLookup, fx::RequestPayment,
                            fx::RequestPaymentAbort, fx::RequestDelivery, fx::RequestReversal,
                            fx::RequestPaymentSettle,
                            fx::RequestReceipt, fx::RequestSms, fx::RequestReminder, fx::RequestReprint,
                            fx::RequestForgetSession, fx::RequestPaymentLookup, fx::RequestRenewalResolve,
                            fx::RequestService>;

}  // namespace kiosk
