#pragma once
// The crash harness's proof: the card terminal's ledger, the e-wallet's ledger, the gateway's
// renewals and the kiosk's journal, compared reference by reference.
#include <string>
#include <vector>

#include "gateway/store.hpp"

namespace kiosk::crash {

struct Audit {
  int references = 0;       // transactions in the journal
  int money_taken = 0;      // of those, how many the terminal or the e-wallet charged
  int delivered = 0;
  int returned = 0;
  int open = 0;             // still unsettled in the journal
  std::vector<std::string> mismatches;  // one line each, for the report
};

// For every reference: money taken = money delivered + money returned, at most one delivery,
// and no money taken (or renewal delivered) without a journal record. `wallet_ledger_path`:
// kioskctl wallet-sim's ledger (a payment's money is its SUCCEEDED amount, returned its
// REFUNDED refunds).
// `store`: the gateway's store (SQLite, or the PostgreSQL database the gateways share).
Audit audit(const std::string& ledger_path, const std::string& wallet_ledger_path, const std::string& journal_path,
            gateway::Store& store);

}  // namespace kiosk::crash
