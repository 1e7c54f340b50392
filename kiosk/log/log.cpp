#include "log.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace kiosk {

namespace {
std::mutex mutex;
std::FILE* file = nullptr;
std::string program = "kiosk";
std::atomic<LogSink> sink{nullptr};  // set once, before the module logs

void write(const char* level, const std::string& line, bool to_stderr) {
  if (LogSink forward = sink.load(std::memory_order_acquire)) return forward(to_stderr, line);
  char stamp[32];
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard lock(mutex);
  if (file) {
    std::fprintf(file, "%s %s %s\n", stamp, level, line.c_str());
    std::fflush(file);
  }
  if (to_stderr) std::fprintf(stderr, "%s: %s\n", program.c_str(), line.c_str());
}
}  // namespace

void log_open(const std::string& path) {
  std::lock_guard lock(mutex);
  if (file) std::fclose(file);
  file = std::fopen(path.c_str(), "a");
}

void log_program(const std::string& name) {
  std::lock_guard lock(mutex);
  program = name;
}

void log_forward(LogSink to) { sink.store(to, std::memory_order_release); }

void log_info(const std::string& line) { write("info", line, false); }
void log_warn(const std::string& line) { write("warn", line, true); }

}  // namespace kiosk
