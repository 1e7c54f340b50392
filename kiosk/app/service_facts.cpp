#include "service_facts.hpp"

#include <sys/statvfs.h>

#include "log/log.hpp"

namespace kiosk::app {

std::string time_text(std::time_t t, const char* format, bool utc) {
  std::tm tm{};
  if (utc) gmtime_r(&t, &tm);
  else localtime_r(&t, &tm);
  char out[64];
  return std::strftime(out, sizeof out, format, &tm) ? out : "";
}

std::string iso_utc(std::time_t t) { return time_text(t, "%Y-%m-%dT%H:%M:%S.000Z", true); }

std::optional<std::time_t> parse_iso_utc(const std::string& text) {
  std::tm tm{};
  if (!strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return std::nullopt;
  return timegm(&tm);
}

std::time_t local_midnight(std::time_t now) {
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

Journal::Sales sales_today(Journal& journal) {
  const std::time_t now = std::time(nullptr);
  return journal.sales_between(iso_utc(local_midnight(now)), iso_utc(now + 1));
}

void note_action(Journal* journal, const std::string& actor, const std::string& action, const std::string& detail,
                 const std::string& log_line) {
  if (!log_line.empty()) log_info(log_line);
  std::string error;
  if (journal && !journal->log_service_action(actor, action, detail, &error))
    log_warn("service log: " + action + " by " + actor + " not kept: " + error);
}

long long disk_free_bytes(const std::string& dir) {
  struct statvfs fs {};
  if (statvfs(dir.c_str(), &fs) != 0) return -1;
  return static_cast<long long>(fs.f_bavail) * static_cast<long long>(fs.f_frsize);
}

}  // namespace kiosk::app
