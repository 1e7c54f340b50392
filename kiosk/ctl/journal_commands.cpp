#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "journal/journal.hpp"

namespace kiosk::ctl {

int journal_command(const Args& args) {
  if (args.empty() || args[0] != "list") return fail("journal list [--data DIR]");
  std::string data = "kiosk-data";
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--data" && i + 1 < args.size()) data = args[++i];
    else return fail("journal list [--data DIR]");
  }
  // Opening would create an empty journal: an inspection tool must not.
  if (!std::filesystem::exists(data + "/journal.sqlite")) return fail("no journal in " + data);
  std::string error;
  auto journal = Journal::open(data + "/journal.sqlite", &error);
  if (!journal) return fail(error);
  // One line per transaction as it is read: a journal of a million lines is never held.
  try {
    journal->for_each_transaction(false, [](JournaledTransaction&& t) {
      nlohmann::json line{{"reference", t.reference}, {"state", t.state}, {"steps", t.steps},
                          {"created_at", t.created_at}, {"updated_at", t.updated_at},
                          {"holds_number", t.holds_number}};
      for (const auto& [k, v] : t.fields) line[k] = v;
      std::cout << line.dump() << "\n";
    });
  } catch (const sql::Error& e) {
    return fail(std::string("cannot read the journal: ") + e.what());
  }
  return std::cout.flush() ? 0 : 1;
}

}  // namespace kiosk::ctl
