#include "journal.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "journal_seal.hpp"
#include "log/log.hpp"

namespace kiosk {

namespace {

// Reads that have no error channel: a damaged journal is reported in the log, and what could be
// read is returned.
template <typename T, typename Read>
T read_or_log(const char* what, T fallback, Read read) {
  try {
    return read();
  } catch (const sql::Error& e) {
    log_warn(std::string("journal: cannot read ") + what + ": " + e.what());
    return fallback;
  }
}

// What a journal holds, read without changing a byte of it: SQLite folds a WAL into the
// database and deletes it when the last connection closes, and a journal that is refused must
// stay exactly as the technician will find it.
struct Inspection {
  bool intact = false;
  std::string journal_id;      // "" for a journal made before seals
  std::int64_t last_step = 0;
  std::string problem;
};

void read_journal(const std::string& path, sql::Database::Mode mode, Inspection& out) {
  try {
    sql::Database db = sql::Database::open(path, mode);
    // The quick check reads every page and its structure; the index-by-index comparison of a
    // full integrity check (four times as long: 1.3 s for 100,000 transactions) follows once
    // the kiosk is up (check_whole).
    out.intact = sql::query_text(db, "PRAGMA quick_check") == "ok";
    if (!out.intact) return;
    out.last_step = std::max<std::int64_t>(0, sql::query_integer(db, "SELECT COALESCE(MAX(id), 0) FROM steps"));
    out.journal_id = sql::query_text(db, "SELECT value FROM meta WHERE key = 'journal_id'");
  } catch (const sql::Error&) {
    out.intact = false;  // not a database, or one SQLite cannot read: damaged either way
  }
}

// Without a WAL the file alone is the journal: read in place, as immutable (no lock, no WAL,
// no shared-memory file, nothing written).
Inspection inspect_in_place(const std::string& path) {
  Inspection out;
  read_journal(path, sql::Database::Mode::read_only_as_is, out);
  if (!out.intact) out.problem = "journal: integrity check failed for " + path;
  return out;
}

// With a WAL, on a copy of both files beside the journal.
Inspection inspect_copy(const std::string& path) {
  namespace fs = std::filesystem;
  Inspection out;
  std::error_code ec;
  const fs::path dir = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  // Copies left by a start that was killed while checking.
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().rfind(".journal-check-", 0) == 0) fs::remove_all(entry.path(), ec);
  std::string pattern = (dir / ".journal-check-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    out.problem = "journal: cannot make a folder to check a copy of " + path;
    return out;
  }
  const fs::path copy_dir(pattern);
  const fs::path copy = copy_dir / "journal.sqlite";
  fs::copy_file(path, copy, ec);
  if (!ec) fs::copy_file(path + "-wal", copy.string() + "-wal", ec);
  if (ec) {
    out.problem = "journal: cannot copy " + path + " and its WAL to check them: " + ec.message();
  } else {
    read_journal(copy.string(), sql::Database::Mode::read_write, out);
    if (!out.intact) out.problem = "journal: integrity check failed for " + path;
  }
  fs::remove_all(copy_dir, ec);
  return out;
}

Inspection inspect(const std::string& path) {
  std::error_code ec;
  const bool wal = std::filesystem::exists(path + "-wal", ec) && std::filesystem::file_size(path + "-wal", ec) > 0;
  return wal ? inspect_copy(path) : inspect_in_place(path);
}

// Checks the journal at `path` against its seal before anything opens it for writing. Returns
// the journal's id ("" when a new one is to be made), or nullopt with `error` set.
std::optional<std::string> check_before_open(const std::string& path, std::string* error) {
  namespace fs = std::filesystem;
  const auto refuse = [&](const std::string& why) -> std::optional<std::string> {
    if (error) *error = "journal: " + why + "; the files are left as they are for the technician";
    return std::nullopt;
  };
  std::string seal_error;
  const std::optional<JournalSeal> seal = read_seal(seal_path(path), &seal_error);
  if (!seal_error.empty()) return refuse(seal_error);
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  const bool has_wal = fs::exists(path + "-wal", ec);
  const auto size = exists ? fs::file_size(path, ec) : 0;
  if (ec) return refuse("cannot read " + path + ": " + ec.message());
  const std::string held = seal ? std::to_string(seal->last_step) : "";
  if (seal && !exists) return refuse(path + " is missing, but its seal says it held " + held + " steps");
  if (!exists && has_wal) return refuse(path + " is missing beside its WAL");
  if (seal && size == 0) return refuse(path + " is empty, but its seal says it held " + held + " steps");
  if (!exists || (size == 0 && !has_wal)) return std::string();  // a new kiosk
  const Inspection in = inspect(path);
  if (!in.problem.empty()) return refuse(in.problem.substr(std::string("journal: ").size()));
  if (!seal) {
    // A journal made before seals is adopted; one made with a seal has lost it.
    if (!in.journal_id.empty()) return refuse("the seal " + seal_path(path) + " is missing");
    return std::string();
  }
  if (in.journal_id.empty())
    return refuse(path + " has lost the " + held + " steps its seal records (shorter than it was: its WAL was lost or damaged)");
  if (in.journal_id != seal->journal_id) return refuse(path + " is not the journal its seal names (replaced)");
  if (in.last_step < seal->last_step)
    return refuse(path + " holds " + std::to_string(in.last_step) + " steps, but its seal says " + held +
                  " (shorter than it was: its WAL was lost or damaged)");
  return in.journal_id;
}

}  // namespace

