#include "fleet_command.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fleet_link.hpp"

namespace kiosk::fleet {

namespace {

using nlohmann::json;

bool plain_id(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

std::time_t parse_utc(const std::string& s) {
  std::tm tm{};
  // Whole seconds, or with milliseconds as the kiosk's events and logs write them.
  if ((s.size() != 20 && s.size() != 24) || s.back() != 'Z') return -1;
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!end || end != s.c_str() + 19) return -1;
  if (s.size() == 24 && (s[19] != '.' || !std::all_of(s.begin() + 20, s.end() - 1, [](char c) { return c >= '0' && c <= '9'; })))
    return -1;
  return timegm(&tm);
}

namespace {

std::string formatted(std::time_t t, bool utc, const char* pattern) {
  std::tm tm{};
  if (utc) gmtime_r(&t, &tm);
  else localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}

}  // namespace

std::string iso_utc(std::time_t t) { return formatted(t, true, "%Y-%m-%dT%H:%M:%SZ"); }

std::string local_day(std::time_t t) { return formatted(t, false, "%Y-%m-%d"); }

std::string topic(std::string_view kiosk_id, std::string_view leaf) {
  return "kiosk/" + std::string(kiosk_id) + "/" + std::string(leaf);
}

std::string offline_state(std::string_view kiosk_id) {
  return json{{"kiosk", std::string(kiosk_id)}, {"online", false}}.dump();
}

std::optional<FleetCommand> parse_fleet_command(std::string_view payload, std::string* id, std::string* error) {
  id->clear();
  if (payload.size() > max_command_bytes) return *error = "the command is too large", std::nullopt;
  json j = json::parse(payload, nullptr, false);
  if (!j.is_object()) return *error = "the command is not a JSON object", std::nullopt;
  const auto text = [&j](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  FleetCommand c;
  c.id = text("id");
  if (!plain_id(c.id)) return *error = "no command id (1 to 64 of A-Z, a-z, 0-9, - and _)", std::nullopt;
  *id = c.id;
  c.expires = parse_utc(text("expires"));
  if (c.expires < 0) return *error = "no expiry (YYYY-MM-DDTHH:MM:SSZ)", std::nullopt;
  c.sent_by = text("sent_by");
  if (c.sent_by.size() > 64 || !std::all_of(c.sent_by.begin(), c.sent_by.end(), [](char ch) {
        return static_cast<unsigned char>(ch) >= 0x20 && static_cast<unsigned char>(ch) < 0x7F;
      }))
    return *error = "sent_by is not a printable name of up to 64 characters", std::nullopt;
  c.command = text("command");
  static constexpr std::string_view allowed[] = {"out-of-service", "end-of-day", "catalog-install", "restart",
                                                 "diagnostics"};
  if (std::find(std::begin(allowed), std::end(allowed), c.command) == std::end(allowed))
    return *error = "'" + c.command.substr(0, 40) + "' is not a command the fleet may send", std::nullopt;
  // The rest is the control socket's request; the kiosk checks its arguments as for kioskctl.
  j.erase("id");
  j.erase("expires");
  j.erase("sent_by");
  c.request = j.dump();
  return c;
}

std::string result_message(const std::string& id, const std::string& answer_json, std::time_t at) {
  json answer = json::parse(answer_json, nullptr, false);
  if (!answer.is_object()) answer = json{{"ok", false}, {"error", "the kiosk's answer could not be read"}};
  answer.erase("bundle_base64");  // a diagnostics bundle goes on its own topic
  answer["id"] = id;
  answer["at"] = iso_utc(at);
  return answer.dump();
}

std::string refusal_message(const std::string& id, const std::string& error, std::time_t at) {
  return json{{"id", id}, {"ok", false}, {"error", error}, {"at", iso_utc(at)}}.dump();
}

}  // namespace kiosk::fleet
