#include "service_pin_lock.hpp"

#include <charconv>
#include <string>

#include "journal/journal.hpp"
#include "log/log.hpp"

namespace kiosk::app {

namespace {

constexpr const char* failures_key = "service_pin_failures";
constexpr const char* locked_until_key = "service_pin_locked_until";

std::optional<std::int64_t> parse_count(const std::string& text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

bool ServicePinLock::keep(const char* key, std::optional<std::int64_t> value) {
  std::string error;
  if (journal_.set_setting(key, value ? std::optional(std::to_string(*value)) : std::nullopt, &error)) return true;
  log_warn(std::string("service PIN: ") + key + " not kept: " + error);
  return false;
}

int ServicePinLock::failures() {
  const std::optional<std::string> stored = journal_.setting(failures_key);
  if (!stored) return 0;
  const std::optional<std::int64_t> n = parse_count(*stored);
  if (n) return static_cast<int>(std::min<std::int64_t>(*n, max_tries));
  // Damaged: counted as the last try before the lock rather than as none.
  log_warn("service PIN: the stored count of wrong PINs is not a number ('" + stored->substr(0, 20) + "')");
  return max_tries - 1;
}

svc::PinChecked ServicePinLock::before_check(std::int64_t now_s) {
  if (const std::optional<std::string> stored = journal_.setting(locked_until_key)) {
    std::optional<std::int64_t> until = parse_count(*stored);
    if (!until) {
      // Damaged: locked from now, and the lock written again whole.
      log_warn("service PIN: the stored lock is not a time ('" + stored->substr(0, 20) + "'): locked for 15 minutes");
      until = now_s + lock_s;
      keep(locked_until_key, until);
    }
    // A clock set back does not make the lock longer than it was ever meant to be.
    if (*until > now_s + lock_s) {
      until = now_s + lock_s;
      keep(locked_until_key, until);
    }
    if (now_s < *until) return {PinVerdict::locked, 0, static_cast<int>(*until - now_s)};
    // The lock ran out: a fresh count.
    if (!keep(locked_until_key, std::nullopt) || !keep(failures_key, std::nullopt)) return {PinVerdict::unavailable};
  }
  const int counted = failures() + 1;
  if (!keep(failures_key, counted)) return {PinVerdict::unavailable};
  return {PinVerdict::none, max_tries - counted};
}

svc::PinChecked ServicePinLock::after_check(bool right, std::int64_t now_s) {
  if (right) {
    keep(failures_key, std::nullopt);
    return {PinVerdict::right, max_tries};
  }
  const int counted = failures();
  if (counted < max_tries) return {PinVerdict::wrong, max_tries - counted};
  keep(locked_until_key, now_s + lock_s);
  keep(failures_key, std::nullopt);
  return {PinVerdict::locked, 0, static_cast<int>(lock_s)};
}

}  // namespace kiosk::app
