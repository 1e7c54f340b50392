#include <catch2/catch.hpp>

#include "../fresh_dir.hpp"
#include "journal/journal.hpp"

using namespace kiosk;

namespace {

JournalEntry step(const std::string& ref, JournalStep s, std::map<std::string, std::string> fields = {}) {
  return JournalEntry{ref, s, std::move(fields), ""};
}

}  // namespace

TEST_CASE("The technician's settings and actions outlive the journal being closed") {
  const std::string dir = test::fresh_dir("journal-service");
  std::string error;
  {
    auto j = Journal::open(dir + "/j.sqlite", &error);
    REQUIRE(j);
    CHECK_FALSE(j->setting("out_of_service"));
    REQUIRE(j->set_setting("out_of_service", std::string("Printer maintenance"), &error));
    REQUIRE(j->set_setting("out_of_service", std::string("Cleaning"), &error));
    REQUIRE(j->log_service_action("root (uid 0)", "out-of-service", "Cleaning", &error));
    REQUIRE(j->log_service_action("kiosk", "test-print", "printed", &error));
  }
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  CHECK(j->setting("out_of_service") == std::optional<std::string>("Cleaning"));
  const auto actions = j->service_actions(10);
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].action == "test-print");  // newest first
  CHECK(actions[1].actor == "root (uid 0)");
  REQUIRE(j->set_setting("out_of_service", std::nullopt, &error));
  CHECK_FALSE(j->setting("out_of_service"));
}

TEST_CASE("A period's sales: delivered per brand and method, money taken and given back per method") {
  const std::string dir = test::fresh_dir("journal-sales");
  std::string error;
  auto j = Journal::open(dir + "/j.sqlite", &error);
  REQUIRE(j);
  const auto sale = [&](const std::string& ref, const char* brand, const char* method, const char* cents) {
    REQUIRE(j->append(step(ref, JournalStep::intent, {{"brand", brand}, {"method", method}, {"amount_cents", cents}}), &error));
  };
  sale("R1", "proximus", "card", "1000");
  REQUIRE(j->append(step("R1", JournalStep::payment_approved), &error));
  REQUIRE(j->append(step("R1", JournalStep::delivered), &error));
  REQUIRE(j->append(step("R1", JournalStep::settled), &error));
  sale("R2", "proximus", "card", "2500");
  REQUIRE(j->append(step("R2", JournalStep::payment_approved), &error));
  REQUIRE(j->append(step("R2", JournalStep::delivered), &error));
  sale("R3", "orange", "wallet", "1500");
  REQUIRE(j->append(step("R3", JournalStep::payment_approved), &error));
  REQUIRE(j->append(step("R3", JournalStep::reversed), &error));
  REQUIRE(j->append(step("R3", JournalStep::settled), &error));
  sale("R4", "base", "card", "1000");  // never paid

  const Journal::Sales s = j->sales_between("2000-01-01T00:00:00.000Z", "2999-01-01T00:00:00.000Z");
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].brand == "proximus");
  CHECK(s.lines[0].method == "card");
  CHECK(s.lines[0].delivered == 2);
  CHECK(s.lines[0].delivered_cents == 3500);
  CHECK(s.card_taken_cents == 3500);
  CHECK(s.card_returned_cents == 0);
  CHECK(s.wallet_taken_cents == 1500);
  CHECK(s.wallet_returned_cents == 1500);
  CHECK(s.returned == 1);
  CHECK(s.unsettled == 2);  // R2 delivered but not settled, R4 never paid
  // Nothing before the journal began.
  CHECK(j->sales_between("2000-01-01T00:00:00.000Z", "2000-01-02T00:00:00.000Z").lines.empty());
}
