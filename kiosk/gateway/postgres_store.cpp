// The store on PostgreSQL: its connections, and renewals, the decisions that move money.
#include "postgres_store.hpp"
#include "postgres_time.hpp"

#include <thread>

#include "log/log.hpp"
#include "wire.hpp"

namespace kiosk::gateway {

namespace {


constexpr const char* renewal_columns =
    "SELECT reference, COALESCE(brand, ''), COALESCE(msisdn, ''), COALESCE(plan_id, ''), months, amount_cents, "
    "status, COALESCE(confirmation_id, ''), COALESCE(new_expiry::text, ''), " KIOSK_PG_UTC_TEXT("created_at")
    ", kiosk_id, bonus_cents FROM renewals ";

RenewalRecord renewal_from(const pg::Result& q, int row) {
  RenewalRecord r;
  r.reference = q.text(row, 0);
  r.brand = parse_brand(q.text(row, 1)).value_or(Brand{});
  r.msisdn = q.text(row, 2);
  r.plan_id = q.text(row, 3);
  r.months = static_cast<int>(q.integer(row, 4));
  r.amount = q.integer(row, 5);
  r.status = q.text(row, 6);
  r.confirmation_id = q.text(row, 7);
  r.new_expiry = parse_iso_date(q.text(row, 8)).value_or(CivilDate{});
  r.created_at = q.text(row, 9);
  r.kiosk_id = q.text(row, 10);
  r.bonus = q.integer(row, 11);
  return r;
}

std::optional<RenewalRecord> renewal_in(PostgresStore::Work& w, const std::string& reference) {
  const pg::Result q = w.exec(std::string(renewal_columns) + "WHERE reference = $1", pg::Params().add(reference));
  if (q.rows() == 0) return std::nullopt;
  return renewal_from(q, 0);
}

// The session every connection starts with; the connection string may say otherwise.
const std::vector<std::pair<std::string, std::string>> session_defaults = {
    {"connect_timeout", "3"},
    {"application_name", "kiosk-gateway"},
    // No statement, lock wait or forgotten transaction holds a worker or a row for long.
    {"options", "-c statement_timeout=5000 -c lock_timeout=3000 -c idle_in_transaction_session_timeout=10000 "
                "-c TimeZone=UTC -c DateStyle=ISO -c client_min_messages=warning"},
};

}  // namespace

PostgresStore::PostgresStore(std::string conninfo, const Options& options)
    : conninfo_(std::move(conninfo)), options_(options) {}

PostgresStore::~PostgresStore() = default;

std::unique_ptr<PostgresStore> PostgresStore::open(const std::string& conninfo, std::string* error) {
  return open(conninfo, Options{}, error);
}

std::unique_ptr<PostgresStore> PostgresStore::open(const std::string& conninfo, const Options& options,
                                                   std::string* error) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(conninfo, options));
  try {
    store->give_back(store->take());  // fails here, clearly, when the database is not there
    store->migrate();
  } catch (const std::exception& e) {
    if (error) *error = std::string("the PostgreSQL store cannot be used: ") + e.what();
    return nullptr;
  }
  return store;
}

std::unique_ptr<pg::Connection> PostgresStore::connect() { return pg::Connection::open(conninfo_, session_defaults); }

std::unique_ptr<pg::Connection> PostgresStore::take() {
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || open_ < options_.connections; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++open_;
  }
  try {
    return connect();
  } catch (...) {
    std::lock_guard lock(mutex_);
    --open_;
    returned_.notify_one();
    throw;
  }
}

void PostgresStore::give_back(std::unique_ptr<pg::Connection> c) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(c));  // a broken one too: it reconnects when next taken
  returned_.notify_one();
}

void PostgresStore::abandon(std::unique_ptr<pg::Connection> c, bool transaction) {
  if (c && c->ok() && transaction) {
    try {
      c->run("ROLLBACK");
    } catch (const pg::Error&) {
      // checked again (and reconnected) before its next use
    }
  }
  if (c) give_back(std::move(c));  // none when take() itself failed
}

void PostgresStore::attempt_failed(const pg::Error& e, int attempt, std::chrono::steady_clock::time_point deadline) {
  const bool timed_out = e.sqlstate == "57014" || e.sqlstate == "55P03";
  if (!e.retryable()) {
    if (timed_out) throw StoreUnavailable(e.what());
    throw e;
  }
  // 20, 40, 80 … 320 ms between tries: a restart takes the database a second or two.
  const auto pause = std::chrono::milliseconds(20 << std::min(attempt, 4));
  if (std::chrono::steady_clock::now() + pause > deadline) {
    log_warn(std::string("store: giving up for now: ") + e.what());
    throw StoreUnavailable(e.what());
  }
  if (attempt == 0) log_warn(std::string("store: trying again: ") + e.what());
  std::this_thread::sleep_for(pause);
}

std::optional<Subscriber> PostgresStore::find_subscriber(const Brand& brand, const std::string& msisdn) {
  return run(false, [&](Work& w) -> std::optional<Subscriber> {
    const pg::Result q = w.exec(
        "SELECT status, balance_cents, expiry::text, plan_id, returning_customer, reactivation_fee_cents, "
        "COALESCE(suspended_since::text, '') FROM subscribers WHERE brand = $1 AND msisdn = $2",
        pg::Params().add(brand.id).add(msisdn));
    if (q.rows() == 0) return std::nullopt;
    Subscriber s;
    s.status = wire::parse_status(q.text(0, 0)).value_or(SubscriberStatus::active);
    s.balance = q.integer(0, 1);
    s.expiry = parse_iso_date(q.text(0, 2)).value_or(CivilDate{});
    s.current_plan_id = q.text(0, 3);
    s.returning_customer = q.boolean(0, 4);
    s.reactivation_fee = q.integer(0, 5);
    if (s.status == SubscriberStatus::suspended) s.suspended_since = parse_iso_date(q.text(0, 6)).value_or(s.expiry);
    return s;
  });
}

