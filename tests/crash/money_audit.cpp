#include "money_audit.hpp"

#include <charconv>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/phone.hpp"
#include "journal/journal.hpp"

namespace kiosk::crash {

namespace {

struct LedgerLine {
  std::string type;
  int result = -1;
  long long amount = 0;
  std::uint32_t receipt = 0;
  std::uint32_t original_receipt = 0;
};

std::vector<LedgerLine> read_ledger(const std::string& path) {
  std::vector<LedgerLine> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    out.push_back({j.value("type", ""), j.value("result", -1), j.value("amount_cents", 0LL), j.value("receipt", 0u),
                   j.value("original_receipt", 0u)});
  }
  return out;
}

// The e-wallet's ledger: the last state of each payment and refund.
struct WalletMoney {
  std::map<std::string, long long> taken;     // reference → SUCCEEDED amount
  std::map<std::string, int> payments;        // reference → payments that SUCCEEDED
  std::map<std::string, long long> returned;  // reference → REFUNDED amount
  std::set<std::string> references;           // of the payments that SUCCEEDED
};

WalletMoney read_wallet_ledger(const std::string& path) {
  std::map<std::string, nlohmann::json> last;  // id → its last line
  std::vector<std::string> order;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    const std::string id = j.value("id", "");
    if (!last.count(id)) order.push_back(id);
    last[id] = std::move(j);
  }
  WalletMoney w;
  std::map<std::string, std::string> reference_of;  // payment id → reference
  for (const std::string& id : order) {
    const nlohmann::json& j = last[id];
    if (j.value("type", "") != "payment") continue;
    reference_of[id] = j.value("reference", "");
    if (j.value("status", "") != "SUCCEEDED") continue;
    w.taken[reference_of[id]] += j.value("amount_cents", 0LL);
    ++w.payments[reference_of[id]];
    w.references.insert(reference_of[id]);
  }
  for (const std::string& id : order) {
    const nlohmann::json& j = last[id];
    if (j.value("type", "") == "refund" && j.value("status", "") == "REFUNDED")
      w.returned[reference_of[j.value("payment_id", "")]] += j.value("amount_cents", 0LL);
  }
  return w;
}

// The card terminal's receipt number: the whole provider reference in digits, else 0.
std::uint32_t receipt_of(const JournaledTransaction& t) {
  const auto it = t.fields.find("provider_ref");
  std::uint32_t n = 0;
  if (it == t.fields.end()) return 0;
  const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
  return ec == std::errc{} && end == it->second.data() + it->second.size() ? n : 0;
}

std::string field(const JournaledTransaction& t, const char* key) {
  const auto it = t.fields.find(key);
  return it == t.fields.end() ? std::string() : it->second;
}

// Which part of a delivery differs from the journal's intent ("" = none). The journal keeps
// the number masked, so the gateway's is masked the same way to compare.
std::string wrong_delivery(const JournaledTransaction& t, const gateway::RenewalRecord& r) {
  const PhoneParse number = parse_mobile(r.msisdn);
  const auto* n = std::get_if<MobileNumber>(&number);
  if (!n || mask_mobile(*n) != field(t, "number")) return "number";
  if (brand_id(r.brand) != field(t, "brand")) return "brand";
  if (r.plan_id != field(t, "plan")) return "plan";
  if (std::to_string(r.months) != field(t, "months")) return "duration";
  if (std::to_string(r.amount) != field(t, "amount_cents")) return "amount";
  return "";
}

}  // namespace

