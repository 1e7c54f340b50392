#include "journal_step.hpp"

namespace kiosk {

std::string_view journal_step_name(JournalStep s) {
  switch (s) {
    case JournalStep::intent: return "intent";
    case JournalStep::payment_started: return "payment_started";
    case JournalStep::payment_created: return "payment_created";
    case JournalStep::payment_approved: return "payment_approved";
    case JournalStep::payment_failed: return "payment_failed";
    case JournalStep::payment_unknown: return "payment_unknown";
    case JournalStep::delivery_requested: return "delivery_requested";
    case JournalStep::delivered: return "delivered";
    case JournalStep::delivery_failed: return "delivery_failed";
    case JournalStep::delivery_unknown: return "delivery_unknown";
    case JournalStep::reversal_requested: return "reversal_requested";
    case JournalStep::reversed: return "reversed";
    case JournalStep::reversal_failed: return "reversal_failed";
    case JournalStep::receipt_printed: return "receipt_printed";
    case JournalStep::receipt_failed: return "receipt_failed";
    case JournalStep::sms_requested: return "sms_requested";
    case JournalStep::settled: return "settled";
  }
  return "intent";
}

std::optional<JournalStep> parse_journal_step(std::string_view name) {
  for (JournalStep s : all_journal_steps)
    if (journal_step_name(s) == name) return s;
  return std::nullopt;
}

}  // namespace kiosk
