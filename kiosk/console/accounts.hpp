#pragma once
// The console's operators: one per line in an accounts file, "name $scrypt$…" (the hash that
// `kioskctl fleet account` makes), '#' for comments. The file is read at start and whenever it
// changes, so that adding or removing an operator needs no restart.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::console {

struct Account {
  std::string name;
  std::string hash;
};

// [a-z0-9._-], 1 to 32 characters: it goes into the audit log and into commands' sent_by.
bool valid_account_name(std::string_view name);

// The accounts in `text`, or nothing with the line that is wrong.
std::optional<std::vector<Account>> parse_accounts(std::string_view text, std::string* error);

// Lock after repeated failures: a name that failed `max_failures` times in a row is locked for
// `lock_for`, and so is an address (a browser trying many names). A success clears the name's
// count. The table is bounded: the entries idle longest are forgotten first, locks never.
class LoginGuard {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int max_failures = 5;
    int max_failures_per_address = 20;
    Clock::duration lock_for = std::chrono::minutes(15);
    std::size_t max_entries = 4096;
  };
  LoginGuard() = default;
  explicit LoginGuard(Limits limits) : limits_(limits) {}

  // Whether a login for `name` from `address` may be tried now; when not, how long until it may.
  bool may_try(const std::string& name, const std::string& address, Clock::time_point now,
               Clock::duration* wait = nullptr);
  // The outcome of a try; true when this failure locked the name or the address.
  bool failed(const std::string& name, const std::string& address, Clock::time_point now);
  void succeeded(const std::string& name);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point locked_until{};
    Clock::time_point last{};
  };
  bool count(std::map<std::string, Entry>& table, const std::string& key, int max, Clock::time_point now);
  void forget_idle(std::map<std::string, Entry>& table, Clock::time_point now);
  Limits limits_;
  std::mutex mutex_;
  std::map<std::string, Entry> names_, addresses_;
};

}  // namespace kiosk::console