std::unique_ptr<Journal> Journal::open(const std::string& path, std::string* error) {
  const std::optional<std::string> known_id = check_before_open(path, error);
  if (!known_id) return nullptr;
  try {
    std::unique_ptr<Journal> j(new Journal(sql::Database::open(path), path));
    sql::Database& db = j->db_;
    // secure_delete overwrites what an update removes, so an erased number is gone from the file.
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA secure_delete=ON");
    bool created = false;
    // The schema and a new journal's id in one transaction: one sync on a first start instead
    // of one per statement.
    db.transaction([&] {
      const bool had_unsettled_table =
          sql::query_integer(db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'unsettled'") > 0;
      db.exec(
          "CREATE TABLE IF NOT EXISTS transactions (reference TEXT PRIMARY KEY, state TEXT, "
          "number_until_settled TEXT, "
          "created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), updated_at TEXT);"
          "CREATE TABLE IF NOT EXISTS steps (id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT, "
          "step TEXT, fields TEXT, at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));"
          "CREATE INDEX IF NOT EXISTS steps_by_reference ON steps (reference, id);"
          "CREATE TABLE IF NOT EXISTS receipts (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT, reference TEXT, "
          "kind TEXT, json TEXT, at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));"
          "CREATE INDEX IF NOT EXISTS receipts_by_code ON receipts (code, id);"
          "CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, kind TEXT, "
          "payload TEXT, attempts INTEGER DEFAULT 0, next_at INTEGER DEFAULT 0, sent_at TEXT);"
          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
          "CREATE TABLE IF NOT EXISTS service_log (id INTEGER PRIMARY KEY AUTOINCREMENT, "
          "at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), actor TEXT, action TEXT, detail TEXT);"
          // A journal grows by a hundred thousand transactions a year or two: what a start
          // reads (the unsettled ones, the newest receipt number) must not read them all.
          "CREATE INDEX IF NOT EXISTS transactions_by_creation ON transactions (created_at, reference);"
          "CREATE INDEX IF NOT EXISTS settled_steps ON steps (reference) WHERE step = 'settled';"
          // The references not settled yet, kept with every step: a start reads these few, not
          // every transaction there ever was.
          "CREATE TABLE IF NOT EXISTS unsettled (reference TEXT PRIMARY KEY);"
          // The newest provider handle per payment method is kept with every step that has one.
          // A journal from before handles were opaque kept the card terminal's receipt numbers,
          // the newest the greatest: read through once.
          "INSERT INTO meta (key, value) SELECT 'newest_ref.card', CAST(n AS TEXT) FROM (SELECT COALESCE("
          "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'newest_receipt_no'), "
          "(SELECT MAX(MAX(COALESCE(CAST(json_extract(fields, '$.receipt_no') AS INTEGER), 0), "
          "COALESCE(CAST(json_extract(fields, '$.reversal_receipt_no') AS INTEGER), 0))) FROM steps "
          "WHERE json_valid(fields)), 0) AS n) WHERE n > 0 "
          "AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'refs_opaque');"
          "DELETE FROM meta WHERE key = 'newest_receipt_no';"
          "INSERT OR IGNORE INTO meta (key, value) VALUES ('refs_opaque', '1');");
      if (!had_unsettled_table)  // a journal made before the table: filled once from the steps
        db.exec("INSERT OR IGNORE INTO unsettled SELECT reference FROM transactions t WHERE NOT EXISTS "
                "(SELECT 1 FROM steps x WHERE x.step = 'settled' AND x.reference = t.reference)");
      j->journal_id_ = known_id->empty() ? sql::query_text(db, "SELECT value FROM meta WHERE key = 'journal_id'") : *known_id;
      if (j->journal_id_.empty()) {
        j->journal_id_ = new_journal_id();
        if (!j->journal_id_.empty())
          sql::Statement(db, "INSERT INTO meta (key, value) VALUES ('journal_id', ?)").bind(1, j->journal_id_).run();
        created = true;
      }
    });
    if (j->journal_id_.empty()) {
      if (error) *error = "journal: no random bytes for a new journal's id";
      return nullptr;
    }
    // The schema and the id into the database file itself: a WAL lost later cannot take them.
    if (created) db.truncate_wal();
    j->seal_ = SealKeeper::open(seal_path(path),
                                {j->journal_id_, sql::query_integer(db, "SELECT COALESCE(MAX(id), 0) FROM steps")}, error);
    if (!j->seal_) return nullptr;
    return j;
  } catch (const sql::Error& e) {
    if (error) *error = std::string("journal: ") + e.what();
    return nullptr;
  }
}

std::string Journal::check_whole(const std::string& path) {
  try {
    sql::Database db = sql::Database::open(path, sql::Database::Mode::read_only);
    const std::string answer = sql::query_text(db, "PRAGMA integrity_check");
    return answer == "ok" ? std::string() : "integrity check failed for " + path + ": " + answer;
  } catch (const sql::Error& e) {
    return "cannot check " + path + ": " + e.what();
  }
}

bool Journal::knows(const std::string& reference) {
  return read_or_log("a transaction", false, [&] {
    return sql::Statement(db_, "SELECT 1 FROM transactions WHERE reference = ?").bind(1, reference).step();
  });
}

Journal::Journal(sql::Database db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}
Journal::~Journal() = default;

// Never waits for a reader (the full check at start reads for a second or more, and the UI
// thread must not stall behind it): if one holds the WAL, finish_erasing() tries again.
void Journal::erase_from_wal() { erase_pending_ = !db_.truncate_wal(false); }

void Journal::finish_erasing() {
  if (erase_pending_) erase_from_wal();
}

namespace {
// The new provider handle a step records: a payment's when it is made or approved, a
// reversal's when done. (A reversal's request repeats an older payment's handle.)
const std::string* newest_ref_in(const JournalEntry& e) {
  using S = JournalStep;
  const char* key = e.step == S::reversed ? "reversal_ref"
                    : e.step == S::payment_approved || e.step == S::payment_created ? "provider_ref"
                                                                                    : nullptr;
  if (!key) return nullptr;
  const auto it = e.fields.find(key);
  return it != e.fields.end() && !it->second.empty() ? &it->second : nullptr;
}
}  // namespace

bool Journal::append(const JournalEntry& e, std::string* error) {
  finish_erasing();
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [k, v] : e.fields) fields[k] = v;
  const std::string step(journal_step_name(e.step));
  const std::string fields_text = fields.dump();
  std::optional<std::string> number;
  if (!e.number_until_settled.empty()) number = e.number_until_settled;
  std::int64_t step_id = 0;
  try {
    db_.transaction([&] {
      sql::Statement(db_, "INSERT INTO steps (reference, step, fields) VALUES (?,?,?)")
          .bind(1, e.reference).bind(2, step).bind(3, fields_text).run();
      step_id = db_.last_insert_rowid();
      if (const std::string* ref = newest_ref_in(e))
        sql::Statement(db_,
                       "INSERT INTO meta (key, value) SELECT 'newest_ref.' || json_extract(fields, '$.method'), ?2 "
                       "FROM steps WHERE reference = ?1 AND step = 'intent' AND json_valid(fields) "
                       "AND json_extract(fields, '$.method') IS NOT NULL "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(1, e.reference).bind(2, *ref).run();
      sql::Statement(db_,
                     "INSERT INTO transactions (reference, state, number_until_settled, updated_at) "
                     "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ','now')) "
                     "ON CONFLICT (reference) DO UPDATE SET state = ?2, "
                     "number_until_settled = COALESCE(?3, number_until_settled), "
                     "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')")
          .bind(1, e.reference).bind(2, step).bind(3, number).run();
      // A step after settling (a receipt) leaves it settled; money taken after all (a wallet
      // confirmed after it was cancelled) opens it again, so that it is given back.
      if (e.step == JournalStep::payment_approved)
        sql::Statement(db_, "INSERT OR IGNORE INTO unsettled VALUES (?1)").bind(1, e.reference).run();
      else if (e.step != JournalStep::settled)
        sql::Statement(db_,
                       "INSERT OR IGNORE INTO unsettled SELECT ?1 WHERE NOT EXISTS "
                       "(SELECT 1 FROM steps x WHERE x.step = 'settled' AND x.reference = ?1)")
            .bind(1, e.reference).run();
      // Once settled, nothing more is owed: the full number goes (domain.md, "Is my data safe?"),
      // and the report for the central system is queued in the same transaction, so neither is lost.
      if (e.step == JournalStep::settled) {
        sql::Statement(db_, "DELETE FROM unsettled WHERE reference = ?").bind(1, e.reference).run();
        sql::Statement(db_, "UPDATE transactions SET number_until_settled = NULL WHERE reference = ?")
            .bind(1, e.reference).run();
        insert_outbox({0, e.reference + ":report", "report", report_payload(e.reference), 0, 0});
      }
    });
  } catch (const sql::Error& ex) {
    if (error) *error = std::string("journal: ") + ex.what();
    return false;
  }
  // The step is durable; the seal follows it. A seal left behind by a crash here is harmless
  // (the journal holds more than it says); a seal ahead of the journal never happens.
  std::string seal_error;
  if (!seal_->advance(step_id, &seal_error)) log_warn(seal_error);
  // The WAL still holds the page as it was before the number was erased: fold it into the
  // database and empty the log.
  if (e.step == JournalStep::settled) erase_from_wal();
  return true;
}

void Journal::for_each_transaction(bool only_open, const std::function<void(JournaledTransaction&&)>& each) {
  // All of them in one pass in the order of two indexes (transactions by creation, steps by
  // reference), so that SQLite needs no sort and no more than one transaction is ever held.
  // The unsettled ones are found through their own table (a few rows, sorted here).
  const std::string sql =
      std::string("SELECT t.reference, t.state, t.number_until_settled IS NOT NULL, t.created_at, t.updated_at, "
                  "t.number_until_settled, s.step, s.fields FROM ") +
      (only_open ? "unsettled u JOIN transactions t ON t.reference = u.reference "
                 : "transactions t INDEXED BY transactions_by_creation ") +
      "LEFT JOIN steps s ON s.reference = t.reference ORDER BY t.created_at, t.reference, s.id";
  sql::Statement s(db_, sql);
  std::optional<JournaledTransaction> t;
  while (s.step()) {
    if (!t || t->reference != s.text(0)) {
      if (t) each(std::move(*t));
      t.emplace();
      t->reference = s.text(0);
      t->state = s.text(1);
      t->holds_number = s.integer(2) != 0;
      t->created_at = s.text(3);
      t->updated_at = s.text(4);
      t->number = s.text(5);
    }
    if (s.is_null(6)) continue;  // a transaction without steps (never written so)
    t->steps.push_back(s.text(6));
    auto f = nlohmann::json::parse(s.text(7), nullptr, false);
    if (f.is_object())
      for (const auto& [k, v] : f.items())
        if (v.is_string()) t->fields[k] = v.get<std::string>();
  }
  if (t) each(std::move(*t));
}

std::vector<JournaledTransaction> Journal::transactions() {
  return read_or_log("the transactions", std::vector<JournaledTransaction>{}, [&] {
    std::vector<JournaledTransaction> out;
    for_each_transaction(false, [&](JournaledTransaction&& t) { out.push_back(std::move(t)); });
    return out;
  });
}

std::vector<JournaledTransaction> Journal::open_transactions() {
  return read_or_log("the unsettled transactions", std::vector<JournaledTransaction>{}, [&] {
    std::vector<JournaledTransaction> out;
    for_each_transaction(true, [&](JournaledTransaction&& t) { out.push_back(std::move(t)); });
    return out;
  });
}

void Journal::insert_outbox(const OutboxItem& item) {
  sql::Statement(db_, "INSERT OR IGNORE INTO outbox (key, kind, payload, next_at) VALUES (?,?,?,?)")
      .bind(1, item.key).bind(2, item.kind).bind(3, item.payload).bind(4, item.next_at_ms).run();
}

bool Journal::enqueue(const OutboxItem& item, std::string* error) {
  try {
    insert_outbox(item);
    return true;
  } catch (const sql::Error& e) {
    if (error) *error = std::string("journal: outbox: ") + e.what();
    return false;
  }
}

std::vector<OutboxItem> Journal::due_outbox(long long now_ms, int limit) {
  return read_or_log("the outbox", std::vector<OutboxItem>{}, [&] {
    sql::Statement s(db_,
                     "SELECT id, key, kind, payload, attempts, next_at FROM outbox "
                     "WHERE sent_at IS NULL AND next_at <= ? ORDER BY id LIMIT ?");
    s.bind(1, now_ms).bind(2, limit);
    std::vector<OutboxItem> out;
    while (s.step())
      out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.integer(4)), s.integer(5)});
    return out;
  });
}

