#pragma once
// kiosk-fleet's HTTPS side: the page (assets/console/), logins, and the JSON the page reads and
// posts. Every request but the page itself and the login needs a session; every command also
// needs the session's CSRF token in X-CSRF-Token and a same-origin request.
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accounts.hpp"
#include "audit_log.hpp"
#include "broker_client.hpp"
#include "fleet_view.hpp"
#include "sessions.hpp"

namespace kiosk::console {

struct WebOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  std::string cert_path;
  std::string key_path;
  std::string page_dir;          // assets/console
  std::string diagnostics_dir;   // bundles the kiosks sent, by command id
  std::string catalog_key_text;  // empty: catalogs go to the kiosks unchecked (they check them)
  int workers = 16;
  int io_timeout_ms = 5000;
  std::size_t max_body_bytes = 3 << 20;  // a signed catalog in JSON
  int command_expiry_s = 15 * 60;
};

// What the web side works with; owned by the program, shared with the broker's thread.
struct ConsoleParts {
  std::function<std::vector<Account>()> accounts;  // as the accounts file says now
  LoginGuard guard;
  SessionTable sessions;
  AuditLog audit;
  std::mutex view_mutex;  // the view is fed by the broker's thread
  FleetView* view = nullptr;
  BrokerClient* broker = nullptr;
};

// Where the bundle a diagnostics command brought back is kept.
std::string diagnostics_file(const std::string& dir, const std::string& command_id);

class WebConsole {
 public:
  static std::unique_ptr<WebConsole> start(const WebOptions& options, ConsoleParts& parts, std::string* error);
  virtual ~WebConsole() = default;
  virtual int port() const = 0;
  virtual void stop() = 0;
};

}  // namespace kiosk::console
