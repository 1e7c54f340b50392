#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civil_date.hpp"
#include "events.hpp"
#include "lang.hpp"
#include "open_transaction.hpp"
#include "payment.hpp"
#include "phone.hpp"
#include "plan.hpp"
#include "pricing.hpp"
#include "printer_status.hpp"
#include "screen.hpp"
#include "service_mode_types.hpp"
#include "subscriber.hpp"

namespace kiosk {

// Settings the core needs; the app reads them from the configuration file.
struct KioskSettings {
  std::string kiosk_id = "BE-KIOSK-01";
  std::string location = "Bruxelles-Central / Brussel-Centraal";
  std::string support_phone = "+32 2 123 45 67";
  std::string software_version;  // set by the program (kiosk_version()); shown on receipts
  Lang default_lang = Lang::en;
  int idle_timeout_s = 60;       // per screen, without input
  int idle_warning_s = 20;       // warn this long before the timeout (EN 301 549: at least 20 s)
  int idle_countdown_s = 10;     // and count down, quietly, this long before the warning
  int max_extensions = 10;       // "more time" taps per screen
  int end_screen_s = 30;         // done / failure screens return to attract after this
  // A wallet code nobody pays is withdrawn after this long without input (the wallet's own
  // expiry may come first).
  int wallet_timeout_s = 180;
  int plans_per_page = 3;        // the cards sit in the lower two thirds, within reach
  // Paying by phone (the e-wallet) is offered: with it the kiosk sells while the card terminal
  // is away, and is out of service only when no way to pay is left.
  bool wallet_enabled = true;
  // An SMS this many days before a renewed plan ends, for a customer who asks on the done
  // screen (0: not offered).
  int reminder_days_before = 3;
  // The card terminal holds an approved payment until delivery is confirmed (ZVT vending).
  bool terminal_holds_payment = false;
};

// One purchase attempt: one reference, at most one payment, at most one delivery.
struct Transaction {
  enum class Phase {
    paying,       // payment requested, no outcome yet
    aborting,     // the user cancelled; waiting for the terminal to confirm
    approved,     // money taken, delivery not yet requested (never observable: same update)
    delivering,
    delivered,
    reversing,
    reversed,
    unresolved,   // outcome unknown: the journal keeps it open for recovery
    failed,       // no money taken
  };
  std::string reference;
  Cents amount = 0;
  PayMethod method = PayMethod::card;
  Phase phase = Phase::paying;
  PaymentReceipt payment;
  std::string confirmation_id;
  CivilDate new_expiry;
  std::string wallet_qr;
  std::int64_t wallet_expires_ms = 0;  // when the wallet lets the payment expire (0: not said)
  bool receipt_failed = false;
};

inline constexpr int default_volume = 60;  // percent
inline constexpr int volume_step = 10;
inline constexpr int help_topic_count = 8;  // the questions on the help screen

// The whole kiosk state. A session's personal data lives only in `session` and is replaced
// by an empty one when the session ends.
struct Session {
  Lang lang = Lang::en;
  bool high_contrast = false;
  bool large_text = false;
  int help_page = 0;                  // the screen shows as many answers as fit on a page
  // Speech: on for this session only (nothing personal is spoken otherwise); the volume
  // returns to the default with the next session.
  bool speech = false;
  int volume = default_volume;
  std::optional<ev::Service> service;
  std::optional<Brand> brand;
  std::string number_input;           // digits as typed
  std::string reprint_input;          // the receipt code as typed
  enum class ReprintState { entering, waiting, printed, not_found, failed };
  ReprintState reprint = ReprintState::entering;
  std::string number_error_key;       // i18n key of the last validation error, if any
  // The keypad takes the customer number on the SIM card's holder (where the operator allows
  // it); the phone number it resolves to is then shown masked, as on a receipt.
  bool by_customer_number = false;
  std::optional<MobileNumber> number;
  std::optional<Subscriber> subscriber;
  std::vector<Plan> plans;
  int plans_page = 0;
  std::string plan_id;
  int months = 1;
  bool want_receipt = true;
  bool want_sms = true;
  bool reminder_asked = false;        // the done screen's reminder: asked for, and queued
  std::optional<Quote> quote;
  std::optional<Transaction> txn;
  TerminalPrompt prompt = TerminalPrompt::present_card;
  PaymentFailure failure = PaymentFailure::declined;
  int failure_code = 0;
};

struct State {
  KioskSettings settings;
  Screen screen = Screen::attract;
  Screen overlay_return = Screen::attract;  // where help/language go back to
  Session session;

