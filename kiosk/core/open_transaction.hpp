#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "journal_step.hpp"
#include "phone.hpp"
#include "receipt_data.hpp"

namespace kiosk {

struct KioskSettings;

// One unsettled transaction as the journal holds it, read back at start.
struct JournalRecord {
  std::string reference;
  std::vector<JournalStep> steps;             // in order
  std::map<std::string, std::string> fields;  // merged from all steps
  std::string number;                         // E.164, kept until settled; empty if gone
};

// A transaction the session no longer follows whose money is not settled yet: left open by an
// earlier run (a crash, a power cut) or by this one (the network did not answer). Recovery finds
// out what happened, never guesses, and finishes it.
struct OpenTransaction {
  enum class Need {
    payment_outcome,   // did the terminal take the money? (the journal stops at payment_started)
    delivery_outcome,  // did the gateway deliver? (asked so that the answer stays true)
    give_back,         // money taken, nothing delivered: reverse it
    close,             // the outcome is known (receipt.kind): tell the customer, settle
    technician,        // the journal's record is damaged (see `damaged`): nothing is guessed
  };
  std::string reference;
  Need need = Need::payment_outcome;
  Cents amount = 0;
  std::string plan_id;
  PayMethod method = PayMethod::card;
  bool money_taken = false;
  bool held_by_terminal = false;   // the terminal still holds it: settle rather than reverse
  ReceiptData receipt;             // what the customer is told when it is settled
  // For the outcome by SMS, sent whatever the customer chose: they left without knowing it.
  // The journal erases the number when the transaction is settled.
  std::optional<MobileNumber> number;
  bool from_earlier_run = false;   // the customer saw the kiosk stop: print the outcome
  std::string damaged;             // with Need::technician: the field that could not be read
  // Asking again: in flight, and when the next try is due after an answer that said nothing.
  bool in_flight = false;
  int attempts = 0;
  std::int64_t next_try_ms = 0;
};

// What recovery needs to do for this journal record; nullopt when nothing is owed any more
// (a record whose only steps are receipts, say).
std::optional<OpenTransaction> open_transaction_from(const JournalRecord& record, const KioskSettings& settings);

// Delay before asking again after the n-th answer that said nothing: doubling, capped.
std::int64_t recovery_backoff_ms(int attempts);

// Whole seconds until recovery asks about `t` again (rounded up); -1 while it is asking or the
// transaction waits for a technician.
int seconds_to_next_try(const OpenTransaction& t, std::int64_t now_ms);
// "payment_outcome", "delivery_outcome", "give_back", "close", "technician".
std::string_view open_need_name(OpenTransaction::Need need);

}  // namespace kiosk
