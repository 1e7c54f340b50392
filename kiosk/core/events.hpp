#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "brand.hpp"
#include "civil_date.hpp"
#include "lang.hpp"
#include "open_transaction.hpp"
#include "payment.hpp"
#include "plan.hpp"
#include "printer_status.hpp"
#include "reference.hpp"
#include "service_mode_types.hpp"
#include "subscriber.hpp"

// Events: things that happened. The user's (from screens) and the world's (devices, gateway,
// time). Named for what happened, in the past tense where it reads naturally.
namespace kiosk::ev {

// --- time and start-up -------------------------------------------------------------------
struct Started {
  ReferenceKey reference_key;  // secret, random per start: references nobody can guess
  std::int64_t now_ms = 0;
  CivilDate today;
};
struct Ticked {
  std::int64_t now_ms = 0;  // monotonic
  CivilDate today;
};

// --- the user ------------------------------------------------------------------------------
struct LanguageChosen { Lang lang; };
struct LanguageSwitchOpened {};
struct HelpOpened {};
struct DisplayOpened {};          // the contrast and text size settings
struct ContrastToggled {};        // high-contrast theme on/off for this session
struct TextSizeToggled {};        // larger text on/off for this session
struct HelpPaged { int delta; };  // +1 next answers, -1 previous
struct OverlayClosed {};          // back from help, language or display
enum class Service { renew, balance };
struct ServiceChosen { Service service; };
struct BrandChosen { Brand brand; };
struct DigitPressed { char digit; };
struct DigitDeleted {};
struct NumberCleared {};
struct NumberSubmitted {};
struct IdentifyByToggled {};             // the number screen: phone number ↔ customer number
struct PlanChosen { std::string plan_id; };
struct DurationChosen { int months; };
struct PlansPaged { int delta; };
struct PlanConfirmed {};
struct ReceiptToggled {};
struct SmsToggled {};
struct SummaryConfirmed {};
struct PayMethodChosen { PayMethod method; };
struct BackPressed {};
struct CancelPressed {};
struct MoreTimeAsked {};
struct RetryPressed {};
struct ContinuePressed {};               // suspended → plans; balance → plans
struct FinishPressed {};                 // any end screen → attract
struct SmsInsteadAsked {};               // no receipt came out: the confirmation by SMS after all
struct ReminderAsked {};                 // the done screen: an SMS before the new plan ends
struct ReprintOpened {};                 // service → "reprint a receipt"
// Speech mode for this session: a headset was plugged in, or the keypad's speech key pressed.
struct SpeechRequested {};
struct VolumeChanged { int delta; };     // the keypad's volume keys, in steps

// --- operator gateway ----------------------------------------------------------------------
// `number`: the phone number a customer number was resolved to (by customer number only).
struct SubscriberFound { Subscriber subscriber; std::vector<Plan> plans; std::optional<MobileNumber> number = {}; };
enum class LookupError { not_found, unavailable };
struct LookupFailed { LookupError error; };
struct RenewalDelivered { std::string reference; std::string confirmation_id; CivilDate new_expiry; };
struct RenewalFailed { std::string reference; std::string reason; };
struct RenewalUnknown {
  std::string reference;
  std::string why;  // set when the gateway answered about another renewal: journaled, alerted
};
// The kiosk looked up a receipt code (journal) and printed it, or did not find it.
struct ReprintFinished { bool found; bool printed; };

// --- payment -----------------------------------------------------------------------------
struct PaymentPrompted { TerminalPrompt prompt; };
// `provider_ref`: the wallet's handle on this payment, journaled before the code is shown;
// `seconds_left`: until the wallet lets the payment expire (0: not said).
struct WalletCodeReady { std::string reference; std::string qr_payload; std::string provider_ref = {}; int seconds_left = 0; };
// `method`: which device took it (an approval for a reference no longer followed goes back there).
struct PaymentApproved { std::string reference; PaymentReceipt receipt; PayMethod method = PayMethod::card; };
struct PaymentFailed { std::string reference; PaymentFailure failure; int result_code = 0; };
// The terminal may or may not have taken the money, and cannot be asked now (the line went).
struct PaymentUnknown { std::string reference; };
// provider_ref: the provider's handle on the reversal itself (a receipt number, a refund id),
// when it gave one.
struct PaymentReversed { std::string reference; bool ok = true; std::string provider_ref = {}; };
struct TerminalAvailabilityChanged { bool available; };

// --- journal -----------------------------------------------------------------------------
// A write-ahead record could not be made durable: the step it announced was not carried out.
struct JournalFailed { std::string reference; };

// --- recovery ----------------------------------------------------------------------------
// At start, before any customer: the transactions the journal holds unsettled.
struct JournalReadBack { std::vector<JournalRecord> open; };
// The terminal's answer to "did you take the money for this reference?"
enum class PaymentLookup { taken, not_taken, unknown };
struct PaymentLookedUp { std::string reference; PaymentLookup outcome; PaymentReceipt receipt; };
// The gateway's answer to "deliver nothing more for this reference; was it delivered?"
enum class RenewalOutcome { delivered, closed_undelivered, unknown };
struct RenewalResolved {
  std::string reference;
  RenewalOutcome outcome;
  std::string confirmation_id;
  CivilDate new_expiry;
  std::string why;  // with unknown: the answer was about another renewal (journaled)
};

// --- printer -----------------------------------------------------------------------------
struct PrinterStatusChanged { PrinterStatus status; };
struct ReceiptPrinted { std::string reference; bool ok = true; };

// --- the operators' catalog -------------------------------------------------------------------
// A catalog installed while the kiosk runs (the first one comes with the initial state).
struct CatalogLoaded { BrandCatalog catalog; };

// --- the technician ----------------------------------------------------------------------------
// Out of service with a reason customers read (plain text, checked by the app), until put back;
// a session under way ends first.
struct TakenOutOfService { std::string reason; };
struct PutBackInService {};
// Ask recovery's questions now rather than when their backoff ends (the technician fixed the
// network, say). Transactions waiting for a technician stay as they are.
struct RecoveryRetryAsked {};
// The service mode on the screen: the technician's taps and keys, and the app's answers
// (service_mode.hpp). Never seen by the customer's flow.
struct Technician { svc::Input input; };

}  // namespace kiosk::ev

