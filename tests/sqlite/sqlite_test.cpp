#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../fresh_dir.hpp"
#include "sqlite/sqlite.hpp"

using namespace kiosk;

namespace {
std::string fresh_dir(const std::string& name) { return test::fresh_dir("sqlite-" + name); }
}  // namespace

TEST_CASE("A transaction commits what its body wrote, and nothing when the body throws") {
  sql::Database db = sql::Database::open(fresh_dir("tx") + "/t.sqlite");
  db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER, note TEXT)");
  db.transaction([&] { sql::Statement(db, "INSERT INTO t VALUES (?, ?, ?)").bind(1, "a").bind(2, 1).bind(3, "x").run(); });
  CHECK_THROWS_AS(db.transaction([&] {
    sql::Statement(db, "INSERT INTO t VALUES (?, ?, ?)").bind(1, "b").bind(2, 2).bind(3, "y").run();
    sql::Statement(db, "INSERT INTO t VALUES (?, ?, ?)").bind(1, "a").bind(2, 3).bind(3, "z").run();  // key taken
  }), sql::Error);
  CHECK(sql::query_integer(db, "SELECT COUNT(*) FROM t") == 1);
  // The connection is usable after the rollback.
  db.transaction([&] {
    sql::Statement(db, "INSERT INTO t VALUES (?, ?, ?)").bind(1, "c").bind(2, 4).bind(3, std::optional<std::string>{}).run();
  });
  sql::Statement q(db, "SELECT k, v, note FROM t ORDER BY k");
  REQUIRE(q.step());
  CHECK(q.text(0) == "a");
  CHECK(q.integer(1) == 1);
  REQUIRE(q.step());
  CHECK(q.text(0) == "c");
  CHECK(q.is_null(2));
  CHECK_FALSE(q.step());
}

TEST_CASE("Errors carry SQLite's own words, and text with zero bytes comes back whole") {
  sql::Database db = sql::Database::open(fresh_dir("errors") + "/e.sqlite");
  try {
    sql::Statement(db, "SELECT * FROM missing_table");
    FAIL("prepared a statement on a missing table");
  } catch (const sql::Error& e) {
    CHECK(std::string(e.what()).find("no such table") != std::string::npos);
  }
  db.exec("CREATE TABLE b (v TEXT)");
  const std::string with_zero("a\0b", 3);
  sql::Statement(db, "INSERT INTO b VALUES (?)").bind(1, with_zero).run();
  CHECK(sql::query_text(db, "SELECT v FROM b") == with_zero);
}

TEST_CASE("Opening as it is writes nothing and refuses what is not a database") {
  const std::string dir = fresh_dir("as-is");
  CHECK_THROWS_AS(sql::Database::open(dir + "/absent.sqlite", sql::Database::Mode::read_write), sql::Error);
  CHECK_FALSE(std::filesystem::exists(dir + "/absent.sqlite"));
  std::ofstream(dir + "/garbage.sqlite") << "this is not a database, but it is long enough to look like a header.";
  sql::Database db = sql::Database::open(dir + "/garbage.sqlite", sql::Database::Mode::read_only_as_is);
  CHECK_THROWS_AS(sql::query_text(db, "PRAGMA integrity_check"), sql::Error);
  CHECK_FALSE(std::filesystem::exists(dir + "/garbage.sqlite-wal"));
  CHECK_FALSE(std::filesystem::exists(dir + "/garbage.sqlite-shm"));
}
