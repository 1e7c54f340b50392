#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/journal_step.hpp"
#include "core/receipt_data.hpp"
#include "sqlite/sqlite.hpp"

namespace kiosk {

class SealKeeper;

struct JournaledTransaction {
  std::string reference;
  std::string state;                          // the last step's name
  std::vector<std::string> steps;             // in order
  std::map<std::string, std::string> fields;  // merged from all steps (masked values only)
  bool holds_number = false;                  // full number kept until settled
  std::string number;                         // that number (E.164), for recovery only
  std::string created_at;
  std::string updated_at;
};

// What can wait: an SMS, a transaction report for the central system. Kept in the journal until
// the gateway has it (at least once; the key makes a repeat harmless there).
struct OutboxItem {
  long long id = 0;
  std::string key;       // "<reference>:<kind>", unique
  std::string kind;      // "sms" or "report"
  std::string payload;   // JSON; an SMS holds the number, so it is erased once sent
  int attempts = 0;
  long long next_at_ms = 0;  // wall clock, milliseconds since the epoch
};

// The write-ahead transaction journal: SQLite in WAL mode with synchronous=FULL, so a step is
// on disk when append() returns. The app appends a step before carrying it out.
class Journal {
 public:
  // Refuses (nullptr, `error` says why, nothing written) a journal that is damaged, missing or
  // empty while its seal says it held steps, replaced by another, or shorter than its seal.
  // A new journal gets an id and a seal.
  static std::unique_ptr<Journal> open(const std::string& path, std::string* error);
  // SQLite's full integrity check of the journal at `path`, through a read-only connection of
  // its own (any thread, beside an open Journal); "" when it passed, else what failed.
  static std::string check_whole(const std::string& path);
  // Erased numbers leave the WAL when no reader holds it; if one did, this tries again (every
  // append does too). Cheap when nothing is pending: call it now and then.
  void finish_erasing();
  bool erasing_pending() const { return erase_pending_; }
  ~Journal();

  bool append(const JournalEntry& entry, std::string* error);
  // Whether a transaction with this reference was ever journaled.
  bool knows(const std::string& reference);
  std::vector<JournaledTransaction> transactions();
  // Every transaction (or only those not settled) in the order they were made, handed over one
  // at a time: however large the journal, one transaction is held. Throws sql::Error.
  void for_each_transaction(bool only_open, const std::function<void(JournaledTransaction&&)>& each);
  std::vector<JournaledTransaction> open_transactions();  // not settled yet
  // The provider handle (a payment's or a reversal's) that the last step recording one wrote,
  // among the transactions paid by `method` ("" when none).
  std::string newest_provider_ref(PayMethod method);

  // The outbox: false only when the item could not be made durable (a repeat of a key is fine).
  bool enqueue(const OutboxItem& item, std::string* error);
  std::vector<OutboxItem> due_outbox(long long now_ms, int limit);
  std::size_t outbox_pending();
  // Erases the payload; `held_number`: it held a phone number, so the WAL is folded in too.
  bool mark_sent(long long id, bool held_number);
  bool postpone(long long id, long long next_at_ms);  // one more attempt counted
  // A report of this transaction's steps and masked fields, for the central system; queued in
  // the outbox by append() with the settled step. Throws sql::Error when the journal cannot be read.
  std::string report_payload(const std::string& reference);

  // The receipts as printed (masked data only), so that one can be printed again by its code.
  bool save_receipt(const ReceiptData& receipt, std::string* error);
  std::optional<ReceiptData> find_receipt(const std::string& code);

  // journal_service.cpp: what the technician set and did, and the day's money.
  // A setting that outlives a restart (the technician's out of service); nullopt when unset.
  std::optional<std::string> setting(const std::string& key);
  bool set_setting(const std::string& key, const std::optional<std::string>& value, std::string* error);
  // Every technician's action, with the time (UTC) and who: "uid 0", "service mode".
  struct ServiceAction {
    std::string at, actor, action, detail;
  };
  bool log_service_action(const std::string& actor, const std::string& action, const std::string& detail,
                          std::string* error);
  std::vector<ServiceAction> service_actions(int newest_count);
  // The money of the transactions begun in [from, to) (UTC, ISO 8601 as the journal writes it).
  struct SalesLine {
    std::string brand, method;
    int delivered = 0;
    long long delivered_cents = 0;
  };
  struct Sales {
    std::vector<SalesLine> lines;  // per brand and method, delivered renewals
    long long card_taken_cents = 0, card_returned_cents = 0;  // what the terminal saw
    long long wallet_taken_cents = 0, wallet_returned_cents = 0;
    int returned = 0;   // payments given back
    int unsettled = 0;  // still open
  };
  Sales sales_between(const std::string& from, const std::string& to);

 private:
  void erase_from_wal();
  bool erase_pending_ = false;
  Journal(sql::Database db, std::string path);
  void insert_outbox(const OutboxItem& item);
  sql::Database db_;
  std::unique_ptr<SealKeeper> seal_;
  std::string path_;
  std::string journal_id_;
};

}  // namespace kiosk
