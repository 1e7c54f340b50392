#pragma once
#include <string>
#include <vector>

namespace kiosk::app {

// One run of another program, as the benchmark sees it from outside: wall time from exec to a
// file appearing and to exit, and the child's peak resident memory (getrusage, KiB).
struct ChildRun {
  double file_ms = -1;  // -1: the file never appeared
  double exit_ms = 0;
  long peak_rss_kib = 0;
  int exit_code = -1;
};

// `discard_output`: the child's standard output goes to /dev/null.
// The p-quantile (0..1, nearest rank) of the figures; 0 when there are none.
double percentile(std::vector<double> figures, double p);
// `root`/`name`, emptied or made: each measurement starts from nothing left by the one before.
std::string fresh_folder(const std::string& root, const std::string& name);

ChildRun run_child(const std::vector<std::string>& argv, const std::string& watch_file = {}, bool discard_output = false);

}  // namespace kiosk::app