std::optional<RenewalRecord> PostgresStore::find_renewal(const std::string& reference) {
  return run(false, [&](Work& w) { return renewal_in(w, reference); });
}

std::vector<RenewalRecord> PostgresStore::renewals() {
  return run(false, [&](Work& w) {
    const pg::Result q = w.exec(std::string(renewal_columns) + "ORDER BY id");
    std::vector<RenewalRecord> out;
    for (int i = 0; i < q.rows(); ++i) out.push_back(renewal_from(q, i));
    return out;
  });
}

Delivery PostgresStore::deliver(RenewalRecord& r, const Subscriber& quoted_from) {
  RenewalRecord first;
  // kiosk_deliver (migration 2) decides in one statement, so in one transaction of its own.
  const Delivery d = run(false, [&](Work& w) {
    const pg::Result q = w.exec(
        "SELECT outcome, confirmation, " KIOSK_PG_UTC_TEXT("made") " FROM kiosk_deliver($1, $2, $3, $4, $5, $6, $7, "
        "$8::date, $9, $10, $11, $12::date, $13, $14)",
        pg::Params()
            .add(r.reference)
            .add(r.brand.id)
            .add(r.msisdn)
            .add(r.plan_id)
            .add(r.months)
            .add(static_cast<long long>(r.amount))
            .add(confirmation_prefix(r.brand))
            .add(iso_date(r.new_expiry))
            .add(r.kiosk_id)
            .add(static_cast<long long>(r.bonus))
            .add(std::string(wire::status_name(quoted_from.status)))
            .add(iso_date(quoted_from.expiry))
            .add(quoted_from.returning_customer)
            .add(static_cast<long long>(quoted_from.reactivation_fee)));
    const std::string outcome = q.text(0, 0);
    if (outcome == "stale") return Delivery::stale;
    if (outcome == "exists") {
      first = renewal_in(w, r.reference).value_or(RenewalRecord{});
      return first.status == "delivered" && same_request(first, r) ? Delivery::replayed : Delivery::conflict;
    }
    first = r;
    first.status = "delivered";
    first.confirmation_id = q.text(0, 1);
    first.created_at = q.text(0, 2);
    return Delivery::created;
  });
  if (d != Delivery::stale) r = first;
  return d;
}

RenewalRecord PostgresStore::void_unless_delivered(const std::string& kiosk_id, const std::string& reference) {
  return run(false, [&](Work& w) {
    const pg::Result ins = w.exec(
        "INSERT INTO renewals (reference, status, amount_cents, months, kiosk_id) VALUES ($1, 'void', 0, 0, $2) "
        "ON CONFLICT (reference) DO NOTHING RETURNING " KIOSK_PG_UTC_TEXT("created_at"),
        pg::Params().add(reference).add(kiosk_id));
    if (ins.rows() == 0) {
      if (auto known = renewal_in(w, reference)) return *known;
      throw pg::Error("renewal " + reference + " neither inserted nor found", "", false);
    }
    RenewalRecord r;
    r.reference = reference;
    r.kiosk_id = kiosk_id;
    r.status = "void";
    r.created_at = ins.text(0, 0);
    return r;
  });
}

std::string PostgresStore::last_reference(const std::string& kiosk_id) {
  return run(false, [&](Work& w) {
    const pg::Result q =
        w.exec("SELECT reference FROM renewals WHERE kiosk_id = $1 ORDER BY id DESC LIMIT 1", pg::Params().add(kiosk_id));
    return q.rows() ? q.text(0, 0) : std::string();
  });
}

bool PostgresStore::add_report(const std::string& kiosk_id, const std::string& reference, const std::string& json) {
  return run(false, [&](Work& w) {
    return w.exec("INSERT INTO reports (reference, json, kiosk_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                  pg::Params().add(reference).add(json).add(kiosk_id))
               .affected() > 0;
  });
}

std::vector<std::pair<std::string, std::string>> PostgresStore::reports() {
  return run(false, [&](Work& w) {
    const pg::Result q = w.exec("SELECT reference, json FROM reports ORDER BY created_at, reference");
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < q.rows(); ++i) out.emplace_back(q.text(i, 0), q.text(i, 1));
    return out;
  });
}

int PostgresStore::erase_old_numbers(int days) {
  // In slices, each claimed by one gateway, so that working the backlog never blocks renewals.
  int erased = 0;
  for (;;) {
    const int n = run(true, [&](Work& w) {
      const pg::Result due = w.exec(
          "SELECT reference, msisdn FROM renewals WHERE NOT number_erased AND msisdn IS NOT NULL "
          "AND created_at < now() - make_interval(days => $1) LIMIT 500 FOR UPDATE SKIP LOCKED",
          pg::Params().add(days));
      for (int i = 0; i < due.rows(); ++i)
        w.exec("UPDATE renewals SET msisdn = $1, number_erased = true WHERE reference = $2",
               pg::Params().add(masked_number(due.text(i, 1))).add(due.text(i, 0)));
      return due.rows();
    });
    erased += n;
    if (n < 500) return erased;
  }
}

}  // namespace kiosk::gateway
