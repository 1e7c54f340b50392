// What only the PostgreSQL store has: its migrations, and calls that outlive a lost connection.
#include <catch2/catch.hpp>

#include <thread>

#include "../demo_catalog.hpp"
#include "gateway/postgres_store.hpp"
#include "gateway/seed.hpp"
#include "postgres/postgres.hpp"
#include "store_under_test.hpp"

using namespace kiosk;
using namespace kiosk::gateway;

TEST_CASE("Migrations are applied once and recorded, also when gateways start together") {
  test::StoreUnderTest db("migrations");
  std::vector<std::unique_ptr<Store>> stores(4);
  std::vector<std::thread> starts;
  for (auto& s : stores) starts.emplace_back([&s, &db] { s = db.open(); });
  for (auto& t : starts) t.join();
  auto admin = pg::Connection::open(db.where());
  const pg::Result rows = admin->exec("SELECT version, name FROM schema_migrations ORDER BY version");
  REQUIRE(rows.rows() == PostgresStore::schema_version());
  CHECK(rows.integer(0, 0) == 1);
  CHECK_FALSE(rows.text(0, 1).empty());
}

TEST_CASE("A gateway refuses a database whose schema is newer than it knows, and changes nothing") {
  test::StoreUnderTest db("newer-schema");
  { db.open(); }
  auto admin = pg::Connection::open(db.where());
  const int newer = PostgresStore::schema_version() + 1;
  admin->exec("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from a newer gateway')",
              pg::Params().add(newer));
  std::string error;
  CHECK_FALSE(PostgresStore::open(db.where(), &error));
  CHECK(error.find("newer than this gateway knows") != std::string::npos);
  CHECK(admin->exec("SELECT COUNT(*) FROM schema_migrations").integer(0, 0) == newer);
}

TEST_CASE("An unreachable database is refused at start with libpq's reason, and no password shown") {
  std::string error;
  CHECK_FALSE(PostgresStore::open("postgresql://kiosk:secret-word@127.0.0.1:1/none?connect_timeout=2", &error));
  CHECK(error.find("cannot connect") != std::string::npos);
  CHECK(error.find("secret-word") == std::string::npos);
}

TEST_CASE("Connections the server dropped are made again and the call goes through") {
  test::StoreUnderTest db("reconnect");
  auto store = db.open();
  const catalog::CatalogFile demo = test::demo_catalog();
  std::string error;
  REQUIRE(store->apply_catalog(demo, test::demo_catalog_text(), seed_subscribers(CivilDate{2026, 12, 6}, demo), &error));
  REQUIRE(store->find_subscriber(Brand{"proximus"}, "+32470123456"));
  auto admin = pg::Connection::open(db.where());
  // Every connection of the store, ended by the server as a restart would.
  const pg::Result ended = admin->exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
      "AND application_name = 'kiosk-gateway' AND pid <> pg_backend_pid()");
  REQUIRE(ended.rows() >= 1);
  const auto sub = store->find_subscriber(Brand{"proximus"}, "+32470123456");
  REQUIRE(sub);
  RenewalRecord r;
  r.reference = "K1-AFTER";
  r.kiosk_id = "K1";
  r.brand = Brand{"proximus"};
  r.msisdn = "+32470123456";
  r.plan_id = "px-smart-10";
  r.months = 1;
  r.amount = 1000;
  r.new_expiry = add_days(sub->expiry, 30);
  admin->exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
      "AND application_name = 'kiosk-gateway' AND pid <> pg_backend_pid()");
  CHECK(store->deliver(r, *sub) == Delivery::created);
  CHECK(store->find_renewal("K1-AFTER")->status == "delivered");
}

TEST_CASE("A database that stays away gives StoreUnavailable within the retry budget") {
  test::StoreUnderTest db("away");
  PostgresStore::Options options;
  options.retry_budget_ms = 300;
  std::string error;
  auto store = PostgresStore::open(db.where(), options, &error);
  REQUIRE(store);
  // The database renamed away under the store: its connections end, new ones are refused.
  auto cluster = pg::Connection::open(db.cluster());
  cluster->run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 't_away'");
  cluster->run("ALTER DATABASE t_away RENAME TO t_away_gone");
  REQUIRE_THROWS_AS(store->find_subscriber(Brand{"proximus"}, "+32470123456"), StoreUnavailable);
  cluster->run("ALTER DATABASE t_away_gone RENAME TO t_away");
  CHECK_FALSE(store->find_subscriber(Brand{"proximus"}, "+32470123456"));  // back, and empty
}
