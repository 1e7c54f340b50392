// The operators' catalog in the store: the brands' terms and the plans the gateway quotes and
// checks every renewal against, replaced together when a newer catalog comes.
#include <nlohmann/json.hpp>
#include <string>

#include "sqlite_store.hpp"
#include "wire.hpp"

namespace kiosk::gateway {

namespace {

using sql::Statement;

void seed_subscriber(sql::Database& db, const SeedSubscriber& s) {
  Statement(db,
            "INSERT OR IGNORE INTO subscribers (brand, msisdn, status, balance_cents, expiry, plan_id, "
            "returning_customer, reactivation_fee_cents, suspended_since) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, s.brand.id)
      .bind(2, s.msisdn)
      .bind(3, std::string(wire::status_name(s.subscriber.status)))
      .bind(4, s.subscriber.balance)
      .bind(5, iso_date(s.subscriber.expiry))
      .bind(6, s.subscriber.current_plan_id)
      .bind(7, s.subscriber.returning_customer ? 1LL : 0LL)
      .bind(8, s.subscriber.reactivation_fee)
      .bind(9, s.subscriber.status == SubscriberStatus::suspended ? iso_date(s.subscriber.suspended_since) : "")
      .run();
  if (!s.customer_number.empty())
    Statement(db, "INSERT OR IGNORE INTO customers VALUES (?,?,?)")
        .bind(1, s.brand.id)
        .bind(2, s.customer_number)
        .bind(3, s.msisdn)
        .run();
}

bool has_subscribers(sql::Database& db, const Brand& brand) {
  Statement q(db, "SELECT EXISTS (SELECT 1 FROM subscribers WHERE brand = ?)");
  q.bind(1, brand.id).step();
  return q.integer(0) != 0;
}

}  // namespace

bool SqliteStore::apply_catalog(const catalog::CatalogFile& catalog, std::string_view text,
                          const std::vector<SeedSubscriber>& subscribers, std::string* error) {
  std::lock_guard lock(mutex_);
  try {
    return apply_catalog_locked(catalog, text, subscribers, error);
  } catch (const sql::Error& e) {
    *error = std::string("the store could not take the catalog: ") + e.what();
    return false;
  }
}

bool SqliteStore::apply_catalog_locked(const catalog::CatalogFile& catalog, std::string_view text,
                                 const std::vector<SeedSubscriber>& subscribers, std::string* error) {
  // Checked inside the write transaction: another gateway process on this file cannot slip a
  // catalog in between the check and the change.
  enum class Outcome { written, unchanged, refused };
  const Outcome outcome = db_.transaction([&] {
    if (Statement kept(db_, "SELECT version, text FROM catalog WHERE one = 1"); kept.step()) {
      const auto version = static_cast<std::uint64_t>(kept.integer(0));
      if (version > catalog.version) {
        *error = "catalog version " + std::to_string(catalog.version) + " is older than version " +
                 std::to_string(version) + ", which this store already sells from";
        return Outcome::refused;
      }
      if (version == catalog.version && kept.text(1) != text) {
        *error = "another catalog with version " + std::to_string(version) + " is already in this store";
        return Outcome::refused;
      }
      if (version == catalog.version) return Outcome::unchanged;  // a restart: nothing to write
    }
    db_.exec("DELETE FROM brands; DELETE FROM plans");
    for (const BrandInfo& b : catalog.brands)
      Statement(db_, "INSERT INTO brands VALUES (?,?,?)")
          .bind(1, b.brand.id)
          .bind(2, b.reactivation_fee)
          .bind(3, b.customer_numbers ? 1LL : 0LL)
          .run();
    long long order = 0;
    for (const Plan& p : catalog.plans)
      Statement(db_, "INSERT INTO plans VALUES (?,?,?,?)")
          .bind(1, p.id)
          .bind(2, p.brand.id)
          .bind(3, order++)
          .bind(4, wire::to_json(p).dump())
          .run();
    Statement(db_, "INSERT OR REPLACE INTO catalog VALUES (1, ?, ?)")
        .bind(1, static_cast<long long>(catalog.version))
        .bind(2, std::string(text))
        .run();
    // The simulated operators know their subscribers from the day their brand is first sold.
    for (const BrandInfo& b : catalog.brands) {
      if (has_subscribers(db_, b.brand)) continue;
      for (const SeedSubscriber& s : subscribers)
        if (s.brand == b.brand) seed_subscriber(db_, s);
    }
    return Outcome::written;
  });
  if (outcome == Outcome::written) wrote();
  return outcome != Outcome::refused;
}

std::uint64_t SqliteStore::catalog_version() {
  return read([&](sql::Database& db) -> std::uint64_t {
    Statement q(db, "SELECT version FROM catalog WHERE one = 1");
    return q.step() ? static_cast<std::uint64_t>(q.integer(0)) : 0;
  });
}

std::optional<Brand> SqliteStore::sold_brand(std::string_view id) {
  std::optional<Brand> brand = parse_brand(id);
  if (!brand) return std::nullopt;
  return read([&](sql::Database& db) -> std::optional<Brand> {
    Statement q(db, "SELECT EXISTS (SELECT 1 FROM brands WHERE brand = ?)");
    q.bind(1, brand->id).step();
    return q.integer(0) != 0 ? brand : std::nullopt;
  });
}

std::vector<BrandTerms> SqliteStore::brand_terms() {
  return read([&](sql::Database& db) -> std::vector<BrandTerms> {
    Statement q(db, "SELECT brand, reactivation_fee_cents, customer_numbers FROM brands ORDER BY rowid");
    std::vector<BrandTerms> out;
    while (q.step())
      if (auto b = parse_brand(q.text(0))) out.push_back({*b, q.integer(1), q.integer(2) != 0});
    return out;
  });
}

}  // namespace kiosk::gateway
