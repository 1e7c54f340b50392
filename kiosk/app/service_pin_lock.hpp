#pragma once
#include <cstdint>

#include "core/service_mode_types.hpp"

namespace kiosk {
class Journal;
}

namespace kiosk::app {

// Five wrong PINs in a row lock the service mode for 15 minutes. The count and the lock live
// in the journal's settings, so that neither a restart nor pulling the plug resets them; times
// are the wall clock's (seconds since 1970), since the lock must outlast the process.
class ServicePinLock {
 public:
  static constexpr int max_tries = 5;
  static constexpr std::int64_t lock_s = 15 * 60;

  explicit ServicePinLock(Journal& journal) : journal_(journal) {}

  // Before a PIN is checked. Locked: the answer is `locked` (and no check). Otherwise the try is
  // counted and kept first, so that a restart during the check gives no try back; a count that
  // cannot be kept is `unavailable` (the lock could not be enforced). `none`: go on and check.
  svc::PinChecked before_check(std::int64_t now_s);
  // After the check: right clears the count; the fifth wrong one in a row locks.
  svc::PinChecked after_check(bool right, std::int64_t now_s);

 private:
  int failures();
  bool keep(const char* key, std::optional<std::int64_t> value);
  Journal& journal_;
};

}  // namespace kiosk::app
