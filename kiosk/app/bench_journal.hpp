#pragma once
#include <functional>
#include <string>

namespace kiosk::app {

using Figure = std::function<void(const std::string& name, double value, const char* unit)>;

// A journal that has grown, measured from outside with the real programs:
// - the kiosk starting on 100,000 settled and 100 unsettled transactions (recovery): exec to
//   the first screen on disk, and to every transaction settled;
// - kioskctl journal list over 10,000 and 1,000,000 transactions: time and peak memory (the
//   same memory for both when the list streams).
// `kiosk` and `kioskctl` are the programs' paths; work goes under `root`. `recovery_only`:
// the recovery figures alone.
void bench_journal_growth(const std::string& root, const std::string& kiosk, const std::string& kioskctl,
                          const Figure& figure, bool recovery_only = false);

}  // namespace kiosk::app
