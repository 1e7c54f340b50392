#include "bench_exec.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace kiosk::app {

double percentile(std::vector<double> figures, double p) {
  if (figures.empty()) return 0;
  std::sort(figures.begin(), figures.end());
  return figures[std::min(figures.size() - 1, static_cast<std::size_t>(p * static_cast<double>(figures.size() - 1) + 0.5))];
}

std::string fresh_folder(const std::string& root, const std::string& name) {
  const std::string dir = root + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The parent sleeps in poll() until the file's folder changes or the child ends: a parent that
// polled with a timer took a share of the two cores from the very start it was measuring.
ChildRun run_child(const std::vector<std::string>& argv, const std::string& watch_file, bool discard_output) {
  using Clock = std::chrono::steady_clock;
  ChildRun out;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int changes = watch_file.empty() ? -1 : inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (changes >= 0) {
    const std::string folder = std::filesystem::path(watch_file).parent_path().string();
    inotify_add_watch(changes, folder.empty() ? "." : folder.c_str(), IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
  }
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (discard_output) {
      const int null = open("/dev/null", O_WRONLY);
      if (null >= 0) dup2(null, STDOUT_FILENO);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid < 0) {
    if (changes >= 0) close(changes);
    return out;
  }
  auto ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); };
  // glibc 2.36 declares pidfd_open without C linkage for C++: the system call itself.
  const int ended = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  for (bool running = true; running;) {
    const bool watching = !watch_file.empty() && out.file_ms < 0;
    pollfd fds[2] = {{ended, POLLIN, 0}, {watching ? changes : -1, POLLIN, 0}};
    // Without a pidfd or an inotify watch, look every millisecond.
    poll(fds, 2, ended < 0 || (watching && changes < 0) ? 1 : -1);
    if (watching && (changes < 0 || (fds[1].revents & POLLIN))) {
      char events[4096];
      while (changes >= 0 && read(changes, events, sizeof events) > 0) {
      }
      struct stat st{};
      if (::stat(watch_file.c_str(), &st) == 0) out.file_ms = ms();
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, WNOHANG, &usage) == pid) {
      out.exit_ms = ms();
      out.peak_rss_kib = usage.ru_maxrss;
      out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      running = false;
    }
  }
  if (ended >= 0) close(ended);
  if (changes >= 0) close(changes);
  return out;
}

}  // namespace kiosk::app
