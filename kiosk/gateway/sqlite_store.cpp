// The store on SQLite: renewals, subscribers, the SMS outbox and reports.
#include "sqlite_store.hpp"

#include <nlohmann/json.hpp>

#include "wire.hpp"

namespace kiosk::gateway {

namespace {

using sql::Statement;

RenewalRecord renewal_from(const Statement& s) {
  RenewalRecord r;
  r.reference = s.text(0);
  r.brand = parse_brand(s.text(1)).value_or(Brand{});
  r.msisdn = s.text(2);
  r.plan_id = s.text(3);
  r.months = static_cast<int>(s.integer(4));
  r.amount = s.integer(5);
  r.status = s.text(6);
  r.confirmation_id = s.text(7);
  r.new_expiry = parse_iso_date(s.text(8)).value_or(CivilDate{});
  r.created_at = s.text(9);
  r.kiosk_id = s.text(10);
  r.bonus = s.integer(11);
  return r;
}

constexpr const char* renewal_columns =
    "reference, brand, msisdn, plan_id, months, amount_cents, status, confirmation_id, "
    "new_expiry, created_at, COALESCE(kiosk_id, ''), COALESCE(bonus_cents, 0)";

std::optional<RenewalRecord> renewal_in(sql::Database& db, const std::string& reference) {
  Statement q(db, (std::string("SELECT ") + renewal_columns + " FROM renewals WHERE reference = ?").c_str());
  q.bind(1, reference);
  if (!q.step()) return std::nullopt;
  return renewal_from(q);
}

// Read connections kept for the next reads; more are opened while many read at once.
constexpr std::size_t max_idle_readers = 8;

// Writes between two forced checkpoints. SQLite's automatic checkpoint cannot restart a WAL
// that a reader holds, so the gateway also truncates it itself.
constexpr int checkpoint_every = 500;

}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::open(const std::string& path, std::string* error) {
  std::unique_ptr<SqliteStore> store;
  try {
    store.reset(new SqliteStore(sql::Database::open(path), path));
    store->db_.exec("PRAGMA journal_mode=WAL");
    store->db_.exec("PRAGMA synchronous=FULL");
    store->db_.exec("PRAGMA journal_size_limit=8388608");
    store->db_.exec("PRAGMA secure_delete=ON");  // erased numbers and texts are overwritten in the file
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS subscribers (brand TEXT, msisdn TEXT, status TEXT, "
        "balance_cents INTEGER, expiry TEXT, plan_id TEXT, returning_customer INTEGER, "
        "reactivation_fee_cents INTEGER, suspended_since TEXT, PRIMARY KEY (brand, msisdn))");
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS brands (brand TEXT PRIMARY KEY, reactivation_fee_cents INTEGER, "
        "customer_numbers INTEGER)");
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS reminders (reference TEXT PRIMARY KEY, kiosk_id TEXT, brand TEXT, msisdn TEXT, "
        "expiry TEXT, lang TEXT, send_on TEXT, text TEXT, "
        "consent_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS customers (brand TEXT, customer_number TEXT, msisdn TEXT, "
        "PRIMARY KEY (brand, customer_number))");
    store->db_.exec("CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, brand TEXT, ord INTEGER, json TEXT)");
    // The catalog the brands and plans above come from, as it was read: one row.
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS catalog (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL, "
        "text TEXT NOT NULL)");
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS renewals (reference TEXT PRIMARY KEY, brand TEXT, msisdn TEXT, "
        "plan_id TEXT, months INTEGER, amount_cents INTEGER, status TEXT, confirmation_id TEXT, "
        "new_expiry TEXT, created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), kiosk_id TEXT, "
        "number_erased INTEGER DEFAULT 0, bonus_cents INTEGER DEFAULT 0)");
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS sms (id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT, "
        "kind TEXT, msisdn TEXT, text TEXT, "
        "created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), kiosk_id TEXT, sent_at TEXT, "
        "text_length INTEGER DEFAULT 0, UNIQUE (reference, kind))");
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS reports (reference TEXT PRIMARY KEY, json TEXT, "
        "created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), kiosk_id TEXT)");
    // Bancontact's status callbacks: each signed one once (by its jti), and the status they tell
    // per payment, never moved back by one that comes late.
    store->db_.exec(
        "CREATE TABLE IF NOT EXISTS wallet_callbacks (jti TEXT PRIMARY KEY, payment_id TEXT, status TEXT, "
        "received_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));"
        "CREATE INDEX IF NOT EXISTS wallet_callbacks_by_age ON wallet_callbacks (received_at);"
        "CREATE TABLE IF NOT EXISTS wallet_payments (payment_id TEXT PRIMARY KEY, reference TEXT, amount_cents INTEGER, "
        "status TEXT, updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    // A store made before references were bound to kiosks gets the new columns. (An index on
    // kiosk_id keeps rowid order within a kiosk, which last_reference() relies on.)
    store->add_missing_columns();
    store->db_.exec("CREATE INDEX IF NOT EXISTS renewals_by_kiosk ON renewals (kiosk_id)");
    // What the periodic jobs look for, kept apart from the history they would otherwise scan.
    store->db_.exec("CREATE INDEX IF NOT EXISTS sms_queued ON sms (id) WHERE sent_at IS NULL");
    store->db_.exec("CREATE INDEX IF NOT EXISTS reminders_due ON reminders (send_on)");
    store->db_.exec("CREATE INDEX IF NOT EXISTS renewals_with_numbers ON renewals (created_at) WHERE number_erased = 0");
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return nullptr;
  }
  return store;
}

void SqliteStore::add_missing_columns() {
  const auto has = [this](const char* table, const char* column) {
    Statement q(db_, (std::string("SELECT COUNT(*) FROM pragma_table_info('") + table + "') WHERE name = ?").c_str());
    q.bind(1, std::string(column)).step();
    return q.integer(0) > 0;
  };
  const std::pair<const char*, const char*> columns[] = {
      {"renewals", "kiosk_id TEXT"}, {"renewals", "number_erased INTEGER DEFAULT 0"}, {"sms", "kiosk_id TEXT"},
      {"sms", "sent_at TEXT"},       {"sms", "text_length INTEGER DEFAULT 0"},         {"reports", "kiosk_id TEXT"},
      {"renewals", "bonus_cents INTEGER DEFAULT 0"}, {"subscribers", "suspended_since TEXT"}};
  for (const auto& [table, column] : columns) {
    const std::string name(column, std::string_view(column).find(' '));
    if (!has(table, name.c_str())) db_.exec(std::string("ALTER TABLE ") + table + " ADD COLUMN " + column);
  }
}

std::unique_ptr<sql::Database> SqliteStore::take_reader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!readers_.empty()) {
      auto db = std::move(readers_.back());
      readers_.pop_back();
      return db;
    }
  }
  return std::make_unique<sql::Database>(sql::Database::open(path_, sql::Database::Mode::read_only));
}

