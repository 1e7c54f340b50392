#include "accounts.hpp"

#include <algorithm>

namespace kiosk::console {

bool valid_account_name(std::string_view name) {
  return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::optional<std::vector<Account>> parse_accounts(std::string_view text, std::string* error) {
  std::vector<Account> accounts;
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t space = line.find(' ');
    const std::string where = "line " + std::to_string(number) + ": ";
    if (space == std::string_view::npos) return *error = where + "expected 'name $scrypt$…'", std::nullopt;
    Account a{std::string(line.substr(0, space)), std::string(line.substr(line.find_first_not_of(' ', space)))};
    if (!valid_account_name(a.name)) return *error = where + "a name is 1 to 32 of a-z, 0-9, '.', '_' and '-'", std::nullopt;
    if (a.hash.rfind("$scrypt$", 0) != 0) return *error = where + "the password is not an scrypt hash", std::nullopt;
    if (std::any_of(accounts.begin(), accounts.end(), [&](const Account& b) { return b.name == a.name; }))
      return *error = where + "'" + a.name + "' is there twice", std::nullopt;
    accounts.push_back(std::move(a));
  }
  return accounts;
}

bool LoginGuard::may_try(const std::string& name, const std::string& address, Clock::time_point now,
                         Clock::duration* wait) {
  std::lock_guard lock(mutex_);
  Clock::time_point until{};
  for (auto* table : {&names_, &addresses_}) {
    const auto it = table->find(table == &names_ ? name : address);
    if (it != table->end()) until = std::max(until, it->second.locked_until);
  }
  if (until <= now) return true;
  if (wait) *wait = until - now;
  return false;
}

bool LoginGuard::count(std::map<std::string, Entry>& table, const std::string& key, int max, Clock::time_point now) {
  if (table.size() >= limits_.max_entries && !table.count(key)) forget_idle(table, now);
  Entry& e = table[key];
  if (e.locked_until != Clock::time_point{} && e.locked_until <= now) e.failures = 0;  // a lock served
  e.last = now;
  if (++e.failures < max) return false;
  e.locked_until = now + limits_.lock_for;
  return true;
}

bool LoginGuard::failed(const std::string& name, const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const bool name_locked = count(names_, name, limits_.max_failures, now);
  const bool address_locked = count(addresses_, address, limits_.max_failures_per_address, now);
  return name_locked || address_locked;
}

void LoginGuard::succeeded(const std::string& name) {
  std::lock_guard lock(mutex_);
  names_.erase(name);
}

void LoginGuard::forget_idle(std::map<std::string, Entry>& table, Clock::time_point now) {
  // Half of the entries not locked now, idle longest first: a flood of new names forgets old
  // failures but never lifts a lock.
  std::vector<std::pair<Clock::time_point, std::string>> by_age;
  for (const auto& [key, e] : table)
    if (e.locked_until <= now) by_age.emplace_back(e.last, key);
  std::sort(by_age.begin(), by_age.end());
  for (std::size_t i = 0; i < by_age.size() / 2 + 1 && i < by_age.size(); ++i) table.erase(by_age[i].second);
}

}  // namespace kiosk::console
