#include "service_notify.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace kiosk {

ServiceNotify::ServiceNotify() {
  if (!std::getenv("NOTIFY_SOCKET")) return;
  // Never closed: a handful of pages for the life of the process.
  void* lib = dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
  if (!lib) return;
  notify_ = reinterpret_cast<Notify>(dlsym(lib, "sd_notify"));
  using WatchdogEnabled = int (*)(int, std::uint64_t*);
  const auto enabled = reinterpret_cast<WatchdogEnabled>(dlsym(lib, "sd_watchdog_enabled"));
  std::uint64_t usec = 0;
  // > 0: the watchdog is on for this process, every usec microseconds at the latest.
  if (enabled && enabled(0, &usec) > 0 && usec > 0) watchdog_every_ms_ = static_cast<std::int64_t>(usec / 2000);
}

void ServiceNotify::send(const std::string& state) {
  if (notify_) notify_(0, state.c_str());
}

void ServiceNotify::ready() { send("READY=1"); }

void ServiceNotify::alive(std::int64_t now_ms) {
  if (watchdog_every_ms_ <= 0 || (last_ping_ms_ >= 0 && now_ms - last_ping_ms_ < watchdog_every_ms_)) return;
  last_ping_ms_ = now_ms;
  send("WATCHDOG=1");
}

void ServiceNotify::status(const std::string& text) { send("STATUS=" + text); }

void ServiceNotify::stopping() { send("STOPPING=1"); }

}  // namespace kiosk