  // Devices as last reported.
  bool terminal_available = true;
  bool journal_ok = true;  // without a durable journal the kiosk must not sell
  // A technician took the kiosk out of service with this reason for customers (none: in service).
  std::optional<std::string> technician_reason;
  // The technician's service mode, while it is on the screen (over attract or out of service).
  std::optional<ServiceMode> service_mode;
  PrinterStatus printer = PrinterStatus::ok;

  // Time: all from Ticked events.
  std::int64_t now_ms = 0;
  CivilDate today{2026, 1, 1};
  std::int64_t last_input_ms = 0;
  int extensions_used = 0;

  // The operators' brands and terms, from the catalog (catalog/catalog_file.hpp).
  BrandCatalog catalog;

  // Transactions recovery is finishing: from an earlier run, or left open by the network.
  std::vector<OpenTransaction> open;

  // References: <kiosk>-<token>, the token a keyed function of this start's secret and a counter
  // (core/reference.hpp): unique across restarts and unguessable from earlier receipts.
  ReferenceKey reference_key{};
  std::uint64_t next_sequence = 1;
};

// Derived facts the screens also use.
bool idle_warning_visible(const State& s);
// The seconds left are shown, without a modal, in the last idle_countdown_s before the warning.
bool idle_countdown_visible(const State& s);
int idle_seconds_left(const State& s);
// Until the e-wallet lets the payment on screen expire; -1 when it did not say.
int wallet_seconds_left(const State& s);
bool screen_has_idle_timeout(const State& s);
const Plan* chosen_plan(const State& s);
bool receipt_printable(const State& s);
// What the catalog says of this brand, if it has it.
const BrandInfo* brand_info(const State& s, const Brand& brand);
// Its name, or its id when the catalog no longer has it.
std::string brand_name(const State& s, const Brand& brand);
// The chosen operator takes customer numbers (its terms say so).
bool customer_numbers_offered(const State& s);
// Nothing came out of the printer and the customer had turned the SMS off: the outcome screen
// offers the SMS in its place.
bool sms_can_stand_in(const State& s);
// The done screen offers a reminder: the renewal is delivered to a known number and the day to
// remind is still ahead.
bool reminder_offered(const State& s);
CivilDate reminder_date(const State& s);
// Plan cards per page: one fewer when the text is large, so that the cards' words still fit.
int plans_per_page(const State& s);
// The session's payment could not be confirmed either way (the terminal's line went).
bool payment_outcome_unknown(const State& s);
// Someone is at the screen (anywhere but attract and out of service): technicians, the fleet
// and a new catalog wait for the kiosk to be idle.
bool customer_at_kiosk(const State& s);
// Why the kiosk does not sell now (none when it does): the screen and the log say so.
enum class OutOfServiceReason { none, journal, technician, recovering, terminal, catalog };
OutOfServiceReason out_of_service_reason(const State& s);
// Recovery has a question out, or one due now: the outbox gives way to it, as the money of a
// transaction matters more than an SMS a few seconds later and both share the gateway's rate
// limit. Transactions waiting out a backoff or a technician do not hold the outbox up.
bool recovery_asking(const State& s);
std::string_view out_of_service_reason_name(OutOfServiceReason r);  // "journal", … "none"
// The technician's code for it, the same in every language: "OOS-JOURNAL", … "" for none.
std::string out_of_service_code(OutOfServiceReason r);
// The steps before any money moves, where Back (and Cancel) are offered.
bool back_available(const State& s);
// The six-digit code a receipt can be printed again with: derived from the reference, so that
// the customer can type it on the keypad.
std::string reprint_code(const std::string& reference);
inline constexpr std::size_t reprint_code_length = 6;

}  // namespace kiosk
