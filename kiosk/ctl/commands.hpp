#pragma once
// kioskctl's commands, one file per area. Each returns the exit code; output is JSON on stdout,
// errors one line on stderr via fail().
#include <string>
#include <vector>

namespace kiosk::ctl {

using Args = std::vector<std::string>;

int fail(const std::string& message);
int journal_command(const Args& args);
int escpos_command(const Args& args);
int zvt_command(const Args& args);
int zvt_sim_command(const Args& args);
int wallet_sim_command(const Args& args);
int wallet_command(const Args& args);
int gateway_command(const Args& args);
int service_pin_command(const Args& args);
int catalog_command(const Args& args);
int fleet_command(const Args& args);
// status, test-print, end-of-day, out-of-service: to the running kiosk.
int running_kiosk_command(const Args& args);

}  // namespace kiosk::ctl