void SqliteStore::give_back_reader(std::unique_ptr<sql::Database> db) {
  std::lock_guard lock(readers_mutex_);
  if (readers_.size() < max_idle_readers) readers_.push_back(std::move(db));
}

void SqliteStore::submit(Job& job) {
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&job);
  while (!job.done) {
    if (committing_) {
      queue_cv_.wait(lock);
      continue;
    }
    // This caller commits everything queued so far, its own job included, in one transaction.
    committing_ = true;
    std::vector<Job*> batch;
    batch.swap(queue_);
    lock.unlock();
    commit(batch);
    lock.lock();
    committing_ = false;
    for (Job* j : batch) j->done = true;
    queue_cv_.notify_all();
  }
  if (job.error) std::rethrow_exception(job.error);
}

void SqliteStore::commit(const std::vector<Job*>& batch) {
  std::lock_guard lock(mutex_);
  try {
    db_.exec("BEGIN IMMEDIATE");
    for (Job* j : batch) {
      // A job that fails takes back only its own changes.
      db_.exec("SAVEPOINT job");
      try {
        j->work();
        db_.exec("RELEASE job");
      } catch (...) {
        j->error = std::current_exception();
        db_.exec("ROLLBACK TO job; RELEASE job");
      }
    }
    db_.exec("COMMIT");
  } catch (...) {
    // BEGIN or COMMIT failed (disk full, I/O error): nothing of the batch is stored.
    try {
      db_.exec("ROLLBACK");
    } catch (const sql::Error&) {
      // SQLite rolled back already
    }
    for (Job* j : batch)
      if (!j->error) j->error = std::current_exception();
    return;
  }
  writes_since_checkpoint_ += static_cast<int>(batch.size());
  if (writes_since_checkpoint_ >= checkpoint_every) truncate_wal();
}

void SqliteStore::wrote() {
  if (++writes_since_checkpoint_ >= checkpoint_every) truncate_wal();
}

void SqliteStore::truncate_wal() {
  writes_since_checkpoint_ = 0;
  db_.truncate_wal();
}

void SqliteStore::checkpoint() {
  std::lock_guard lock(mutex_);
  truncate_wal();
}

