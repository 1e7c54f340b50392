#include "local_date.hpp"

#include <ctime>

namespace kiosk {

CivilDate local_today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace kiosk
