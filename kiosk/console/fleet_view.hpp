#pragma once
// What the console knows of the fleet, from the broker's messages: each kiosk's latest state,
// its alerts, today's sales, and the commands sent with their results. Every message is data
// from the network: read with bounds, and a kiosk's message counts only on its own topic.
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::console {

// Where a kiosk stands (the console's configuration): for the map and for commands to a group.
struct Site {
  std::string kiosk;
  std::string name;   // "Antwerpen-Centraal"
  std::string group;  // "antwerpen"; commands may go to a whole group
  std::optional<double> latitude, longitude;
};

struct CommandRecord {
  std::string id;
  std::string kiosk;
  std::string command;  // out-of-service, end-of-day, catalog-install, restart, diagnostics
  std::string detail;   // what else was asked ("out: @back_hour", "catalog version 8")
  std::string sent_by;
  std::time_t sent_at = 0;
  std::time_t expires = 0;
  std::string local_error;  // not sent: why (the broker away); shown as the command's result
};

// Printable ASCII without MQTT's separators and wildcards, 1 to 64 characters.
bool valid_kiosk_id(std::string_view id);

class FleetView {
 public:
  struct Limits {
    std::size_t max_kiosks = 2000;
    std::size_t max_state_bytes = 64 * 1024;
    std::size_t max_event_bytes = 16 * 1024;
    std::size_t max_result_bytes = 64 * 1024;
    std::size_t max_commands = 500;         // the newest kept
    std::size_t max_sales_per_day = 200000;  // references remembered to count each sale once
    std::time_t offline_after_s = 180;       // no state for this long: the kiosk is offline
    std::time_t unsettled_alert_s = 600;
    int catalog_warning_days = 7;
  };
  explicit FleetView(std::vector<Site> sites);
  FleetView(std::vector<Site> sites, Limits limits);
  ~FleetView();

  // A message from kiosk/<id>/<leaf>: refused (with why), kept, or a sale not counted before
  // (which the console writes down, so that a restart still knows today's sales).
  enum class Taken { refused, kept, new_sale };
  Taken on_message(std::string_view topic, std::string_view payload, std::time_t now, std::string* why);
  void command_sent(CommandRecord record);
  // The command with this id, if it went to `kiosk` and the console still keeps it.
  std::optional<CommandRecord> sent_command(const std::string& kiosk, const std::string& id) const;
  // The kiosks a target names: "all", "group:NAME" or "kiosk:ID"; empty when it names none.
  std::vector<std::string> targets(std::string_view target) const;
  // Everything the page shows, as JSON: kiosks with their alerts, sales today, commands.
  std::string snapshot(std::time_t now) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::console
