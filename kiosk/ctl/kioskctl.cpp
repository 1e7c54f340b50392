// kioskctl: the technician's command line. JSON on stdout (the flow diagram: Mermaid);
// bad input: exit 1, one line on stderr. Never a crash or a hang.
#include <exception>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "flow_graph.hpp"
#include "log/log.hpp"
#include "version/version.hpp"

namespace kiosk::ctl {

int fail(const std::string& message) {
  std::cerr << "kioskctl: " << message << "\n";
  return 1;
}

}  // namespace kiosk::ctl

int main(int argc, char** argv) {
  using namespace kiosk::ctl;
  kiosk::log_program("kioskctl");
  const Args args(argv + 1, argv + argc);
  constexpr const char* usage =
      "usage: kioskctl --version | journal list [--data DIR] | escpos render IN.bin OUT.png [--width DOTS] | "
      "escpos status N BYTE | zvt decode|frame|unframe HEX | zvt-sim --listen HOST:PORT --ledger FILE | "
      "wallet-sim --listen HOST:PORT --ledger FILE | wallet keygen DIR | gateway pin CERT.pem | flow [--table] | "
      "service-pin hash|check HASH | catalog keygen DIR|sign KEY IN OUT|verify PUB FILE|show FILE|install FILE | "
      "fleet init DIR|issue --ca DIR (--kiosk ID | --console) --out DIR|account FILE NAME | "
      "status|test-print|terminal-check|end-of-day|retry|restart|out-of-service on REASON|off|diagnostics [--out PATH] "
      "[--socket PATH | --data DIR]";
  try {
    if (args.empty()) return fail(usage);
    if (args.size() == 1 && args[0] == "--version") {
      std::cout << nlohmann::json{{"kioskctl", std::string(kiosk::kiosk_version())}}.dump() << "\n";
      return 0;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "journal") return journal_command(rest);
    if (args[0] == "escpos") return escpos_command(rest);
    if (args[0] == "zvt") return zvt_command(rest);
    if (args[0] == "zvt-sim") return zvt_sim_command(rest);
    if (args[0] == "wallet-sim") return wallet_sim_command(rest);
    if (args[0] == "wallet") return wallet_command(rest);
    if (args[0] == "gateway") return gateway_command(rest);
    if (args[0] == "service-pin") return service_pin_command(rest);
    if (args[0] == "catalog") return catalog_command(rest);
    if (args[0] == "fleet") return fleet_command(rest);
    if (args[0] == "status" || args[0] == "test-print" || args[0] == "end-of-day" || args[0] == "out-of-service" ||
        args[0] == "diagnostics" || args[0] == "retry" || args[0] == "restart" || args[0] == "terminal-check")
      return running_kiosk_command(args);
    if (args[0] == "flow" && rest.empty()) {
      std::cout << kiosk::flow_mermaid();
      return 0;
    }
    if (args[0] == "flow" && rest.size() == 1 && rest[0] == "--table") {
      std::cout << kiosk::flow_table_text();
      return 0;
    }
    return fail(usage);
  } catch (const std::exception& e) {
    return fail(e.what());  // nothing escapes as a crash
  }
}