std::optional<Subscriber> SqliteStore::find_subscriber(const Brand& brand, const std::string& msisdn) {
  return read([&](sql::Database& db) -> std::optional<Subscriber> {
    Statement q(db,
                "SELECT status, balance_cents, expiry, plan_id, returning_customer, reactivation_fee_cents, "
                "COALESCE(suspended_since, '') FROM subscribers WHERE brand = ? AND msisdn = ?");
    q.bind(1, std::string(brand_id(brand))).bind(2, msisdn);
    if (!q.step()) return std::nullopt;
    Subscriber s;
    s.status = wire::parse_status(q.text(0)).value_or(SubscriberStatus::active);
    s.balance = q.integer(1);
    s.expiry = parse_iso_date(q.text(2)).value_or(CivilDate{});
    s.current_plan_id = q.text(3);
    s.returning_customer = q.integer(4) != 0;
    s.reactivation_fee = q.integer(5);
    // A row from before the date was kept: suspended, as far as is known, since the plan ended.
    if (s.status == SubscriberStatus::suspended) s.suspended_since = parse_iso_date(q.text(6)).value_or(s.expiry);
    return s;
  });
}

std::optional<std::string> SqliteStore::msisdn_of_customer(const Brand& brand, const std::string& customer_number) {
  return read([&](sql::Database& db) -> std::optional<std::string> {
    Statement q(db,
                "SELECT c.msisdn FROM customers c JOIN brands b ON b.brand = c.brand "
                "WHERE c.brand = ? AND c.customer_number = ? AND b.customer_numbers = 1");
    q.bind(1, std::string(brand_id(brand))).bind(2, customer_number);
    if (!q.step()) return std::nullopt;
    return q.text(0);
  });
}

std::vector<Plan> SqliteStore::plans(const Brand& brand) {
  return read([&](sql::Database& db) -> std::vector<Plan> {
    Statement q(db, "SELECT json FROM plans WHERE brand = ? ORDER BY ord");
    q.bind(1, std::string(brand_id(brand)));
    std::vector<Plan> out;
    while (q.step()) {
      auto j = nlohmann::json::parse(q.text(0), nullptr, false);
      if (auto p = wire::plan_from_json(j)) out.push_back(*p);
    }
    return out;
  });
}

std::optional<RenewalRecord> SqliteStore::find_renewal(const std::string& reference) {
  return read([&](sql::Database& db) { return renewal_in(db, reference); });
}

std::vector<RenewalRecord> SqliteStore::renewals() {
  return read([&](sql::Database& db) {
    Statement q(db, (std::string("SELECT ") + renewal_columns + " FROM renewals ORDER BY created_at").c_str());
    std::vector<RenewalRecord> out;
    while (q.step()) out.push_back(renewal_from(q));
    return out;
  });
}

Delivery SqliteStore::deliver(RenewalRecord& r, const Subscriber& quoted_from) {
  return write([&] {
    if (auto first = renewal_in(db_, r.reference)) {
      const bool same = first->status == "delivered" && same_request(*first, r);
      r = *first;
      return same ? Delivery::replayed : Delivery::conflict;
    }
    // The subscriber is extended only from the state the price was made from. The bonus goes
    // onto the balance in the same transaction as the renewal's row, whose reference is its
    // key: credited once per reference, never on a replay.
    Statement upd(db_,
                  "UPDATE subscribers SET status = 'active', expiry = ?, plan_id = ?, returning_customer = 1, "
                  "reactivation_fee_cents = 0, suspended_since = NULL, balance_cents = balance_cents + ? "
                  "WHERE brand = ? AND msisdn = ? AND status = ? AND expiry = ? AND returning_customer = ? "
                  "AND reactivation_fee_cents = ?");
    upd.bind(1, iso_date(r.new_expiry))
        .bind(2, r.plan_id)
        .bind(3, r.bonus)
        .bind(4, std::string(brand_id(r.brand)))
        .bind(5, r.msisdn)
        .bind(6, std::string(wire::status_name(quoted_from.status)))
        .bind(7, iso_date(quoted_from.expiry))
        .bind(8, quoted_from.returning_customer ? 1LL : 0LL)
        .bind(9, quoted_from.reactivation_fee)
        .run();
    if (db_.changes() == 0) return Delivery::stale;
    // The n-th renewal stored (voids included; nothing is ever deleted): the highest rowid, read
    // from the end of the table, where counting the rows read all of them at every delivery.
    Statement count(db_, "SELECT COALESCE(MAX(rowid), 0) FROM renewals");
    count.step();
    r.confirmation_id = confirmation_id(r.brand, count.integer(0) + 1);
    r.status = "delivered";
    Statement ins(db_,
                  "INSERT INTO renewals (reference, brand, msisdn, plan_id, months, amount_cents, status, "
                  "confirmation_id, new_expiry, kiosk_id, bonus_cents) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, r.reference)
        .bind(2, std::string(brand_id(r.brand)))
        .bind(3, r.msisdn)
        .bind(4, r.plan_id)
        .bind(5, static_cast<long long>(r.months))
        .bind(6, r.amount)
        .bind(7, r.status)
        .bind(8, r.confirmation_id)
        .bind(9, iso_date(r.new_expiry))
        .bind(10, r.kiosk_id)
        .bind(11, r.bonus)
        .run();
    Statement made(db_, "SELECT created_at FROM renewals WHERE rowid = last_insert_rowid()");
    if (made.step()) r.created_at = made.text(0);
    return Delivery::created;
  });
}

RenewalRecord SqliteStore::void_unless_delivered(const std::string& kiosk_id, const std::string& reference) {
  std::optional<RenewalRecord> first = write([&]() -> std::optional<RenewalRecord> {
    if (auto known = renewal_in(db_, reference)) return known;
    Statement ins(db_, "INSERT INTO renewals (reference, status, amount_cents, months, kiosk_id) VALUES (?, 'void', 0, 0, ?)");
    ins.bind(1, reference).bind(2, kiosk_id).run();
    return std::nullopt;
  });
  if (first) return *first;
  RenewalRecord r;
  r.reference = reference;
  r.kiosk_id = kiosk_id;
  r.status = "void";
  return r;
}

std::string SqliteStore::last_reference(const std::string& kiosk_id) {
  return read([&](sql::Database& db) -> std::string {
    Statement q(db, "SELECT reference FROM renewals WHERE kiosk_id = ? ORDER BY rowid DESC LIMIT 1");
    q.bind(1, kiosk_id);
    return q.step() ? q.text(0) : std::string();
  });
}

bool SqliteStore::add_sms(const SmsRecord& m) {
  return write([&] {
    Statement ins(db_,
                  "INSERT OR IGNORE INTO sms (reference, kind, msisdn, text, kiosk_id, text_length) VALUES (?,?,?,?,?,?)");
    ins.bind(1, m.reference).bind(2, m.kind).bind(3, m.msisdn).bind(4, m.text).bind(5, m.kiosk_id);
    ins.bind(6, static_cast<long long>(m.text.size())).run();
    return db_.changes() > 0;
  });
}

std::vector<SmsRecord> SqliteStore::sms() {
  return read([&](sql::Database& db) -> std::vector<SmsRecord> {
    Statement q(db,
                "SELECT id, reference, kind, msisdn, text, created_at, COALESCE(kiosk_id, ''), COALESCE(sent_at, ''), "
                "text_length FROM sms ORDER BY id");
    std::vector<SmsRecord> out;
    while (q.step())
      out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7),
                     q.integer(8)});
    return out;
  });
}

