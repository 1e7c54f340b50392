#include "bench_exec.hpp"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace kiosk::app {

ChildRun run_child(const std::vector<std::string>& argv, const std::string& watch_file) {
  using Clock = std::chrono::steady_clock;
  ChildRun out;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid < 0) return out;
  auto ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); };
  int status = 0;
  rusage usage{};
  for (;;) {
    // Polled every 0.2 ms: fine enough for figures in tens of milliseconds.
    if (out.file_ms < 0 && !watch_file.empty()) {
      struct stat st{};
      if (::stat(watch_file.c_str(), &st) == 0) out.file_ms = ms();
    }
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  out.exit_ms = ms();
  out.peak_rss_kib = usage.ru_maxrss;
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace kiosk::app
