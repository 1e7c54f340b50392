#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "thread/job_thread.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
// Waits (bounded) until `done` holds; the tests never assert on how long anything took.
template <typename Done>
bool eventually(Done done) {
  for (int i = 0; i < 2000 && !done(); ++i) std::this_thread::sleep_for(1ms);
  return done();
}
}  // namespace

TEST_CASE("Jobs run one at a time in the order they were posted") {
  std::mutex m;
  std::vector<int> ran;
  std::atomic<int> inside{0}, most_inside{0};
  JobThread<int> jobs({.run = [&](int& n) {
    most_inside = std::max(most_inside.load(), ++inside);
    std::this_thread::sleep_for(1ms);
    {
      std::lock_guard lock(m);
      ran.push_back(n);
    }
    --inside;
  }});
  for (int i = 0; i < 20; ++i) jobs.post(i);
  REQUIRE(eventually([&] { return !jobs.busy(); }));
  std::vector<int> expected(20);
  for (int i = 0; i < 20; ++i) expected[static_cast<std::size_t>(i)] = i;
  CHECK(ran == expected);
  CHECK(most_inside == 1);
}

TEST_CASE("Stopping finishes the queue or drops it, as configured") {
  std::atomic<int> ran{0};
  std::atomic<bool> release{false};
  const auto slow = [&](int&) {
    while (!release) std::this_thread::sleep_for(1ms);
    ++ran;
  };
  {
    JobThread<int> keeps({.run = slow, .finish_queue_on_stop = true});
    for (int i = 0; i < 5; ++i) keeps.post(i);
    release = true;
  }
  CHECK(ran == 5);

  ran = 0;
  release = false;
  {
    JobThread<int> drops({.run = slow});
    for (int i = 0; i < 5; ++i) drops.post(i);
    REQUIRE(eventually([&] { return drops.locked([](const std::deque<int>& q) { return q.size() == 4; }); }));
    std::thread releaser([&] {
      std::this_thread::sleep_for(20ms);
      release = true;
    });
    drops.stop();  // the job under way finishes; the four queued ones never run
    releaser.join();
  }
  CHECK(ran == 1);
}

TEST_CASE("A job taken is marked under the lock, so it is either queued or under way") {
  std::string active;
  std::atomic<bool> release{false};
  JobThread<std::string> jobs({.run = [&](std::string&) { while (!release) std::this_thread::sleep_for(1ms); },
                               .started = [&](const std::string& job) { active = job; },
                               .finished = [&] { active.clear(); }});
  jobs.post("first");
  jobs.post("second");
  REQUIRE(eventually([&] { return jobs.locked([&](const std::deque<std::string>&) { return active == "first"; }); }));
  // Taking back a queued job: the one under way is not in the queue.
  const bool removed = jobs.locked([](std::deque<std::string>& q) {
    const bool found = !q.empty() && q.front() == "second";
    if (found) q.pop_front();
    return found;
  });
  CHECK(removed);
  release = true;
  REQUIRE(eventually([&] { return !jobs.busy(); }));
  CHECK(jobs.locked([&](const std::deque<std::string>&) { return active.empty(); }));
}

TEST_CASE("The newest job replaces what was queued, and idle work runs while nothing is queued") {
  std::atomic<int> idles{0};
  std::mutex m;
  std::vector<int> ran;
  std::atomic<bool> release{false};
  JobThread<int> jobs({.run = [&](int& n) {
                         while (!release) std::this_thread::sleep_for(1ms);
                         std::lock_guard lock(m);
                         ran.push_back(n);
                       },
                       .idle = [&] { ++idles; },
                       .idle_every = 1ms});
  REQUIRE(eventually([&] { return idles >= 3; }));
  jobs.post(1);
  jobs.post(2);
  jobs.replace_queue(3);  // 1 may be under way already; 2 is dropped either way
  release = true;
  REQUIRE(eventually([&] { return !jobs.busy(); }));
  std::lock_guard lock(m);
  CHECK(ran.back() == 3);
  CHECK(std::find(ran.begin(), ran.end(), 2) == ran.end());
}
