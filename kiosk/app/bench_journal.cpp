#include "bench_journal.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "bench_exec.hpp"
#include "core/reference.hpp"
#include "journal/journal.hpp"
#include "journal/journal_seal.hpp"
#include "sqlite/sqlite.hpp"
#include "sys/random_bytes.hpp"

namespace kiosk::app {

namespace {

namespace fs = std::filesystem;

constexpr const char* kiosk_id = "BE-KIOSK-01";  // the default configuration's

struct StepRow {
  std::string step, fields;
};

// The steps of the renewal a real session left in the journal, as the template for the rest.
std::vector<StepRow> steps_of_one_renewal(const std::string& journal) {
  sql::Database db = sql::Database::open(journal, sql::Database::Mode::read_write);
  std::vector<StepRow> out;
  sql::Statement s(db, "SELECT step, fields FROM steps ORDER BY id");
  while (s.step()) out.push_back({s.text(0), s.text(1)});
  return out;
}

// Adds transactions made of `steps`, all in one SQLite transaction (the kiosk writes one step
// per transaction, durable; a bench filling a journal need not), as Journal::append would leave
// them, and moves the journal's seal along so that the kiosk takes the journal as its own.
// Those holding a number are unsettled.
void add_transactions(const std::string& journal, const std::vector<StepRow>& steps, int count, bool holds_number,
                      std::uint64_t first) {
  ReferenceKey key{};
  random_bytes(key.data(), key.size());
  {
    sql::Database db = sql::Database::open(journal, sql::Database::Mode::read_write);
    db.exec("PRAGMA synchronous=OFF");
    db.transaction([&] {
      sql::Statement step(db, "INSERT INTO steps (reference, step, fields) VALUES (?,?,?)");
      sql::Statement txn(db,
                         "INSERT INTO transactions (reference, state, number_until_settled, created_at, updated_at) "
                         "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', ?4), "
                         "strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', ?4))");
      sql::Statement unsettled(db, "INSERT INTO unsettled (reference) VALUES (?)");
      const std::optional<std::string> number =
          holds_number ? std::optional<std::string>("+32470123456") : std::nullopt;
      for (int i = 0; i < count; ++i) {
        const std::uint64_t n = first + static_cast<std::uint64_t>(i);
        const std::string reference = make_reference(kiosk_id, key, n);
        for (const StepRow& s : steps) step.reset().bind(1, reference).bind(2, s.step).bind(3, s.fields).run();
        txn.reset().bind(1, reference).bind(2, steps.back().step).bind(3, number)
            .bind(4, "+" + std::to_string(n) + " seconds").run();
        if (holds_number) unsettled.reset().bind(1, reference).run();
      }
    });
  }
  std::string error;
  auto seal = read_seal(seal_path(journal), &error);
  sql::Database db = sql::Database::open(journal, sql::Database::Mode::read_write);
  if (seal) seal->last_step = sql::query_integer(db, "SELECT MAX(id) FROM steps");
  if (!seal || !write_seal(seal_path(journal), *seal, &error)) std::cerr << "kiosk-bench: seal: " << error << "\n";
}

std::vector<StepRow> up_to(const std::vector<StepRow>& steps, const std::string& last) {
  std::vector<StepRow> out;
  for (const StepRow& s : steps) {
    out.push_back(s);
    if (s.step == last) break;
  }
  return out;
}

}  // namespace

void bench_journal_growth(const std::string& root, const std::string& kiosk, const std::string& kioskctl,
                          const Figure& figure, bool recovery_only) {
  // A real renewal first: its journal, its gateway (which knows the one reference) and steps.
  const std::string seed = fresh_folder(root, "growth-seed");
  const std::string renew = root + "/growth-renewal.script";
  std::ofstream(renew) << "tap lang_nl\ntap svc_renew\ntap brand_proximus\ntype 0470123456\ntap next\ntap next\n"
                       << "tap confirm\ntap pay_card\ndevice terminal approve\nexpect screen done\ntap finish\n";
  if (run_child({kiosk, "--headless", "--script", renew, "--data", seed, "--shots", seed + "/shots"}).exit_code != 0) {
    std::cerr << "kiosk-bench: the renewal for the growth figures failed (see " << seed << ")\n";
    return;
  }
  const std::vector<StepRow> renewal = steps_of_one_renewal(seed + "/journal.sqlite");

  // Recovery: 100 paid but not delivered (the gateway never heard of them), after 100,000
  // settled ones and, for comparison, alone: the difference is what the journal's size costs.
  const std::string script = root + "/growth-recovery.script";
  std::ofstream(script) << "shot_now first\nwait recovered\nexpect open 0\nshot settled\n";
  for (const int settled : {100000, 0}) {
    const std::string grown = fresh_folder(root, "growth-journal");
    fs::copy(seed, grown, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    if (settled > 0) add_transactions(grown + "/journal.sqlite", renewal, settled, false, 1);
    add_transactions(grown + "/journal.sqlite", up_to(renewal, "delivery_requested"), 100, true, 200000);
    const std::string name = settled > 0 ? "recovery_100k_settled_100_open_to_" : "recovery_100_open_alone_to_";
    for (const char* shot : {"first", "settled"}) {
      const std::string data = fresh_folder(root, "growth-run");
      fs::copy(grown, data, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
      fs::remove_all(data + "/shots");
      fs::create_directories(data + "/shots");
      const ChildRun r = run_child({kiosk, "--headless", "--script", script, "--data", data, "--shots", data + "/shots"},
                                   data + "/shots/" + shot + ".png", true);
      if (r.exit_code != 0) std::cerr << "kiosk-bench: recovery failed (see " << data << ")\n";
      figure(name + (shot == std::string("first") ? "first_frame_ms" : "settled_ms"), r.file_ms, "ms");
    }
  }

  if (recovery_only) return;
  // kioskctl journal list: a small journal and a million transactions (intent and settled).
  std::vector<StepRow> short_renewal = up_to(renewal, "intent");
  short_renewal.push_back({"settled", "{}"});
  for (const int count : {10000, 1000000}) {
    const std::string data = fresh_folder(root, "growth-list");
    std::string error;
    if (!Journal::open(data + "/journal.sqlite", &error)) {
      std::cerr << "kiosk-bench: " << error << "\n";
      return;
    }
    add_transactions(data + "/journal.sqlite", short_renewal, count, false, 1);
    const ChildRun r = run_child({kioskctl, "journal", "list", "--data", data}, {}, true);
    if (r.exit_code != 0) std::cerr << "kiosk-bench: kioskctl journal list failed on " << count << " transactions\n";
    const std::string size = count == 10000 ? "10k" : "1m";
    figure("journal_list_" + size + "_ms", r.exit_ms, "ms");
    figure("journal_list_" + size + "_peak_rss_kib", static_cast<double>(r.peak_rss_kib), "KiB");
  }
  for (const char* left : {"/growth-list", "/growth-run", "/growth-journal"}) fs::remove_all(root + left);
}

}  // namespace kiosk::app
