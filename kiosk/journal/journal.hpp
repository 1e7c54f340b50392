#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/journal_step.hpp"
#include "core/receipt_data.hpp"

struct sqlite3;

namespace kiosk {

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

// The write-ahead transaction journal: SQLite in WAL mode with synchronous=FULL, so a step is
// on disk when append() returns. The app appends a step before carrying it out.
class Journal {
 public:
  static std::unique_ptr<Journal> open(const std::string& path, std::string* error);
  ~Journal();

  bool append(const JournalEntry& entry, std::string* error);
  std::vector<JournaledTransaction> transactions();
  std::vector<JournaledTransaction> open_transactions();  // not settled yet
  // The newest receipt number of the card terminal that any step records (0: none).
  std::uint32_t newest_receipt_no();

  // The receipts as printed (masked data only), so that one can be printed again by its code.
  bool save_receipt(const ReceiptData& receipt, std::string* error);
  std::optional<ReceiptData> find_receipt(const std::string& code);

 private:
  explicit Journal(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace kiosk