namespace kiosk {

using Event = std::variant<
    ev::Started, ev::Ticked, ev::LanguageChosen, ev::LanguageSwitchOpened, ev::HelpOpened, ev::DisplayOpened,
    ev::ContrastToggled, ev::TextSizeToggled, ev::HelpPaged, ev::OverlayClosed, ev::ServiceChosen,
    ev::BrandChosen, ev::DigitPressed, ev::DigitDeleted,
    ev::NumberCleared, ev::NumberSubmitted, ev::IdentifyByToggled, ev::PlanChosen, ev::DurationChosen,
    ev::PlansPaged, ev::PlanConfirmed, ev::ReceiptToggled, ev::SmsToggled, ev::SummaryConfirmed,
    ev::PayMethodChosen, ev::BackPressed, ev::CancelPressed, ev::MoreTimeAsked, ev::RetryPressed,
    ev::ContinuePressed, ev::FinishPressed, ev::SmsInsteadAsked, ev::ReminderAsked, ev::SubscriberFound,
    ev::LookupFailed,
    ev::RenewalDelivered, ev::RenewalFailed, ev::RenewalUnknown, ev::PaymentPrompted,
    ev::WalletCodeReady, ev::PaymentApproved, ev::PaymentFailed, ev::PaymentReversed,
    ev::TerminalAvailabilityChanged, ev::PrinterStatusChanged, ev::ReceiptPrinted, ev::CatalogLoaded,
    ev::JournalFailed, ev::ReprintOpened, ev::ReprintFinished, ev::JournalReadBack, ev::PaymentLookedUp,
    ev::RenewalResolved, ev::PaymentUnknown, ev::SpeechRequested, ev::VolumeChanged, ev::TakenOutOfService,
    ev::PutBackInService, ev::RecoveryRetryAsked, ev::Technician>;

// "payment_approved": for logs and the generated flow diagram.
std::string_view event_name(const Event& e);

}  // namespace kiosk
