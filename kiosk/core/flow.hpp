#pragma once
// Internal to the core: the handlers update() dispatches to, split by concern.
#include <vector>

#include "effects.hpp"
#include "events.hpp"
#include "state.hpp"

namespace kiosk::flow {

using Fields = std::map<std::string, std::string>;
// The reversal's own receipt number, journaled so that recovery knows every receipt the
// terminal gave this kiosk.
Fields reversal_fields(const ev::PaymentReversed& e);

struct Step {
  State& s;
  std::vector<Effect>& fx;
  void go(Screen screen) { s.screen = screen; }
  void journal(const std::string& reference, JournalStep step,
               std::map<std::string, std::string> fields = {});
};

// The session is over: wipe the user's data and return to the attract screen.
void end_session(Step& st);
bool is_end_screen(Screen screen);
bool money_in_flight(const State& s);
ReceiptData make_receipt(const State& s, ReceiptData::Kind kind);

// flow_navigation.cpp: the screens before any money moves.
void on(Step&, const ev::LanguageChosen&);
void on(Step&, const ev::LanguageSwitchOpened&);
void on(Step&, const ev::HelpOpened&);
void on(Step&, const ev::DisplayOpened&);
void on(Step&, const ev::ContrastToggled&);
void on(Step&, const ev::TextSizeToggled&);
void on(Step&, const ev::HelpPaged&);
void on(Step&, const ev::OverlayClosed&);
void on(Step&, const ev::ServiceChosen&);
void on(Step&, const ev::BrandChosen&);
void on(Step&, const ev::DigitPressed&);
void on(Step&, const ev::DigitDeleted&);
void on(Step&, const ev::NumberCleared&);
void on(Step&, const ev::NumberSubmitted&);
void on(Step&, const ev::SubscriberFound&);
void on(Step&, const ev::LookupFailed&);
void on(Step&, const ev::ContinuePressed&);
void on(Step&, const ev::PlanChosen&);
void on(Step&, const ev::DurationChosen&);
void on(Step&, const ev::PlansPaged&);
void on(Step&, const ev::PlanConfirmed&);
void on(Step&, const ev::ReceiptToggled&);
void on(Step&, const ev::SmsToggled&);
void on(Step&, const ev::SummaryConfirmed&);
void on(Step&, const ev::BackPressed&);
void on(Step&, const ev::CancelPressed&);
void on(Step&, const ev::FinishPressed&);
void on(Step&, const ev::RetryPressed&);
void on(Step&, const ev::ReprintOpened&);
void on(Step&, const ev::ReprintFinished&);
void on(Step&, const ev::SpeechRequested&);
void on(Step&, const ev::VolumeChanged&);

// flow_payment.cpp: from the payment method to the money being taken, declined or returned.
void on(Step&, const ev::PayMethodChosen&);
void on(Step&, const ev::PaymentPrompted&);
void on(Step&, const ev::WalletCodeReady&);
void on(Step&, const ev::PaymentApproved&);
void on(Step&, const ev::PaymentFailed&);
void on(Step&, const ev::PaymentReversed&);
void on(Step&, const ev::PaymentUnknown&);
void cancel_payment(Step&);
// Gives the money back: by reversal, or by refusing a payment the terminal still holds.
void return_payment(Step&, Transaction& t);
bool held_by_terminal(const State& s, const Transaction& t);

// flow_delivery.cpp: the renewal at the operator, receipts and SMS.
void on(Step&, const ev::RenewalDelivered&);
void on(Step&, const ev::RenewalFailed&);
void on(Step&, const ev::RenewalUnknown&);
void on(Step&, const ev::ReceiptPrinted&);

// flow_time.cpp: start-up, ticks, idle timeouts, device availability.
void on(Step&, const ev::Started&);
void on(Step&, const ev::Ticked&);
void on(Step&, const ev::MoreTimeAsked&);
void on(Step&, const ev::TerminalAvailabilityChanged&);
void on(Step&, const ev::PrinterStatusChanged&);
void on(Step&, const ev::JournalFailed&);
bool can_sell(const State& s);
// attract when the kiosk can sell, out of service when not (only from those two screens)
void refresh_idle_screen(Step& st);

// flow_recovery.cpp: transactions the session no longer follows, finished without guessing.
void on(Step&, const ev::JournalReadBack&);
void on(Step&, const ev::PaymentLookedUp&);
void on(Step&, const ev::RenewalResolved&);
// A reversal for a transaction recovery follows: true if it was one.
bool recovery_reversed(Step&, const ev::PaymentReversed&);
// Asks again what is due (after a backoff).
void recovery_tick(Step&);
// The session's transaction ended without a known outcome: recovery follows it from now on.
void adopt(Step&, const Transaction& t, OpenTransaction::Need need);
// The terminal must first answer for earlier transactions before it takes a new card.
bool recovery_blocks_sales(const State& s);

}  // namespace kiosk::flow
