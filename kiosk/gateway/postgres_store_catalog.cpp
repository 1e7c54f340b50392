// The operators' catalog in the central store: brands' terms and plans, replaced together when
// a newer catalog comes, whichever gateway brings it.
#include <nlohmann/json.hpp>

#include "postgres_store.hpp"
#include "wire.hpp"

namespace kiosk::gateway {

namespace {

void seed_subscriber(PostgresStore::Work& w, const SeedSubscriber& s) {
  const bool suspended = s.subscriber.status == SubscriberStatus::suspended;
  pg::Params p;
  p.add(s.brand.id)
      .add(s.msisdn)
      .add(std::string(wire::status_name(s.subscriber.status)))
      .add(static_cast<long long>(s.subscriber.balance))
      .add(iso_date(s.subscriber.expiry))
      .add(s.subscriber.current_plan_id)
      .add(s.subscriber.returning_customer)
      .add(static_cast<long long>(s.subscriber.reactivation_fee));
  if (suspended) p.add(iso_date(s.subscriber.suspended_since));
  else p.add_null();
  w.exec("INSERT INTO subscribers (brand, msisdn, status, balance_cents, expiry, plan_id, returning_customer, "
         "reactivation_fee_cents, suspended_since) VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9::date) "
         "ON CONFLICT DO NOTHING",
         p);
  if (!s.customer_number.empty())
    w.exec("INSERT INTO customers (brand, customer_number, msisdn) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
           pg::Params().add(s.brand.id).add(s.customer_number).add(s.msisdn));
}

}  // namespace

bool PostgresStore::apply_catalog(const catalog::CatalogFile& catalog, std::string_view text,
                                  const std::vector<SeedSubscriber>& subscribers, std::string* error) {
  try {
    return run(true, [&](Work& w) {
      // Gateways starting together with a new catalog take turns; the second finds it there.
      w.exec("SELECT pg_advisory_xact_lock(727370002)");
      const pg::Result kept = w.exec("SELECT version, text FROM catalog WHERE one = 1");
      if (kept.rows() > 0) {
        const auto version = static_cast<std::uint64_t>(kept.integer(0, 0));
        w.commit = false;
        if (version > catalog.version) {
          *error = "catalog version " + std::to_string(catalog.version) + " is older than version " +
                   std::to_string(version) + ", which this store already sells from";
          return false;
        }
        if (version == catalog.version && kept.text(0, 1) != text) {
          *error = "another catalog with version " + std::to_string(version) + " is already in this store";
          return false;
        }
        if (version == catalog.version) return true;  // a restart, or another gateway: nothing to write
        w.commit = true;
      }
      w.exec("DELETE FROM brands");
      w.exec("DELETE FROM plans");
      int order = 0;
      for (const BrandInfo& b : catalog.brands)
        w.exec("INSERT INTO brands (brand, ord, reactivation_fee_cents, customer_numbers) VALUES ($1, $2, $3, $4)",
               pg::Params().add(b.brand.id).add(order++).add(static_cast<long long>(b.reactivation_fee)).add(b.customer_numbers));
      order = 0;
      for (const Plan& p : catalog.plans)
        w.exec("INSERT INTO plans (id, brand, ord, json) VALUES ($1, $2, $3, $4)",
               pg::Params().add(p.id).add(p.brand.id).add(order++).add(wire::to_json(p).dump()));
      w.exec("INSERT INTO catalog (one, version, text) VALUES (1, $1, $2) "
             "ON CONFLICT (one) DO UPDATE SET version = EXCLUDED.version, text = EXCLUDED.text",
             pg::Params().add(static_cast<long long>(catalog.version)).add(text));
      // The simulated operators know their subscribers from the day their brand is first sold.
      for (const BrandInfo& b : catalog.brands) {
        if (w.exec("SELECT EXISTS (SELECT 1 FROM subscribers WHERE brand = $1)", pg::Params().add(b.brand.id)).boolean(0, 0))
          continue;
        for (const SeedSubscriber& s : subscribers)
          if (s.brand == b.brand) seed_subscriber(w, s);
      }
      return true;
    });
  } catch (const std::exception& e) {
    *error = std::string("the store could not take the catalog: ") + e.what();
    return false;
  }
}

std::uint64_t PostgresStore::catalog_version() {
  return run(false, [&](Work& w) {
    const pg::Result q = w.exec("SELECT version FROM catalog WHERE one = 1");
    return q.rows() ? static_cast<std::uint64_t>(q.integer(0, 0)) : std::uint64_t{0};
  });
}

std::optional<Brand> PostgresStore::sold_brand(std::string_view id) {
  std::optional<Brand> brand = parse_brand(id);
  if (!brand) return std::nullopt;
  const bool sold = run(false, [&](Work& w) {
    return w.exec("SELECT EXISTS (SELECT 1 FROM brands WHERE brand = $1)", pg::Params().add(brand->id)).boolean(0, 0);
  });
  return sold ? brand : std::nullopt;
}

std::vector<BrandTerms> PostgresStore::brand_terms() {
  return run(false, [&](Work& w) {
    const pg::Result q = w.exec("SELECT brand, reactivation_fee_cents, customer_numbers FROM brands ORDER BY ord");
    std::vector<BrandTerms> out;
    for (int i = 0; i < q.rows(); ++i)
      if (auto b = parse_brand(q.text(i, 0))) out.push_back({*b, q.integer(i, 1), q.boolean(i, 2)});
    return out;
  });
}

std::optional<std::string> PostgresStore::msisdn_of_customer(const Brand& brand, const std::string& customer_number) {
  return run(false, [&](Work& w) -> std::optional<std::string> {
    const pg::Result q = w.exec(
        "SELECT c.msisdn FROM customers c JOIN brands b ON b.brand = c.brand "
        "WHERE c.brand = $1 AND c.customer_number = $2 AND b.customer_numbers",
        pg::Params().add(brand.id).add(customer_number));
    if (q.rows() == 0) return std::nullopt;
    return q.text(0, 0);
  });
}

std::vector<Plan> PostgresStore::plans(const Brand& brand) {
  return run(false, [&](Work& w) {
    const pg::Result q = w.exec("SELECT json FROM plans WHERE brand = $1 ORDER BY ord", pg::Params().add(brand.id));
    std::vector<Plan> out;
    for (int i = 0; i < q.rows(); ++i)
      if (auto p = wire::plan_from_json(nlohmann::json::parse(q.text(i, 0), nullptr, false))) out.push_back(*p);
    return out;
  });
}

}  // namespace kiosk::gateway