Audit audit(const std::string& ledger_path, const std::string& wallet_ledger_path, const std::string& journal_path,
            gateway::Store& store) {
  Audit a;
  const auto say = [&](std::string line) { a.mismatches.push_back(std::move(line)); };
  std::string error;
  auto journal = Journal::open(journal_path, &error);
  if (!journal) {
    say("journal: " + error);
    return a;
  }
  const std::vector<LedgerLine> ledger = read_ledger(ledger_path);
  const WalletMoney wallet = read_wallet_ledger(wallet_ledger_path);

  std::map<std::string, long long> delivered_amount;  // reference → amount delivered
  std::map<std::string, gateway::RenewalRecord> delivered;
  for (const gateway::RenewalRecord& r : store.renewals())
    if (r.status == "delivered") {
      delivered_amount[r.reference] += r.amount;
      delivered[r.reference] = r;
    }

  std::set<std::string> sms_sent, reported;
  for (const gateway::SmsRecord& m : store.sms()) sms_sent.insert(m.reference);
  for (const auto& [reference, json] : store.reports()) reported.insert(reference);

  std::set<std::uint32_t> journaled_receipts;
  std::set<std::string> journaled_references;
  for (const JournaledTransaction& t : journal->transactions()) {
    ++a.references;
    journaled_references.insert(t.reference);
    if (std::find(t.steps.begin(), t.steps.end(), "settled") == t.steps.end()) {
      ++a.open;
      say(t.reference + ": still unsettled (" + t.state + ")");
    }
    // What can wait must still arrive: at least once.
    if (std::find(t.steps.begin(), t.steps.end(), "sms_requested") != t.steps.end() && !sms_sent.count(t.reference))
      say(t.reference + ": SMS requested but never handed to the gateway");
    if (std::find(t.steps.begin(), t.steps.end(), "settled") != t.steps.end() && !reported.count(t.reference))
      say(t.reference + ": settled but never reported to the central system");
    const bool by_wallet = field(t, "method") == "wallet";
    const std::uint32_t receipt = by_wallet ? 0 : receipt_of(t);
    long long taken = 0, returned = 0;
    int approvals = 0;
    if (by_wallet) {
      taken = wallet.taken.count(t.reference) ? wallet.taken.at(t.reference) : 0;
      returned = wallet.returned.count(t.reference) ? wallet.returned.at(t.reference) : 0;
      approvals = wallet.payments.count(t.reference) ? wallet.payments.at(t.reference) : 0;
    } else if (receipt != 0) {
      journaled_receipts.insert(receipt);
      for (const LedgerLine& l : ledger) {
        if (l.type == "authorization" && l.result == 0 && l.receipt == receipt) {
          taken += l.amount;
          ++approvals;
        }
        if ((l.type == "reversal" || l.type == "refund") && l.result == 0 && l.original_receipt == receipt)
          returned += l.amount;
      }
    }
    if (const auto d = delivered.find(t.reference); d != delivered.end()) {
      // Delivered to the customer who paid: their number, brand, plan, months and price.
      const std::string wrong = wrong_delivery(t, d->second);
      if (!wrong.empty()) say(t.reference + ": delivered with another " + wrong + " than the customer bought");
    }
    const long long delivered = delivered_amount.count(t.reference) ? delivered_amount[t.reference] : 0;
    a.money_taken += taken > 0;
    a.delivered += delivered > 0;
    a.returned += returned > 0;
    if (approvals > 1) say(t.reference + ": " + std::to_string(approvals) + " approvals for one receipt");
    if (taken != delivered + returned)
      say(t.reference + ": taken " + std::to_string(taken) + " != delivered " + std::to_string(delivered) +
          " + returned " + std::to_string(returned));
  }
  for (const LedgerLine& l : ledger)
    if (l.type == "authorization" && l.result == 0 && !journaled_receipts.count(l.receipt))
      say("terminal receipt " + std::to_string(l.receipt) + ": money taken without a journal record");
  for (const auto& [reference, amount] : delivered_amount)
    if (!journaled_references.count(reference)) say(reference + ": delivered without a journal record");
  for (const std::string& reference : wallet.references)
    if (!journaled_references.count(reference)) say(reference + ": wallet money taken without a journal record");
  return a;
}

}  // namespace kiosk::crash
