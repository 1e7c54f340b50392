#pragma once
#include <string>

namespace kiosk::app {

// One line per entry in <data>/kiosk.log (and on stderr for warnings). Callers pass masked
// data only: never a full number or card data.
void log_open(const std::string& path);
void log_info(const std::string& line);
void log_warn(const std::string& line);

}  // namespace kiosk::app
