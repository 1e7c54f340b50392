#pragma once
// Internal to the core: the actions the flow table (flow_table.cpp) runs, split by concern.
// Actions compute and ask for effects; they never choose the next screen: the table does.
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
  void journal(const std::string& reference, JournalStep step,
               std::map<std::string, std::string> fields = {});
};

bool is_overlay(Screen screen);
bool is_end_screen(Screen screen);
bool money_in_flight(const State& s);
bool can_sell(const State& s);
// The session's transaction has this reference.
bool is_current(const State& s, const std::string& reference);
ReceiptData make_receipt(const State& s, ReceiptData::Kind kind);

// flow_navigation.cpp: the screens before any money moves.
// The session is over: wipe the user's data (the table returns to the attract screen).
void end_session(Step&);
// The customer stopped: the personal data goes, the language stays for the "cancelled" message.
void cancel_session(Step&);
void set_language(Step&, const ev::LanguageChosen&);
void open_help(Step&);
void enable_speech(Step&);
void change_volume(Step&, const ev::VolumeChanged&);
void toggle_contrast(Step&);
void toggle_text_size(Step&);
void page_help(Step&, const ev::HelpPaged&);
void choose_service(Step&, const ev::ServiceChosen&);
void choose_brand(Step&, const ev::BrandChosen&);
void type_digit(Step&, const ev::DigitPressed&);
void delete_digit(Step&);
void clear_digits(Step&);
void ask_reprint(Step&);
void look_up_number(Step&);
void show_number_error(Step&);
void refuse_deactivated(Step&);
void show_not_found(Step&);
void keep_subscriber(Step&, const ev::SubscriberFound&);
void keep_subscriber_pick_plan(Step&, const ev::SubscriberFound&);
void pick_plan(Step&);
void renew_instead(Step&);
void renew_instead_pick_plan(Step&);
void choose_plan(Step&, const ev::PlanChosen&);
void choose_duration(Step&, const ev::DurationChosen&);
void page_plans(Step&, const ev::PlansPaged&);
void make_quote(Step&);
void toggle_receipt(Step&);
void toggle_sms(Step&);
void open_reprint(Step&);
void show_reprint_outcome(Step&, const ev::ReprintFinished&);
void drop_declined_payment(Step&);
void look_up_again(Step&);
void toggle_identify_by(Step&);
void look_up_customer(Step&);

// flow_payment.cpp: from the payment method to the money being taken, declined or returned.
void start_payment(Step&, const ev::PayMethodChosen&);
void abort_payment(Step&);
void show_prompt(Step&, const ev::PaymentPrompted&);
void show_wallet_code(Step&, const ev::WalletCodeReady&);
void give_back_stale(Step&, const ev::PaymentApproved&);
void return_cancelled_payment(Step&, const ev::PaymentApproved&);
void deliver(Step&, const ev::PaymentApproved&);
void record_failure(Step&, const ev::PaymentFailed&);
void keep_unknown_payment(Step&, const ev::PaymentUnknown&);
void note_stale_reversal(Step&, const ev::PaymentReversed&);
void keep_unreturned(Step&, const ev::PaymentReversed&);
void refund(Step&, const ev::PaymentReversed&);
// Gives the money back: by reversal, or by refusing a payment the terminal still holds.
void return_payment(Step&, Transaction& t);
bool held_by_terminal(const State& s, const Transaction& t);

// flow_delivery.cpp: the renewal at the operator, receipts and SMS.
void confirm_renewal(Step&, const ev::RenewalDelivered&);
void give_back_undelivered(Step&, const ev::RenewalFailed&);
void keep_unknown_delivery(Step&, const ev::RenewalUnknown&);
void record_receipt(Step&, const ev::ReceiptPrinted&);
// Prints the session's receipt, or notes that the customer gets none (the printer is not ready).
void print_or_note_missing(Step&, const ReceiptData& receipt);
void send_sms_instead(Step&);
void ask_reminder(Step&);

// flow_time.cpp: start-up, ticks, idle timeouts, device availability, the technician.
void start(Step&, const ev::Started&);
void keep_time(Step&, const ev::Ticked&);
void time_out(Step&, const ev::Ticked&);
void withdraw_wallet_code(Step&, const ev::Ticked&);
void grant_more_time(Step&);
void note_terminal(Step&, const ev::TerminalAvailabilityChanged&);
void note_printer(Step&, const ev::PrinterStatusChanged&);
void keep_catalog(Step&, const ev::CatalogLoaded&);
void take_out_of_service(Step&, const ev::TakenOutOfService&);
void put_back_in_service(Step&);
void note_journal_failed(Step&);
void stop_announced_payment(Step&, const ev::JournalFailed&);
// The idle time on this screen is up at now_ms.
bool idle_time_up(const State& s, std::int64_t now_ms);

// flow_recovery.cpp: transactions the session no longer follows, finished without guessing.
void take_over_open(Step&, const ev::JournalReadBack&);
void settle_looked_up(Step&, const ev::PaymentLookedUp&);
void settle_resolved(Step&, const ev::RenewalResolved&);
void recovery_reversal(Step&, const ev::PaymentReversed&);
bool followed_by_recovery(const State& s, const std::string& reference);
// Asks again what is due (after a backoff).
void recovery_tick(Step&);
void retry_recovery_now(Step&);
// The session's transaction ended without a known outcome: recovery follows it from now on.
void adopt(Step&, const Transaction& t, OpenTransaction::Need need);
// Money taken for a payment the customer was told had not happened: its give-back (already
// asked for) is followed by recovery until the money is home.
// `held`: the terminal holds it, and was asked to refuse it.
void follow_give_back(Step&, const std::string& reference, Cents amount, PayMethod method, const PaymentReceipt& payment,
                      bool held);
// The terminal must first answer for earlier transactions before it takes a new card.
bool recovery_blocks_sales(const State& s);

}  // namespace kiosk::flow
