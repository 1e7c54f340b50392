// A journal that vanished, shrank or was swapped is refused at start, and left byte for byte as
// it was found.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "../fresh_dir.hpp"
#include "journal/journal.hpp"
#include "journal/journal_seal.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

std::string fresh_dir(const std::string& name) { return test::fresh_dir("journal-seal-" + name); }

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every file in the folder with its bytes.
std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& f : fs::directory_iterator(dir)) out[f.path().filename().string()] = read_all(f.path().string());
  return out;
}

// The files of a kiosk that died with a paid renewal on its way to the gateway: copied while
// the journal was open, so the last steps are still in the WAL, as after a power cut.
std::string unsettled_kiosk(const std::string& name) {
  const std::string live = fresh_dir(name + "-live"), dead = fresh_dir(name);
  std::string error;
  auto j = Journal::open(live + "/journal.sqlite", &error);
  REQUIRE(j);
  const std::string ref = "BE-1-ABCDEFGHJKMNPQRS";
  for (JournalStep s : {JournalStep::intent, JournalStep::payment_started, JournalStep::payment_approved,
                        JournalStep::delivery_requested})
    REQUIRE(j->append(JournalEntry{ref, s, {{"amount_cents", "1000"}}, "+32470123456"}, &error));
  REQUIRE(fs::exists(live + "/journal.sqlite-wal"));
  for (const char* f : {"journal.sqlite", "journal.sqlite-wal", "journal.sqlite.seal"})
    fs::copy_file(live + "/" + f, dead + "/" + f);
  return dead;
}

void refused_untouched(const std::string& dir, const std::string& reason) {
  const auto before = snapshot(dir);
  std::string error;
  CHECK_FALSE(Journal::open(dir + "/journal.sqlite", &error));
  INFO(error);
  CHECK(error.find(reason) != std::string::npos);
  CHECK(snapshot(dir) == before);
}

}  // namespace

TEST_CASE("The unsettled transaction of a dead kiosk is found again") {
  const std::string dir = unsettled_kiosk("intact");
  std::string error;
  auto j = Journal::open(dir + "/journal.sqlite", &error);
  INFO(error);
  REQUIRE(j);
  REQUIRE(j->open_transactions().size() == 1);
  CHECK(j->knows("BE-1-ABCDEFGHJKMNPQRS"));
  CHECK_FALSE(j->knows("BE-1-ZZZZZZZZZZZZZZZZ"));
}

TEST_CASE("A journal truncated to nothing is refused, not replaced by an empty one") {
  const std::string dir = unsettled_kiosk("empty");
  fs::resize_file(dir + "/journal.sqlite", 0);
  fs::remove(dir + "/journal.sqlite-wal");
  refused_untouched(dir, "is empty");
}

TEST_CASE("A deleted journal is refused") {
  const std::string dir = unsettled_kiosk("deleted");
  fs::remove(dir + "/journal.sqlite");
  fs::remove(dir + "/journal.sqlite-wal");
  refused_untouched(dir, "is missing");
}

TEST_CASE("A journal whose WAL is gone, or damaged, is shorter than its seal and refused") {
  SECTION("gone") {
    const std::string dir = unsettled_kiosk("wal-gone");
    fs::remove(dir + "/journal.sqlite-wal");
    refused_untouched(dir, "shorter than it was");
  }
  SECTION("damaged") {
    const std::string dir = unsettled_kiosk("wal-damaged");
    std::string wal = read_all(dir + "/journal.sqlite-wal");
    REQUIRE(wal.size() > 200);
    for (std::size_t i = wal.size() - 100; i < wal.size(); ++i) wal[i] = static_cast<char>(wal[i] ^ 0x5a);
    std::ofstream(dir + "/journal.sqlite-wal", std::ios::binary | std::ios::trunc) << wal;
    refused_untouched(dir, "shorter than it was");
  }
}

TEST_CASE("Another journal in its place, a missing or damaged seal: refused") {
  SECTION("replaced") {
    const std::string dir = unsettled_kiosk("replaced");
    const std::string other = fresh_dir("replaced-other");
    std::string error;
    REQUIRE(Journal::open(other + "/journal.sqlite", &error));
    fs::remove(dir + "/journal.sqlite-wal");
    fs::copy_file(other + "/journal.sqlite", dir + "/journal.sqlite", fs::copy_options::overwrite_existing);
    refused_untouched(dir, "not the journal its seal names");
  }
  SECTION("seal missing") {
    const std::string dir = unsettled_kiosk("seal-missing");
    fs::remove(dir + "/journal.sqlite.seal");
    refused_untouched(dir, "is missing");
  }
  SECTION("seal damaged") {
    const std::string dir = unsettled_kiosk("seal-damaged");
    std::ofstream(dir + "/journal.sqlite.seal", std::ios::trunc) << "{\"journal_id\": 7";
    refused_untouched(dir, "damaged");
  }
}

