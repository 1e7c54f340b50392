#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// The write-ahead steps of one transaction. Each is journaled before the step it announces
// is carried out, so recovery knows what may have happened.
enum class JournalStep {
  intent,               // reference created; what is being bought
  payment_started,      // about to ask the terminal / wallet for money
  payment_created,      // the wallet made the payment: its provider_ref, before the code shows
  payment_approved,     // money taken: receipt number known
  payment_failed,       // no money taken
  payment_unknown,      // the terminal could not say: recovery asks it again
  delivery_requested,   // about to send the renewal with the reference as idempotency key
  delivered,
  delivery_failed,
  delivery_unknown,     // the gateway did not say; resolve by reference, never guess
  reversal_requested,   // about to return the money
  reversed,
  reversal_failed,
  receipt_printed,
  receipt_failed,
  sms_requested,
  settled,              // nothing more is owed either way; personal data may be erased
};

std::string_view journal_step_name(JournalStep step);
std::optional<JournalStep> parse_journal_step(std::string_view name);
inline constexpr JournalStep all_journal_steps[] = {
    JournalStep::intent,          JournalStep::payment_started, JournalStep::payment_created, JournalStep::payment_approved,
    JournalStep::payment_failed,  JournalStep::payment_unknown, JournalStep::delivery_requested, JournalStep::delivered,
    JournalStep::delivery_failed, JournalStep::delivery_unknown, JournalStep::reversal_requested,
    JournalStep::reversed,        JournalStep::reversal_failed, JournalStep::receipt_printed,
    JournalStep::receipt_failed,  JournalStep::sms_requested,   JournalStep::settled};

struct JournalEntry {
  std::string reference;
  JournalStep step = JournalStep::intent;
  std::map<std::string, std::string> fields;  // masked values only
  // The full number, on the intent only: recovery needs it to deliver. The journal erases
  // it when the transaction is settled.
  std::string number_until_settled;
};

}  // namespace kiosk
