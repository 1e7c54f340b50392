#pragma once
// Child processes for the crash harness: started with their output in a file, killed hard.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace kiosk::crash {

struct Child {
  pid_t pid = -1;
  std::string log;
};

Child spawn(const std::vector<std::string>& argv, const std::string& log_path,
            const std::map<std::string, std::string>& env = {});

// How a child ended.
struct Ended {
  bool exited = false;     // of its own accord
  int status = 0;          // exit code, or the signal that ended it
  bool killed_hard() const { return !exited && status == 9; }
};
// Waits up to `timeout_ms`; then SIGKILLs it and reports that.
Ended wait_for(Child& child, int timeout_ms);
void kill_hard(const Child& child);

// The first line of the child's log that contains `marker`, waited for up to `timeout_ms`.
std::string wait_for_line(const Child& child, const std::string& marker, int timeout_ms);

}  // namespace kiosk::crash
