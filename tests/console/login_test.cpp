// The console's logins: the accounts file read strictly, locks after repeated failures (per name
// and per address), and sessions that end when idle, when too old, or when too many are open.
#include <catch2/catch.hpp>

#include "console/accounts.hpp"
#include "console/sessions.hpp"

using namespace kiosk::console;
using namespace std::chrono_literals;

TEST_CASE("an accounts file is read line by line, and a wrong line is named") {
  std::string error;
  const auto ok = parse_accounts("# operators\nalice $scrypt$ln=15,r=8,p=1$a$b\n\n  bob.s $scrypt$x\r\n", &error);
  REQUIRE(ok);
  REQUIRE(ok->size() == 2);
  CHECK(ok->at(0).name == "alice");
  CHECK(ok->at(1).name == "bob.s");
  CHECK(ok->at(1).hash == "$scrypt$x");
  CHECK_FALSE(parse_accounts("alice\n", &error));
  CHECK(error.find("line 1") != std::string::npos);
  CHECK_FALSE(parse_accounts("alice $scrypt$a\nAlice $scrypt$b\n", &error));
  CHECK(error.find("line 2") != std::string::npos);
  CHECK_FALSE(parse_accounts("alice plaintext\n", &error));
  CHECK(error.find("not an scrypt hash") != std::string::npos);
  CHECK_FALSE(parse_accounts("alice $scrypt$a\nalice $scrypt$b\n", &error));
  CHECK(error.find("twice") != std::string::npos);
  CHECK_FALSE(valid_account_name(""));
  CHECK_FALSE(valid_account_name("a b"));
  CHECK_FALSE(valid_account_name(std::string(33, 'a')));
}

TEST_CASE("a name is locked after five failures in a row, for fifteen minutes") {
  LoginGuard guard;
  const auto t0 = LoginGuard::Clock::time_point{} + 1h;
  for (int i = 0; i < 4; ++i) {
    CHECK(guard.may_try("alice", "10.0.0.1", t0));
    CHECK_FALSE(guard.failed("alice", "10.0.0.1", t0));
  }
  CHECK(guard.failed("alice", "10.0.0.1", t0));
  LoginGuard::Clock::duration wait{};
  CHECK_FALSE(guard.may_try("alice", "10.0.0.2", t0 + 1min, &wait));  // from anywhere
  CHECK(wait == 14min);
  CHECK(guard.may_try("bob", "10.0.0.2", t0 + 1min));  // others may go on
  CHECK(guard.may_try("alice", "10.0.0.2", t0 + 15min));
  // The lock served, counting starts again.
  CHECK_FALSE(guard.failed("alice", "10.0.0.2", t0 + 15min));
  CHECK(guard.may_try("alice", "10.0.0.2", t0 + 15min));
}

TEST_CASE("a success clears the count, and an address trying many names is locked too") {
  LoginGuard guard;
  const auto t0 = LoginGuard::Clock::time_point{} + 1h;
  for (int i = 0; i < 4; ++i) guard.failed("alice", "10.0.0.1", t0);
  guard.succeeded("alice");
  CHECK_FALSE(guard.failed("alice", "10.0.0.1", t0));
  CHECK(guard.may_try("alice", "10.0.0.1", t0));
  LoginGuard spray;
  bool locked = false;
  for (int i = 0; i < 20 && !locked; ++i) locked = spray.failed("name" + std::to_string(i), "10.6.6.6", t0);
  CHECK(locked);
  CHECK_FALSE(spray.may_try("someone-else", "10.6.6.6", t0));
  CHECK(spray.may_try("someone-else", "10.0.0.9", t0));
}

TEST_CASE("sessions: random tokens, idle and absolute limits, a bounded table") {
  SessionTable table({30min, 12h, 3});
  const auto t0 = SessionTable::Clock::time_point{} + 1h;
  const auto a = table.open("alice", t0);
  REQUIRE(a);
  CHECK(a->token.size() == 64);
  CHECK(a->csrf.size() == 64);
  CHECK(a->token != a->csrf);
  CHECK(table.find(a->token, t0 + 29min));
  CHECK(table.find(a->token, t0 + 58min));  // each use starts the idle time again
  CHECK_FALSE(table.find(a->token, t0 + 89min));
  CHECK_FALSE(table.find("", t0));

  auto b = table.open("bob", t0);
  for (int i = 1; i <= 12 * 3; ++i) REQUIRE(table.find(b->token, t0 + i * 20min - 1min));
  CHECK_FALSE(table.find(b->token, t0 + 12h + 1min));  // however busy, twelve hours at most

  const auto c1 = table.open("c", t0), c2 = table.open("c", t0 + 1min), c3 = table.open("c", t0 + 2min);
  const auto c4 = table.open("c", t0 + 3min);  // the fourth ends the one idle longest
  CHECK_FALSE(table.find(c1->token, t0 + 4min));
  CHECK(table.find(c4->token, t0 + 4min));
  table.close(c4->token);
  CHECK_FALSE(table.find(c4->token, t0 + 4min));
  CHECK(table.find(c2->token, t0 + 4min));
  CHECK(table.find(c3->token, t0 + 4min));
  CHECK(same_secret("abc", "abc"));
  CHECK_FALSE(same_secret("abc", "abd"));
  CHECK_FALSE(same_secret("abc", "abcd"));
}

TEST_CASE("a full table forgets old failures, never a lock") {
  LoginGuard guard({5, 20, std::chrono::minutes(15), 8});
  const auto t0 = LoginGuard::Clock::time_point{} + 1h;
  for (int i = 0; i < 5; ++i) guard.failed("alice", "10.0.0.1", t0);
  CHECK_FALSE(guard.may_try("alice", "10.0.0.9", t0));
  // A flood of other names from other addresses.
  for (int i = 0; i < 100; ++i)
    guard.failed("flood" + std::to_string(i), "10.1.0." + std::to_string(i), t0 + std::chrono::seconds(i + 1));
  CHECK_FALSE(guard.may_try("alice", "10.0.0.9", t0 + 2min));
}
