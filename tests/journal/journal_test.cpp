#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../fresh_dir.hpp"
#include "journal/journal.hpp"

using namespace kiosk;

namespace {
std::string fresh_dir(const std::string& name) { return test::fresh_dir("journal-" + name); }

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
  sql::Database db = sql::Database::open(dir + "/j.sqlite", sql::Database::Mode::read_write);
  CHECK(sql::query_text(db, "PRAGMA journal_mode") == "wal");
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

TEST_CASE("The outbox keeps an item until it is handed over, once per key, then erases it") {
  const std::string dir = fresh_dir("outbox");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  const std::string payload = R"({"reference":"R1","kind":"confirmation","msisdn":"+32470987654","text":"ok"})";
  REQUIRE(j->enqueue({0, "R1:sms:confirmation", "sms", payload, 0, 0}, &error));
  REQUIRE(j->enqueue({0, "R1:sms:confirmation", "sms", payload, 0, 0}, &error));  // a repeat is harmless
  REQUIRE(j->enqueue({0, "R1:report", "report", R"({"reference":"R1","steps":[]})", 0, 0}, &error));
  CHECK(j->outbox_pending() == 2);
  auto due = j->due_outbox(1000, 10);
  REQUIRE(due.size() == 2);
  CHECK(due[0].key == "R1:sms:confirmation");  // oldest first

  // Not handed over: later, with the attempt counted.
  REQUIRE(j->postpone(due[0].id, 5000));
  due = j->due_outbox(1000, 10);
  REQUIRE(due.size() == 1);
  CHECK(due[0].kind == "report");
  due = j->due_outbox(5000, 10);
  REQUIRE(due.size() == 2);
  CHECK(due[0].attempts == 1);

  for (const OutboxItem& item : due) REQUIRE(j->mark_sent(item.id, item.kind == "sms"));
  CHECK(j->outbox_pending() == 0);
  CHECK(j->due_outbox(1'000'000, 10).empty());
  j.reset();
  // The SMS held a phone number: it is gone from the files once sent.
  for (const char* file : {"/j.sqlite", "/j.sqlite-wal"})
    CHECK(read_all(dir + file).find("32470987654") == std::string::npos);
}

TEST_CASE("A report carries the transaction's steps with masked fields only") {
  const std::string dir = fresh_dir("report");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  REQUIRE(j->append(entry("R1", JournalStep::intent, {{"number", "0470 98 x6 54"}}, "+32470987654"), &error));
  REQUIRE(j->append(entry("R1", JournalStep::settled), &error));
  // Queued with the settled step itself.
  const auto due = j->due_outbox(0, 10);
  REQUIRE(due.size() == 1);
  CHECK(due[0].key == "R1:report");
  const std::string report = j->report_payload("R1");
  CHECK(report.find("\"intent\"") != std::string::npos);
  CHECK(report.find("0470 98 x6 54") != std::string::npos);
  CHECK(report.find("470987654") == std::string::npos);
}

TEST_CASE("The newest provider reference is kept per payment method, a payment's or a reversal's") {
  const std::string dir = fresh_dir("receipts");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  CHECK(j->newest_provider_ref(PayMethod::card).empty());
  REQUIRE(j->append(entry("R1", JournalStep::intent, {{"method", "card"}}), &error));
  REQUIRE(j->append(entry("R1", JournalStep::payment_approved, {{"provider_ref", "9"}}), &error));
  REQUIRE(j->append(entry("R1", JournalStep::reversed, {{"reversal_ref", "12"}}), &error));
  CHECK(j->newest_provider_ref(PayMethod::card) == "12");
  REQUIRE(j->append(entry("R2", JournalStep::intent, {{"method", "wallet"}}), &error));
  REQUIRE(j->append(entry("R2", JournalStep::payment_created, {{"provider_ref", "5f91483d78a74914bc6f0a1b"}}), &error));
  REQUIRE(j->append(entry("R3", JournalStep::intent, {{"method", "card"}}), &error));
  REQUIRE(j->append(entry("R3", JournalStep::payment_approved, {{"provider_ref", "13"}}), &error));
  // A reversal's request names an older payment: not a newer handle.
  REQUIRE(j->append(entry("R1", JournalStep::reversal_requested, {{"provider_ref", "9"}}), &error));
  CHECK(j->newest_provider_ref(PayMethod::card) == "13");
  CHECK(j->newest_provider_ref(PayMethod::wallet) == "5f91483d78a74914bc6f0a1b");
}

TEST_CASE("A journal from before provider references were opaque keeps its newest receipt number") {
  const std::string dir = fresh_dir("receipts-kept");
  std::string error;
  {
    auto j = Journal::open(dir + "/j.sqlite", &error);
    REQUIRE(j);
    REQUIRE(j->append(entry("R1", JournalStep::payment_approved, {{"receipt_no", "41"}}), &error));
    REQUIRE(j->append(entry("R2", JournalStep::payment_approved, {{"receipt_no", "7"}}), &error));
    REQUIRE(j->append(entry("R2", JournalStep::reversed, {{"reversal_receipt_no", "40"}}), &error));
  }
  SECTION("it kept the number in its meta table") {
    {
      sql::Database db = sql::Database::open(dir + "/j.sqlite", sql::Database::Mode::read_write);
      db.exec("DELETE FROM meta WHERE key IN ('refs_opaque', 'newest_ref.card');"
              "INSERT INTO meta (key, value) VALUES ('newest_receipt_no', '43')");
    }
    auto j = Journal::open(dir + "/j.sqlite", &error);
    REQUIRE(j);
    CHECK(j->newest_provider_ref(PayMethod::card) == "43");
  }
  SECTION("it is older still: read through once") {
    {
      sql::Database db = sql::Database::open(dir + "/j.sqlite", sql::Database::Mode::read_write);
      db.exec("DELETE FROM meta WHERE key IN ('refs_opaque', 'newest_ref.card')");
    }
    auto j = Journal::open(dir + "/j.sqlite", &error);
    REQUIRE(j);
    CHECK(j->newest_provider_ref(PayMethod::card) == "41");
    REQUIRE(j->append(entry("R3", JournalStep::intent, {{"method", "card"}}), &error));
    REQUIRE(j->append(entry("R3", JournalStep::payment_approved, {{"provider_ref", "44"}}), &error));
    CHECK(j->newest_provider_ref(PayMethod::card) == "44");
  }
}

TEST_CASE("Unsettled transactions are read back alone, in the order they were made") {
  const std::string dir = fresh_dir("open");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  REQUIRE(j->append(entry("A", JournalStep::intent, {}, "+32470000001"), &error));
  REQUIRE(j->append(entry("B", JournalStep::intent), &error));
  REQUIRE(j->append(entry("B", JournalStep::settled), &error));
  REQUIRE(j->append(entry("B", JournalStep::receipt_printed), &error));  // after settling: still settled
  REQUIRE(j->append(entry("C", JournalStep::intent), &error));
  REQUIRE(j->append(entry("A", JournalStep::payment_started), &error));
  const auto open = j->open_transactions();
  REQUIRE(open.size() == 2);
  CHECK(open[0].reference == "A");
  CHECK(open[0].steps == std::vector<std::string>{"intent", "payment_started"});
  CHECK(open[0].number == "+32470000001");
  CHECK(open[1].reference == "C");
  std::vector<std::string> all;
  j->for_each_transaction(false, [&](JournaledTransaction&& t) { all.push_back(t.reference + ":" + std::to_string(t.steps.size())); });
  CHECK(all == std::vector<std::string>{"A:2", "B:3", "C:1"});

  // A journal made before the table of unsettled references: it is filled once from the steps.
  j.reset();
  {
    sql::Database db = sql::Database::open(dir + "/j.sqlite", sql::Database::Mode::read_write);
    db.exec("DROP TABLE unsettled");
  }
  j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  const auto again = j->open_transactions();
  REQUIRE(again.size() == 2);
  CHECK(again[0].reference == "A");
  CHECK(again[1].reference == "C");
  REQUIRE(j->append(entry("C", JournalStep::settled), &error));
  CHECK(j->open_transactions().size() == 1);
}

TEST_CASE("The full check finds an index that no longer matches its table, which the quick check at open does not") {
  const std::string dir = fresh_dir("whole");
  std::string error;
  {
    auto j = Journal::open(dir + "/j.sqlite", &error);
    REQUIRE(j);
    for (const char* r : {"R1", "R2", "R3"}) REQUIRE(j->append(entry(r, JournalStep::intent), &error));
  }
  CHECK(Journal::check_whole(dir + "/j.sqlite").empty());
  {
    // The index's definition changed under its entries: every page is sound, the index is not.
    sql::Database db = sql::Database::open(dir + "/j.sqlite", sql::Database::Mode::read_write);
    db.exec("PRAGMA writable_schema=ON;"
            "UPDATE sqlite_schema SET sql = 'CREATE INDEX steps_by_reference ON steps (step, id)' "
            "WHERE name = 'steps_by_reference';");
  }
  CHECK(Journal::open(dir + "/j.sqlite", &error));
  const std::string problem = Journal::check_whole(dir + "/j.sqlite");
  CHECK(problem.find("integrity check failed") != std::string::npos);
}

TEST_CASE("A reader holding the WAL does not stall a settling step, and the number leaves when it lets go") {
  const std::string dir = fresh_dir("erase-later");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  REQUIRE(j->append(entry("R8", JournalStep::intent, {{"number", "0470 xx x4 56"}}, "+32470123456"), &error));
  const auto number_on_disk = [&] {
    return read_all(dir + "/j.sqlite").find("470123456") != std::string::npos ||
           read_all(dir + "/j.sqlite-wal").find("470123456") != std::string::npos;
  };
  {
    // Another connection in the middle of a read, as the full check at start is.
    sql::Database reader = sql::Database::open(dir + "/j.sqlite", sql::Database::Mode::read_only);
    reader.exec("BEGIN");
    sql::Statement s(reader, "SELECT COUNT(*) FROM steps");
    REQUIRE(s.step());
    REQUIRE(j->append(entry("R8", JournalStep::settled), &error));
    CHECK(j->erasing_pending());
    j->finish_erasing();
    CHECK(j->erasing_pending());  // still held
  }
  j->finish_erasing();
  CHECK_FALSE(j->erasing_pending());
  CHECK_FALSE(number_on_disk());
}

TEST_CASE("A receipt kept for reprinting comes back with its itemised price") {
  const std::string dir = fresh_dir("receipt-items");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  ReceiptData r;
  r.lang = Lang::pl;
  r.reference = "K-n-1";
  r.reprint_code = "123456";
  r.amount = 1400, r.price = 1000, r.discount = 100, r.reactivation_fee = 500, r.bonus_credit = 200;
  REQUIRE(j->save_receipt(r, &error));
  const auto back = j->find_receipt("123456");
  REQUIRE(back);
  CHECK(back->lang == Lang::pl);
  CHECK(back->amount == 1400);
  CHECK(back->price == 1000);
  CHECK(back->discount == 100);
  CHECK(back->reactivation_fee == 500);
  CHECK(back->bonus_credit == 200);
}

TEST_CASE("Money taken after settling opens the transaction again until it settles once more") {
  const std::string dir = fresh_dir("reopened");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  REQUIRE(j->append(entry("R1", JournalStep::intent, {{"method", "wallet"}}), &error));
  REQUIRE(j->append(entry("R1", JournalStep::payment_failed), &error));
  REQUIRE(j->append(entry("R1", JournalStep::settled), &error));
  REQUIRE(j->append(entry("R1", JournalStep::receipt_printed), &error));
  CHECK(j->open_transactions().empty());  // a receipt after settling leaves it settled
  REQUIRE(j->append(entry("R1", JournalStep::payment_approved, {{"provider_ref", "5f91483d78a74914bc6f0a1b"}}), &error));
  REQUIRE(j->open_transactions().size() == 1);
  REQUIRE(j->append(entry("R1", JournalStep::reversed), &error));
  REQUIRE(j->append(entry("R1", JournalStep::settled), &error));
  CHECK(j->open_transactions().empty());
}
