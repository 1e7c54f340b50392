#pragma once
// Telling systemd how the kiosk is (Type=notify, WatchdogSec=): ready once the first screen is
// out, and alive from the main loop, so that a hung loop is killed and restarted. libsystemd's
// sd_notify() is opened with dlopen only when systemd asked (NOTIFY_SOCKET is set): a kiosk
// started any other way loads nothing for it.
#include <cstdint>
#include <string>

namespace kiosk {

class ServiceNotify {
 public:
  ServiceNotify();  // reads the environment; opens libsystemd when it is wanted
  bool wanted() const { return notify_ != nullptr; }
  void ready();
  // From the main loop with the monotonic time: WATCHDOG=1 at half the interval systemd set.
  void alive(std::int64_t now_ms);
  void status(const std::string& text);  // STATUS=…, shown by systemctl status
  void stopping();

 private:
  void send(const std::string& state);
  using Notify = int (*)(int, const char*);
  Notify notify_ = nullptr;
  std::int64_t watchdog_every_ms_ = 0;  // 0: no watchdog
  std::int64_t last_ping_ms_ = -1;
};

}  // namespace kiosk