int SqliteStore::send_queued_sms() {
  std::lock_guard lock(mutex_);
  // Claimed and marked in one write transaction: a second gateway process on this file waits
  // for it, then finds them sent.
  const int sent = db_.transaction([&] {
    std::vector<std::pair<long long, std::string>> queued;
    {
      Statement q(db_, "SELECT id, msisdn FROM sms WHERE sent_at IS NULL ORDER BY id LIMIT 100");
      while (q.step()) queued.emplace_back(q.integer(0), q.text(1));
    }
    for (const auto& [id, msisdn] : queued) {
      Statement upd(db_,
                    "UPDATE sms SET msisdn = ?, text = '', sent_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?");
      upd.bind(1, masked_number(msisdn)).bind(2, id).run();
    }
    return static_cast<int>(queued.size());
  });
  if (sent > 0) truncate_wal();  // the WAL still holds the pages with the texts
  return sent;
}

bool SqliteStore::add_report(const std::string& kiosk_id, const std::string& reference, const std::string& json) {
  return write([&] {
    Statement ins(db_, "INSERT OR IGNORE INTO reports (reference, json, kiosk_id) VALUES (?,?,?)");
    ins.bind(1, reference).bind(2, json).bind(3, kiosk_id).run();
    return db_.changes() > 0;
  });
}

int SqliteStore::erase_old_numbers(int days) {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::string>> due;
  {
    Statement q(db_,
                "SELECT reference, msisdn FROM renewals WHERE number_erased = 0 AND msisdn IS NOT NULL AND "
                "created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)");
    q.bind(1, "-" + std::to_string(days) + " days");
    while (q.step()) due.emplace_back(q.text(0), q.text(1));
  }
  if (due.empty()) return 0;
  db_.transaction([&] {
    for (const auto& [reference, msisdn] : due) {
      Statement upd(db_, "UPDATE renewals SET msisdn = ?, number_erased = 1 WHERE reference = ?");
      upd.bind(1, masked_number(msisdn)).bind(2, reference).run();
    }
  });
  truncate_wal();  // the WAL still holds the pages with the numbers
  return static_cast<int>(due.size());
}

std::vector<std::pair<std::string, std::string>> SqliteStore::reports() {
  return read([&](sql::Database& db) -> std::vector<std::pair<std::string, std::string>> {
    Statement q(db, "SELECT reference, json FROM reports ORDER BY created_at");
    std::vector<std::pair<std::string, std::string>> out;
    while (q.step()) out.emplace_back(q.text(0), q.text(1));
    return out;
  });
}

}  // namespace kiosk::gateway