std::size_t Journal::outbox_pending() {
  return read_or_log("the outbox", std::size_t{0}, [&] {
    return static_cast<std::size_t>(sql::query_integer(db_, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"));
  });
}

bool Journal::mark_sent(long long id, bool held_number) {
  const bool ok = read_or_log("the outbox", false, [&] {
    sql::Statement(db_, "UPDATE outbox SET sent_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), payload = NULL WHERE id = ?")
        .bind(1, id).run();
    return true;
  });
  // The payload of an SMS holds a number: fold the erased page out of the WAL as well.
  if (ok && held_number) erase_from_wal();
  return ok;
}

bool Journal::postpone(long long id, long long next_at_ms) {
  return read_or_log("the outbox", false, [&] {
    sql::Statement(db_, "UPDATE outbox SET attempts = attempts + 1, next_at = ? WHERE id = ?")
        .bind(1, next_at_ms).bind(2, id).run();
    return true;
  });
}

// Throws sql::Error: append() calls it inside its transaction.
std::string Journal::report_payload(const std::string& reference) {
  nlohmann::json steps = nlohmann::json::array();
  sql::Statement q(db_, "SELECT step, fields, at FROM steps WHERE reference = ? ORDER BY id");
  q.bind(1, reference);
  while (q.step()) {
    auto fields = nlohmann::json::parse(q.text(1), nullptr, false);
    steps.push_back({{"step", q.text(0)}, {"at", q.text(2)},
                     {"fields", fields.is_discarded() ? nlohmann::json::object() : fields}});
  }
  return nlohmann::json{{"reference", reference}, {"steps", steps}}.dump();
}

std::string Journal::newest_provider_ref(PayMethod method) {
  return read_or_log("the provider references", std::string(), [&] {
    return sql::query_text(db_, std::string("SELECT value FROM meta WHERE key = 'newest_ref.") +
                                    (method == PayMethod::card ? "card" : "wallet") + "'");
  });
}

}  // namespace kiosk

namespace kiosk {

namespace {
const char* kind_name(ReceiptData::Kind k) {
  switch (k) {
    case ReceiptData::Kind::renewal: return "renewal";
    case ReceiptData::Kind::refund: return "refund";
    case ReceiptData::Kind::pending: return "pending";
    case ReceiptData::Kind::not_charged: return "not_charged";
  }
  return "renewal";
}
}  // namespace

bool Journal::save_receipt(const ReceiptData& r, std::string* error) {
  nlohmann::json j{{"kind", kind_name(r.kind)}, {"lang", lang_code(r.lang)}, {"kiosk_id", r.kiosk_id},
                   {"location", r.location}, {"support_phone", r.support_phone},
                   {"software_version", r.software_version}, {"timestamp", r.timestamp},
                   {"brand", brand_id(r.brand)}, {"brand_name", r.brand_name}, {"number_masked", r.number_masked}, {"plan_name", r.plan_name},
                   {"months", r.months}, {"valid_until", iso_date(r.valid_until)}, {"amount_cents", r.amount},
                   {"price_cents", r.price}, {"discount_cents", r.discount}, {"fee_cents", r.reactivation_fee},
                   {"bonus_cents", r.bonus_credit},
                   {"method", r.method == PayMethod::card ? "card" : "wallet"},
                   {"card_type", r.payment.card_type}, {"pan_masked", mask_pan(r.payment.pan_masked)},
                   {"terminal_id", r.payment.terminal_id}, {"trace", r.payment.trace},
                   {"provider_ref", r.payment.provider_ref}, {"auth_code", r.payment.auth_code},
                   {"terminal_lines", r.payment.terminal_lines}, {"reference", r.reference},
                   {"confirmation_id", r.confirmation_id}};
  try {
    sql::Statement(db_, "INSERT INTO receipts (code, reference, kind, json) VALUES (?,?,?,?)")
        .bind(1, r.reprint_code).bind(2, r.reference).bind(3, kind_name(r.kind)).bind(4, j.dump()).run();
    return true;
  } catch (const sql::Error& e) {
    if (error) *error = std::string("journal: ") + e.what();
    return false;
  }
}

std::optional<ReceiptData> Journal::find_receipt(const std::string& code) {
  const std::string json = read_or_log("a receipt", std::string(), [&] {
    sql::Statement s(db_, "SELECT json FROM receipts WHERE code = ? ORDER BY id DESC LIMIT 1");
    s.bind(1, code);
    return s.step() ? s.text(0) : std::string();
  });
  std::optional<ReceiptData> out;
  if (!json.empty()) {
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_object()) {
      ReceiptData r;
      const std::string kind = j.value("kind", "renewal");
      r.kind = ReceiptData::Kind::renewal;
      for (auto k : {ReceiptData::Kind::refund, ReceiptData::Kind::pending, ReceiptData::Kind::not_charged})
        if (kind == kind_name(k)) r.kind = k;
      r.lang = parse_lang(j.value("lang", "en")).value_or(Lang::en);
      r.kiosk_id = j.value("kiosk_id", "");
      r.location = j.value("location", "");
      r.support_phone = j.value("support_phone", "");
      r.software_version = j.value("software_version", "");
      r.timestamp = j.value("timestamp", "");
      r.brand = parse_brand(j.value("brand", "")).value_or(Brand{});
      r.brand_name = j.value("brand_name", "");
      r.number_masked = j.value("number_masked", "");
      r.plan_name = j.value("plan_name", "");
      r.months = j.value("months", 1);
      r.valid_until = parse_iso_date(j.value("valid_until", "")).value_or(CivilDate{});
      r.amount = j.value("amount_cents", Cents{0});
      r.price = j.value("price_cents", Cents{0});
      r.discount = j.value("discount_cents", Cents{0});
      r.reactivation_fee = j.value("fee_cents", Cents{0});
      r.bonus_credit = j.value("bonus_cents", Cents{0});
      r.method = j.value("method", "card") == "card" ? PayMethod::card : PayMethod::wallet;
      r.payment.card_type = j.value("card_type", "");
      r.payment.pan_masked = j.value("pan_masked", "");
      r.payment.terminal_id = j.value("terminal_id", "");
      r.payment.trace = j.value("trace", 0u);
      r.payment.provider_ref = j.value("provider_ref", "");
      r.payment.auth_code = j.value("auth_code", "");
      r.payment.terminal_lines = j.value("terminal_lines", std::vector<std::string>{});
      r.reference = j.value("reference", "");
      r.confirmation_id = j.value("confirmation_id", "");
      r.reprint_code = code;
      out = r;
    }
  }
  return out;
}

}  // namespace kiosk
