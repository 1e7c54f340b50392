#pragma once
// The store the contract suite (store_contract_test.cpp) runs against: built twice, once with
// SQLite (a fresh file) and once with KIOSK_STORE_POSTGRES (a fresh database in the throw-away
// cluster whose URI is in the file $KIOSK_TEST_POSTGRES: deploy/central/local_postgres.sh). Several
// stores opened on one database stand for several gateway processes sharing it.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "../fresh_dir.hpp"
#include "gateway/sqlite_store.hpp"
#ifdef KIOSK_STORE_POSTGRES
#include "gateway/postgres_store.hpp"
#include "postgres/postgres.hpp"
#endif

namespace kiosk::test {

class StoreUnderTest {
 public:
  // A new, empty database named after `name`.
  explicit StoreUnderTest(const std::string& name) {
#ifdef KIOSK_STORE_POSTGRES
    const char* file = std::getenv("KIOSK_TEST_POSTGRES");
    if (!file) throw std::runtime_error("KIOSK_TEST_POSTGRES names no file with the test cluster's URI");
    std::ifstream in(file);
    std::string cluster;
    if (!std::getline(in, cluster) || cluster.find("/postgres?") == std::string::npos)
      throw std::runtime_error(std::string("no test cluster's URI in ") + file);
    std::string db = "t_" + name;
    std::replace(db.begin(), db.end(), '-', '_');
    auto admin = pg::Connection::open(cluster, {{"options", "-c client_min_messages=warning"}});
    admin->run("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    admin->run("CREATE DATABASE " + db);
    cluster_ = cluster;
    where_ = cluster.replace(cluster.find("/postgres?"), 10, "/" + db + "?");
#else
    where_ = fresh_dir("store-" + name) + "/gateway.sqlite";
#endif
  }

  // One more gateway's view of the same database.
  std::unique_ptr<gateway::Store> open() const {
    std::string error;
#ifdef KIOSK_STORE_POSTGRES
    auto store = gateway::PostgresStore::open(where_, &error);
#else
    auto store = gateway::SqliteStore::open(where_, &error);
#endif
    if (!store) throw std::runtime_error(error);
    return store;
  }

  const std::string& where() const { return where_; }
#ifdef KIOSK_STORE_POSTGRES
  // The cluster's "postgres" database, for what is done to a database from outside it.
  const std::string& cluster() const { return cluster_; }
#endif

 private:
  std::string where_;
  std::string cluster_;
};

}  // namespace kiosk::test
