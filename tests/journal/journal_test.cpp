#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "journal/journal.hpp"

using namespace kiosk;

namespace {
std::string fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-journal-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

JournalEntry entry(const std::string& ref, JournalStep step, std::map<std::string, std::string> fields = {},
                   std::string number = {}) {
  return JournalEntry{ref, step, std::move(fields), std::move(number)};
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("Steps are kept in order per transaction and survive reopening") {
  const std::string dir = fresh_dir("order");
  std::string error;
  {
    auto j = Journal::open(dir + "/j.sqlite", &error);
    REQUIRE(j);
    REQUIRE(j->append(entry("R1", JournalStep::intent, {{"amount_cents", "1500"}}, "+32470123456"), &error));
    REQUIRE(j->append(entry("R1", JournalStep::payment_started), &error));
    REQUIRE(j->append(entry("R2", JournalStep::intent), &error));
    REQUIRE(j->append(entry("R1", JournalStep::payment_approved, {{"receipt_no", "1001"}}), &error));
  }
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  const auto all = j->transactions();
  REQUIRE(all.size() == 2);
  CHECK(all[0].reference == "R1");
  CHECK(all[0].state == "payment_approved");
  CHECK(all[0].steps == std::vector<std::string>{"intent", "payment_started", "payment_approved"});
  CHECK(all[0].fields.at("receipt_no") == "1001");
  CHECK(all[0].fields.at("amount_cents") == "1500");
  CHECK(all[0].holds_number);
  CHECK(j->open_transactions().size() == 2);
}

TEST_CASE("The journal runs in WAL mode with full sync") {
  const std::string dir = fresh_dir("wal");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(std::string(dir + "/j.sqlite").c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST_CASE("Settling erases the full number from the journal's files") {
  const std::string dir = fresh_dir("erase");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  REQUIRE(j->append(entry("R9", JournalStep::intent, {{"number", "0470 xx x4 56"}}, "+32470123456"), &error));
  const bool kept = read_all(dir + "/j.sqlite").find("+32470123456") != std::string::npos ||
                    read_all(dir + "/j.sqlite-wal").find("+32470123456") != std::string::npos;
  CHECK(kept);  // recovery needs it until the transaction is settled
  REQUIRE(j->append(entry("R9", JournalStep::settled), &error));
  CHECK_FALSE(j->transactions()[0].holds_number);
  CHECK(j->open_transactions().empty());
  for (const char* suffix : {"", "-wal"})
    CHECK(read_all(dir + "/j.sqlite" + suffix).find("470123456") == std::string::npos);
}

TEST_CASE("A damaged journal is refused, not written over") {
  const std::string dir = fresh_dir("damaged");
  {
    std::ofstream out(dir + "/j.sqlite", std::ios::binary);
    out << "SQLite format 3" << '\0' << std::string(4000, '\x5a');
  }
  std::string error;
  CHECK_FALSE(Journal::open(dir + "/j.sqlite", &error));
  CHECK_FALSE(error.empty());
}