TEST_CASE("A damaged journal is judged on a copy: the WAL is not folded in, nothing is deleted") {
  const std::string dir = unsettled_kiosk("damaged");
  std::string db = read_all(dir + "/journal.sqlite");
  REQUIRE(db.size() >= 8192);
  for (std::size_t i = 0; i < 16; ++i) db[i] = 'G';  // the header: "SQLite format 3" no more
  std::ofstream(dir + "/journal.sqlite", std::ios::binary | std::ios::trunc) << db;
  refused_untouched(dir, "integrity check failed");
  CHECK(fs::exists(dir + "/journal.sqlite-wal"));
}

TEST_CASE("The seal follows every step and names the journal") {
  const std::string dir = fresh_dir("follows");
  std::string error;
  auto j = Journal::open(dir + "/journal.sqlite", &error);
  REQUIRE(j);
  auto seal = read_seal(seal_path(dir + "/journal.sqlite"), &error);
  REQUIRE(seal);
  CHECK(seal->last_step == 0);
  CHECK(seal->journal_id.size() == 32);
  REQUIRE(j->append(JournalEntry{"R", JournalStep::intent, {}, ""}, &error));
  REQUIRE(j->append(JournalEntry{"R", JournalStep::payment_started, {}, ""}, &error));
  const auto after = read_seal(seal_path(dir + "/journal.sqlite"), &error);
  REQUIRE(after);
  CHECK(after->last_step == 2);
  CHECK(after->journal_id == seal->journal_id);
  j.reset();
  CHECK(Journal::open(dir + "/journal.sqlite", &error));  // reopened as often as needed
}

TEST_CASE("A seal far larger than one line is damage, not read whole") {
  const std::string dir = unsettled_kiosk("seal-huge");
  std::ofstream(dir + "/journal.sqlite.seal", std::ios::trunc) << std::string(1 << 20, ' ') << "{}";
  refused_untouched(dir, "damaged");
}

namespace {

// Overwrites `size` bytes of the seal at `at` with noise, as a write cut short by a power cut.
void spoil_seal(const std::string& dir, std::streamoff at, std::size_t size) {
  std::fstream f(dir + "/journal.sqlite.seal", std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(at);
  f << std::string(size, '\x7f');
}

}  // namespace

TEST_CASE("A seal slot cut short leaves the seal a step behind, and the journal is taken") {
  const std::string dir = unsettled_kiosk("slot-cut");
  const std::string path = seal_path(dir + "/journal.sqlite");
  std::string error;
  REQUIRE(fs::file_size(path) == 256);  // two slots; four steps: the second slot holds the last
  REQUIRE(read_seal(path, &error)->last_step == 4);
  spoil_seal(dir, 128 + 40, 30);
  const auto seal = read_seal(path, &error);
  INFO(error);
  REQUIRE(seal);
  CHECK(seal->last_step == 3);
  CHECK(Journal::open(dir + "/journal.sqlite", &error));
}

TEST_CASE("A seal with both slots spoiled is damage: refused, untouched") {
  const std::string dir = unsettled_kiosk("slots-spoiled");
  spoil_seal(dir, 10, 20);
  spoil_seal(dir, 128 + 10, 20);
  refused_untouched(dir, "damaged");
}

TEST_CASE("A slot that does not match its check is not believed") {
  const std::string dir = unsettled_kiosk("slot-forged");
  // The last slot claims more steps than the journal holds, without a check to match.
  std::string text = read_all(dir + "/journal.sqlite.seal");
  const auto at = text.find("\"last_step\":4", 128);
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "\"last_step\":9");
  std::ofstream(dir + "/journal.sqlite.seal", std::ios::binary | std::ios::trunc) << text;
  std::string error;
  const auto seal = read_seal(dir + "/journal.sqlite.seal", &error);
  REQUIRE(seal);
  CHECK(seal->last_step == 3);
}

TEST_CASE("A seal of one line, as written before the slots, is read and rewritten with slots") {
  const std::string dir = unsettled_kiosk("one-line");
  const std::string path = seal_path(dir + "/journal.sqlite");
  std::string error;
  const auto seal = read_seal(path, &error);
  REQUIRE(seal);
  std::ofstream(path, std::ios::trunc) << "{\"journal_id\":\"" << seal->journal_id << "\",\"last_step\":4}\n";
  REQUIRE(read_seal(path, &error)->last_step == 4);
  auto j = Journal::open(dir + "/journal.sqlite", &error);
  INFO(error);
  REQUIRE(j);
  CHECK(fs::file_size(path) == 256);
  CHECK(read_seal(path, &error)->last_step == 4);
}
