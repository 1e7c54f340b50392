// Five wrong PINs lock the service mode for 15 minutes, across restarts and damaged settings.
#include <catch2/catch.hpp>

#include "../fresh_dir.hpp"
#include "journal/journal.hpp"
#include "service_pin_lock.hpp"

using namespace kiosk;
using kiosk::app::ServicePinLock;

namespace {

constexpr std::int64_t t0 = 1'800'000'000;  // seconds since 1970

// One try as the app makes it: counted, then checked.
svc::PinChecked attempt(Journal& j, bool right, std::int64_t now) {
  ServicePinLock lock(j);
  const svc::PinChecked gate = lock.before_check(now);
  if (gate.verdict != PinVerdict::none) return gate;
  return lock.after_check(right, now);
}

std::unique_ptr<Journal> open(const std::string& dir) {
  std::string error;
  auto j = Journal::open(dir + "/journal.sqlite", &error);
  INFO(error);
  REQUIRE(j);
  return j;
}

}  // namespace

TEST_CASE("Five wrong PINs in a row lock the service mode for 15 minutes") {
  const std::string dir = test::fresh_dir("pin-lock");
  auto j = open(dir);
  for (int i = 1; i <= 4; ++i) {
    const svc::PinChecked c = attempt(*j, false, t0 + i);
    CHECK(c.verdict == PinVerdict::wrong);
    CHECK(c.tries_left == 5 - i);
  }
  const svc::PinChecked fifth = attempt(*j, false, t0 + 5);
  CHECK(fifth.verdict == PinVerdict::locked);
  CHECK(fifth.locked_s == 900);
  // Even the right PIN is not checked while locked.
  const svc::PinChecked during = attempt(*j, true, t0 + 5 + 600);
  CHECK(during.verdict == PinVerdict::locked);
  CHECK(during.locked_s == 300);
  // After the lock, a fresh count.
  CHECK(attempt(*j, false, t0 + 5 + 900).verdict == PinVerdict::wrong);
  CHECK(attempt(*j, true, t0 + 5 + 901).verdict == PinVerdict::right);
  // The right PIN clears the count.
  const svc::PinChecked after = attempt(*j, false, t0 + 5 + 902);
  CHECK(after.tries_left == 4);
}

TEST_CASE("The count and the lock survive a restart, and a try interrupted by one still counts") {
  const std::string dir = test::fresh_dir("pin-lock-restart");
  {
    auto j = open(dir);
    for (int i = 0; i < 3; ++i) attempt(*j, false, t0);
    // The fourth try is counted, then the kiosk stops before the PIN is checked.
    CHECK(ServicePinLock(*j).before_check(t0).verdict == PinVerdict::none);
  }
  {
    auto j = open(dir);
    const svc::PinChecked c = attempt(*j, false, t0 + 10);
    CHECK(c.verdict == PinVerdict::locked);
  }
  auto j = open(dir);
  CHECK(attempt(*j, true, t0 + 20).verdict == PinVerdict::locked);
}

TEST_CASE("Damaged settings lock rather than open, and a clock set back does not lengthen the lock") {
  const std::string dir = test::fresh_dir("pin-lock-damaged");
  auto j = open(dir);
  std::string error;
  REQUIRE(j->set_setting("service_pin_locked_until", std::string("tomorrow"), &error));
  svc::PinChecked c = attempt(*j, true, t0);
  CHECK(c.verdict == PinVerdict::locked);
  CHECK(c.locked_s == 900);

  REQUIRE(j->set_setting("service_pin_locked_until", std::to_string(t0 + 86400), &error));
  c = attempt(*j, true, t0);
  CHECK(c.verdict == PinVerdict::locked);
  CHECK(c.locked_s == 900);
  CHECK(attempt(*j, true, t0 + 900).verdict == PinVerdict::right);

  // A damaged count is taken as the last try before the lock.
  REQUIRE(j->set_setting("service_pin_failures", std::string("-x"), &error));
  CHECK(attempt(*j, false, t0 + 1000).verdict == PinVerdict::locked);
}
