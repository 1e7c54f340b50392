#pragma once
// A command from the fleet (kiosk/<id>/cmd), read with bounds: what the operator's console
// sends is data from the network, even through an authenticated broker.
//   {"id": "c-81f2…", "expires": "2026-12-06T10:00:00Z", "sent_by": "alice",
//    "command": "out-of-service", "out": true, "reason": "@back_hour"}
// The command and its arguments are those of the kiosk's control socket (kioskctl).
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::fleet {

inline constexpr std::size_t max_command_bytes = 3 << 20;  // a signed catalog, escaped

struct FleetCommand {
  std::string id;        // [A-Za-z0-9_-]{1,64}: carried out once, whatever the deliveries
  std::time_t expires = 0;
  std::string sent_by;   // who in the console: for the service log
  std::string command;   // out-of-service, end-of-day, catalog-install, restart, diagnostics
  std::string request;   // the control socket's request for it (one line of JSON)
};

// The command in `payload`, or nothing with why. `id` is set whenever the payload had a
// readable one, so that even a refusal can be answered by id.
std::optional<FleetCommand> parse_fleet_command(std::string_view payload, std::string* id, std::string* error);

// Times on the fleet are UTC, "2026-12-06T10:00:00Z" (also read with milliseconds,
// "…T10:00:00.250Z"); -1 when `s` is not one.
std::time_t parse_utc(const std::string& s);
std::string iso_utc(std::time_t t);
// The day of `t` by this machine's clock and time zone, "2026-12-06": the console's "today".
std::string local_day(std::time_t t);

// A result message: {"id", "ok", "at", and the answer's fields or "error"}.
std::string result_message(const std::string& id, const std::string& answer_json, std::time_t at);
std::string refusal_message(const std::string& id, const std::string& error, std::time_t at);

}  // namespace kiosk::fleet
