#include "log.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "journal_native.hpp"

namespace kiosk {

namespace {
std::mutex mutex;
std::FILE* file = nullptr;
std::string program = "kiosk";
std::string journal_socket;  // set when entries go to the journal (mutex)
JournalFields context;       // (mutex)
std::atomic<LogSink> sink{nullptr};  // set once, before the module logs

void write(const char* level, const std::string& line, bool warn, LogFields fields) {
  if (LogSink forward = sink.load(std::memory_order_acquire)) return forward(warn, line);
  std::lock_guard lock(mutex);
  if (!journal_socket.empty()) {
    JournalFields all = context;
    for (const auto& [name, value] : fields) all.emplace_back(name, value);
    // syslog's priorities: 4 warning, 6 info.
    if (journal_send(journal_socket, journal_entry(warn ? 4 : 6, program, line, all))) return;
    std::fprintf(stderr, "%s: %s\n", program.c_str(), line.c_str());  // the stream is the journal too
    return;
  }
  char stamp[32];
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (file) {
    std::fprintf(file, "%s %s %s\n", stamp, level, line.c_str());
    std::fflush(file);
  }
  if (warn) std::fprintf(stderr, "%s: %s\n", program.c_str(), line.c_str());
}
}  // namespace

void log_open(const std::string& path) {
  std::lock_guard lock(mutex);
  if (file) std::fclose(file);
  file = nullptr;
  // Started by systemd with standard error on the journal: entries go there, with fields.
  if (stderr_is_journal()) {
    journal_socket = journal_socket_path();
    return;
  }
  journal_socket.clear();
  file = std::fopen(path.c_str(), "a");
}

void log_program(const std::string& name) {
  std::lock_guard lock(mutex);
  program = name;
}

void log_forward(LogSink to) { sink.store(to, std::memory_order_release); }

void log_context(const std::string& name, const std::string& value) {
  std::lock_guard lock(mutex);
  for (auto it = context.begin(); it != context.end(); ++it)
    if (it->first == name) {
      context.erase(it);
      break;
    }
  if (!value.empty()) context.emplace_back(name, value);
}

const char* log_destination() {
  std::lock_guard lock(mutex);
  return journal_socket.empty() ? "file" : "journal";
}

void log_info(const std::string& line) { write("info", line, false, {}); }
void log_warn(const std::string& line) { write("warn", line, true, {}); }
void log_info(const std::string& line, LogFields fields) { write("info", line, false, fields); }
void log_warn(const std::string& line, LogFields fields) { write("warn", line, true, fields); }

}  // namespace kiosk
