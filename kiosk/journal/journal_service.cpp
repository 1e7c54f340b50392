// The journal's part for the technician: settings that outlive a restart, the log of service
// actions, and the money of a period for the end of day and the sales screens.
#include "journal.hpp"
#include "log/log.hpp"

namespace kiosk {

namespace {

// Settings live in the meta table under their own prefix, away from the journal's own keys.
std::string setting_key(const std::string& key) { return "setting." + key; }

}  // namespace

std::optional<std::string> Journal::setting(const std::string& key) {
  try {
    sql::Statement q(db_, "SELECT value FROM meta WHERE key = ?");
    q.bind(1, setting_key(key));
    if (!q.step()) return std::nullopt;
    return q.text(0);
  } catch (const sql::Error& e) {
    log_warn("journal: cannot read setting " + key + ": " + e.what());
    return std::nullopt;
  }
}

bool Journal::set_setting(const std::string& key, const std::optional<std::string>& value, std::string* error) {
  try {
    if (value)
      sql::Statement(db_, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
          .bind(1, setting_key(key)).bind(2, *value).run();
    else
      sql::Statement(db_, "DELETE FROM meta WHERE key = ?").bind(1, setting_key(key)).run();
    return true;
  } catch (const sql::Error& e) {
    if (error) *error = std::string("journal: ") + e.what();
    return false;
  }
}

bool Journal::log_service_action(const std::string& actor, const std::string& action, const std::string& detail,
                                 std::string* error) {
  try {
    sql::Statement(db_, "INSERT INTO service_log (actor, action, detail) VALUES (?, ?, ?)")
        .bind(1, actor).bind(2, action).bind(3, detail).run();
    return true;
  } catch (const sql::Error& e) {
    if (error) *error = std::string("journal: ") + e.what();
    return false;
  }
}

std::vector<Journal::ServiceAction> Journal::service_actions(int newest_count) {
  std::vector<ServiceAction> out;
  try {
    sql::Statement q(db_, "SELECT at, actor, action, detail FROM service_log ORDER BY id DESC LIMIT ?");
    q.bind(1, newest_count);
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
  } catch (const sql::Error& e) {
    log_warn(std::string("journal: cannot read the service log: ") + e.what());
  }
  return out;
}

Journal::Sales Journal::sales_between(const std::string& from, const std::string& to) {
  Sales sales;
  try {
    // The amount, method and brand are the intent's; the outcome is in the steps that followed.
    sql::Statement q(db_,
                     "SELECT json_extract(i.fields, '$.brand'), json_extract(i.fields, '$.method'), "
                     "CAST(json_extract(i.fields, '$.amount_cents') AS INTEGER), "
                     "EXISTS (SELECT 1 FROM steps s WHERE s.reference = t.reference AND s.step = 'payment_approved'), "
                     "EXISTS (SELECT 1 FROM steps s WHERE s.reference = t.reference AND s.step = 'delivered'), "
                     "EXISTS (SELECT 1 FROM steps s WHERE s.reference = t.reference AND s.step = 'reversed'), "
                     "EXISTS (SELECT 1 FROM unsettled u WHERE u.reference = t.reference) "
                     "FROM transactions t JOIN steps i ON i.reference = t.reference AND i.step = 'intent' "
                     "WHERE t.created_at >= ? AND t.created_at < ? AND json_valid(i.fields) "
                     "ORDER BY t.created_at");
    q.bind(1, from).bind(2, to);
    while (q.step()) {
      const std::string brand = q.text(0), method = q.text(1);
      const long long amount = q.integer(2);
      const bool taken = q.integer(3) != 0, delivered = q.integer(4) != 0, returned = q.integer(5) != 0;
      const bool card = method == "card";
      if (taken) (card ? sales.card_taken_cents : sales.wallet_taken_cents) += amount;
      if (returned) {
        (card ? sales.card_returned_cents : sales.wallet_returned_cents) += amount;
        ++sales.returned;
      }
      if (q.integer(6) != 0) ++sales.unsettled;
      if (!delivered || returned) continue;
      SalesLine* line = nullptr;
      for (SalesLine& l : sales.lines)
        if (l.brand == brand && l.method == method) line = &l;
      if (!line) line = &sales.lines.emplace_back(SalesLine{brand, method});
      ++line->delivered;
      line->delivered_cents += amount;
    }
  } catch (const sql::Error& e) {
    log_warn(std::string("journal: cannot read the day's sales: ") + e.what());
  }
  return sales;
}

}  // namespace kiosk
