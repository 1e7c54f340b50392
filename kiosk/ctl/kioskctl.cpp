// kioskctl: the technician's command line. JSON on stdout (the flow diagram: Mermaid);
// bad input: exit 1, one line on stderr.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "flow_graph.hpp"
#include "journal/journal.hpp"

namespace {

int fail(const std::string& message) {
  std::cerr << "kioskctl: " << message << "\n";
  return 1;
}

int journal_list(const std::vector<std::string>& args) {
  std::string data = "kiosk-data";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--data" && i + 1 < args.size()) data = args[++i];
    else return fail("journal list [--data DIR]");
  }
  if (!std::filesystem::exists(data + "/journal.sqlite")) return fail("no journal in " + data);
  std::string error;
  auto journal = kiosk::Journal::open(data + "/journal.sqlite", &error);
  if (!journal) return fail(error);
  for (const auto& t : journal->transactions()) {
    nlohmann::json line{{"reference", t.reference}, {"state", t.state}, {"steps", t.steps},
                        {"created_at", t.created_at}, {"updated_at", t.updated_at},
                        {"holds_number", t.holds_number}};
    for (const auto& [k, v] : t.fields) line[k] = v;
    std::cout << line.dump() << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "journal" && args[1] == "list")
    return journal_list({args.begin() + 2, args.end()});
  if (args.size() == 1 && args[0] == "flow") {
    std::cout << kiosk::flow_mermaid();
    return 0;
  }
  return fail("usage: kioskctl journal list [--data DIR] | kioskctl flow");
}
