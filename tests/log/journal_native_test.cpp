#include "log/journal_native.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "crash/processes.hpp"
#include "fresh_dir.hpp"

using namespace kiosk;

namespace {

// journald's side, for the test: a datagram socket that keeps every entry sent to it.
struct FakeJournald {
  explicit FakeJournald(const std::string& path) : path(path) {
    fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{0, 100000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    reader = std::thread([this] {
      std::vector<char> buf(1 << 16);
      while (!stop) {
        const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
        if (n > 0) {
          std::lock_guard lock(mutex);
          entries.emplace_back(buf.data(), static_cast<std::size_t>(n));
        }
      }
    });
  }
  ~FakeJournald() {
    stop = true;
    reader.join();
    ::close(fd);
  }
  std::vector<std::string> all() {
    std::lock_guard lock(mutex);
    return entries;
  }
  std::string path;
  int fd = -1;
  std::atomic<bool> stop{false};
  std::thread reader;
  std::mutex mutex;
  std::vector<std::string> entries;
};

std::string field(const std::string& entry, const std::string& name) {
  const std::string key = name + "=";
  for (std::size_t at = 0; at < entry.size();) {
    const std::size_t nl = entry.find('\n', at);
    const std::string line = entry.substr(at, nl - at);
    if (line.rfind(key, 0) == 0) return line.substr(key.size());
    at = nl == std::string::npos ? entry.size() : nl + 1;
  }
  return "";
}

}  // namespace

TEST_CASE("A journal entry is NAME=value lines, and a value with a newline goes in the binary form") {
  const std::string e = journal_entry(4, "kiosk", "paper out", {{"KIOSK_DEVICE", "printer"}, {"KIOSK_STEP", ""}});
  CHECK(e == "MESSAGE=paper out\nPRIORITY=4\nSYSLOG_IDENTIFIER=kiosk\nKIOSK_DEVICE=printer\n");
  const std::string two = journal_entry(6, "kiosk", "a\nb", {});
  const std::string expected_start = std::string("MESSAGE\n") + '\x03' + std::string(7, '\0') + "a\nb\n";
  CHECK(two.rfind(expected_start, 0) == 0);
}

TEST_CASE("Under systemd the kiosk's log goes to the journal with its fields and no full number") {
  const std::string dir = test::fresh_dir("journal-native");
  FakeJournald journald(dir + "/journal.socket");
  // systemd says which stream is the journal's: here the file the kiosk's output goes to.
  const std::string out = dir + "/kiosk.out";
  std::ofstream(out).close();
  struct stat st {};
  REQUIRE(stat(out.c_str(), &st) == 0);
  const std::string stream = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  crash::Child kiosk = crash::spawn({KIOSK_BIN, "--headless", "--script", KIOSK_SCRIPT, "--data", dir + "/data",
                                     "--shots", dir + "/shots"},
                                    out, {{"JOURNAL_STREAM", stream}, {"KIOSK_JOURNAL_SOCKET", journald.path}});
  const crash::Ended ended = crash::wait_for(kiosk, 120000);
  CHECK(ended.exited);
  CHECK(ended.status == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::vector<std::string> entries = journald.all();
  REQUIRE(entries.size() > 10);
  // Not in the data folder's file as well.
  CHECK_FALSE(std::filesystem::exists(dir + "/data/kiosk.log"));

  bool delivered = false, screen = false;
  for (const std::string& e : entries) {
    INFO(e);
    CHECK(field(e, "SYSLOG_IDENTIFIER") == "kiosk");
    CHECK((field(e, "PRIORITY") == "6" || field(e, "PRIORITY") == "4"));
    CHECK_FALSE(field(e, "MESSAGE").empty());
    // The customer's number (0470 12 34 56) and card number never leave unmasked.
    CHECK(e.find("0470123456") == std::string::npos);
    CHECK(e.find("470123456") == std::string::npos);
    CHECK(e.find("6703000000001234") == std::string::npos);
    if (field(e, "KIOSK_STEP") == "delivered") delivered = !field(e, "KIOSK_REFERENCE").empty();
    if (!field(e, "KIOSK_SCREEN").empty()) screen = true;
  }
  CHECK(delivered);
  CHECK(screen);
}
