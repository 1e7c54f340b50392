#include "store.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "wire.hpp"

namespace kiosk::gateway {

namespace {

// A prepared statement that finalises itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, long long v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  bool row() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite step: ") + sqlite3_errmsg(db_));
  }
  void run() { row(); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  long long integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

RenewalRecord renewal_from(const Stmt& s) {
  RenewalRecord r;
  r.reference = s.text(0);
  r.brand = parse_brand(s.text(1)).value_or(Brand::proximus);
  r.msisdn = s.text(2);
  r.plan_id = s.text(3);
  r.months = static_cast<int>(s.integer(4));
  r.amount = s.integer(5);
  r.status = s.text(6);
  r.confirmation_id = s.text(7);
  r.new_expiry = parse_iso_date(s.text(8)).value_or(CivilDate{});
  r.created_at = s.text(9);
  return r;
}

constexpr const char* renewal_columns =
    "reference, brand, msisdn, plan_id, months, amount_cents, status, confirmation_id, "
    "new_expiry, created_at";

std::string_view confirmation_prefix(Brand b) {
  switch (b) {
    case Brand::proximus: return "PXM";
    case Brand::orange: return "ORB";
    case Brand::base: return "BAS";
    case Brand::telenet: return "TLN";
    case Brand::digi: return "DGI";
    case Brand::lycamobile: return "LYC";
  }
  return "GW";
}

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& path, std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    if (error) *error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<Store> store(new Store(db));
  try {
    store->exec("PRAGMA journal_mode=WAL");
    store->exec("PRAGMA synchronous=FULL");
    store->exec(
        "CREATE TABLE IF NOT EXISTS subscribers (brand TEXT, msisdn TEXT, status TEXT, "
        "balance_cents INTEGER, expiry TEXT, plan_id TEXT, returning_customer INTEGER, "
        "reactivation_fee_cents INTEGER, PRIMARY KEY (brand, msisdn))");
    store->exec("CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, brand TEXT, ord INTEGER, json TEXT)");
    store->exec(
        "CREATE TABLE IF NOT EXISTS renewals (reference TEXT PRIMARY KEY, brand TEXT, msisdn TEXT, "
        "plan_id TEXT, months INTEGER, amount_cents INTEGER, status TEXT, confirmation_id TEXT, "
        "new_expiry TEXT, created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    store->exec(
        "CREATE TABLE IF NOT EXISTS sms (id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT, "
        "kind TEXT, msisdn TEXT, text TEXT, "
        "created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), UNIQUE (reference, kind))");
    store->exec(
        "CREATE TABLE IF NOT EXISTS reports (reference TEXT PRIMARY KEY, json TEXT, "
        "created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return nullptr;
  }
  return store;
}

Store::~Store() { sqlite3_close(db_); }

void Store::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string text = msg ? msg : "unknown error";
    sqlite3_free(msg);
    throw std::runtime_error("sqlite: " + text);
  }
}

void Store::seed_if_empty(const std::vector<SeedSubscriber>& subscribers, const std::vector<Plan>& plans) {
  std::lock_guard lock(mutex_);
  Stmt count(db_, "SELECT COUNT(*) FROM subscribers");
  count.row();
  if (count.integer(0) > 0) return;
  exec("BEGIN IMMEDIATE");
  for (const SeedSubscriber& s : subscribers) {
    Stmt ins(db_, "INSERT INTO subscribers VALUES (?,?,?,?,?,?,?,?)");
    ins.bind(1, std::string(brand_id(s.brand)))
        .bind(2, s.msisdn)
        .bind(3, std::string(wire::status_name(s.subscriber.status)))
        .bind(4, s.subscriber.balance)
        .bind(5, iso_date(s.subscriber.expiry))
        .bind(6, s.subscriber.current_plan_id)
        .bind(7, s.subscriber.returning_customer ? 1LL : 0LL)
        .bind(8, s.subscriber.reactivation_fee)
        .run();
  }
  long long order = 0;
  for (const Plan& p : plans) {
    Stmt ins(db_, "INSERT INTO plans VALUES (?,?,?,?)");
    ins.bind(1, p.id).bind(2, std::string(brand_id(p.brand))).bind(3, order++).bind(4, wire::to_json(p).dump()).run();
  }
  exec("COMMIT");
}

std::optional<Subscriber> Store::find_subscriber(Brand brand, const std::string& msisdn) {
  std::lock_guard lock(mutex_);
  Stmt q(db_,
         "SELECT status, balance_cents, expiry, plan_id, returning_customer, reactivation_fee_cents "
         "FROM subscribers WHERE brand = ? AND msisdn = ?");
  q.bind(1, std::string(brand_id(brand))).bind(2, msisdn);
  if (!q.row()) return std::nullopt;
  Subscriber s;
  s.status = wire::parse_status(q.text(0)).value_or(SubscriberStatus::active);
  s.balance = q.integer(1);
  s.expiry = parse_iso_date(q.text(2)).value_or(CivilDate{});
  s.current_plan_id = q.text(3);
  s.returning_customer = q.integer(4) != 0;
  s.reactivation_fee = q.integer(5);
  return s;
}

