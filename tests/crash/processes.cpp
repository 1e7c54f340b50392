#include "processes.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace kiosk::crash {

Child spawn(const std::vector<std::string>& argv, const std::string& log_path,
            const std::map<std::string, std::string>& env) {
  Child c;
  c.log = log_path;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  c.pid = ::fork();
  if (c.pid == 0) {
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return c;
}

Ended wait_for(Child& child, int timeout_ms) {
  Ended e;
  if (child.pid <= 0) return e;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(child.pid, &status, WNOHANG);
    if (r == child.pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(child.pid, SIGKILL);
      ::waitpid(child.pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  child.pid = -1;
  e.exited = WIFEXITED(status);
  e.status = e.exited ? WEXITSTATUS(status) : WTERMSIG(status);
  return e;
}

void kill_hard(const Child& child) {
  if (child.pid > 0) ::kill(child.pid, SIGKILL);
}

std::string wait_for_line(const Child& child, const std::string& marker, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(child.log);
    for (std::string line; std::getline(in, line);)
      if (line.find(marker) != std::string::npos) return line;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {};
}

}  // namespace kiosk::crash