std::vector<Plan> Store::plans(Brand brand) {
  std::lock_guard lock(mutex_);
  Stmt q(db_, "SELECT json FROM plans WHERE brand = ? ORDER BY ord");
  q.bind(1, std::string(brand_id(brand)));
  std::vector<Plan> out;
  while (q.row()) {
    auto j = nlohmann::json::parse(q.text(0), nullptr, false);
    if (auto p = wire::plan_from_json(j)) out.push_back(*p);
  }
  return out;
}

std::optional<RenewalRecord> Store::find_renewal(const std::string& reference) {
  std::lock_guard lock(mutex_);
  return find_renewal_locked(reference);
}

std::optional<RenewalRecord> Store::find_renewal_locked(const std::string& reference) {
  Stmt q(db_, (std::string("SELECT ") + renewal_columns + " FROM renewals WHERE reference = ?").c_str());
  q.bind(1, reference);
  if (!q.row()) return std::nullopt;
  return renewal_from(q);
}

std::vector<RenewalRecord> Store::renewals() {
  std::lock_guard lock(mutex_);
  Stmt q(db_, (std::string("SELECT ") + renewal_columns + " FROM renewals ORDER BY created_at").c_str());
  std::vector<RenewalRecord> out;
  while (q.row()) out.push_back(renewal_from(q));
  return out;
}

RenewalRecord Store::deliver(RenewalRecord r, bool* replayed) {
  std::lock_guard lock(mutex_);
  exec("BEGIN IMMEDIATE");
  try {
    if (auto first = find_renewal_locked(r.reference)) {
      exec("COMMIT");
      if (replayed) *replayed = true;
      return *first;
    }
    Stmt count(db_, "SELECT COUNT(*) FROM renewals");
    count.row();
    std::string seq = std::to_string(100001 + count.integer(0));
    r.confirmation_id = std::string(confirmation_prefix(r.brand)) + "-" + seq;
    r.status = "delivered";
    Stmt ins(db_,
             "INSERT INTO renewals (reference, brand, msisdn, plan_id, months, amount_cents, status, "
             "confirmation_id, new_expiry) VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, r.reference)
        .bind(2, std::string(brand_id(r.brand)))
        .bind(3, r.msisdn)
        .bind(4, r.plan_id)
        .bind(5, static_cast<long long>(r.months))
        .bind(6, r.amount)
        .bind(7, r.status)
        .bind(8, r.confirmation_id)
        .bind(9, iso_date(r.new_expiry))
        .run();
    Stmt upd(db_,
             "UPDATE subscribers SET status = 'active', expiry = ?, plan_id = ?, returning_customer = 1, "
             "reactivation_fee_cents = 0 WHERE brand = ? AND msisdn = ?");
    upd.bind(1, iso_date(r.new_expiry)).bind(2, r.plan_id).bind(3, std::string(brand_id(r.brand))).bind(4, r.msisdn).run();
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
  if (replayed) *replayed = false;
  return r;
}

RenewalRecord Store::void_unless_delivered(const std::string& reference) {
  std::lock_guard lock(mutex_);
  exec("BEGIN IMMEDIATE");
  try {
    if (auto first = find_renewal_locked(reference)) {
      exec("COMMIT");
      return *first;
    }
    Stmt ins(db_, "INSERT INTO renewals (reference, status, amount_cents, months) VALUES (?, 'void', 0, 0)");
    ins.bind(1, reference).run();
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
  RenewalRecord r;
  r.reference = reference;
  r.status = "void";
  return r;
}

bool Store::add_sms(const SmsRecord& m) {
  std::lock_guard lock(mutex_);
  Stmt ins(db_, "INSERT OR IGNORE INTO sms (reference, kind, msisdn, text) VALUES (?,?,?,?)");
  ins.bind(1, m.reference).bind(2, m.kind).bind(3, m.msisdn).bind(4, m.text).run();
  return sqlite3_changes(db_) > 0;
}

std::vector<SmsRecord> Store::sms() {
  std::lock_guard lock(mutex_);
  Stmt q(db_, "SELECT id, reference, kind, msisdn, text, created_at FROM sms ORDER BY id");
  std::vector<SmsRecord> out;
  while (q.row()) out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
  return out;
}

bool Store::add_report(const std::string& reference, const std::string& json) {
  std::lock_guard lock(mutex_);
  Stmt ins(db_, "INSERT OR IGNORE INTO reports (reference, json) VALUES (?,?)");
  ins.bind(1, reference).bind(2, json).run();
  return sqlite3_changes(db_) > 0;
}

std::vector<std::pair<std::string, std::string>> Store::reports() {
  std::lock_guard lock(mutex_);
  Stmt q(db_, "SELECT reference, json FROM reports ORDER BY created_at");
  std::vector<std::pair<std::string, std::string>> out;
  while (q.row()) out.emplace_back(q.text(0), q.text(1));
  return out;
}

}  // namespace kiosk::gateway
