#pragma once
#include <functional>
#include <memory>
#include <string>

#include "fault_mode.hpp"

namespace kiosk::gateway {

class Store;

struct ServerOptions {
  std::string data_dir = "gateway-data";
  // Where renewals and subscribers are kept. Empty: SQLite in <data_dir>/gateway.sqlite.
  std::function<std::unique_ptr<Store>(std::string* error)> open_store;
  // The operators' catalog (catalog/catalog_file.hpp) as its text, checked by whoever read it
  // (its signature, where it has one): brands, plans and prices. Required.
  std::string catalog_text;
  std::string host = "127.0.0.1";
  int port = 0;             // 0: any free port (see Server::port)
  std::string cert_path;    // empty: <data_dir>/gateway.crt, made on first start
  std::string key_path;
  // Every caller needs a client certificate from this CA (mutual TLS). Empty: the gateway's own
  // client CA, <data_dir>/kiosk-ca.crt, made on first start (`kioskctl gateway issue`).
  std::string client_ca_path;
  // POST /v1/admin/faults for an operator certificate. Off unless a test or demo asks.
  bool allow_faults = false;
  int timeout_fault_ms = 3000;
  int latency_fault_ms = 800;

  // Bounds: every request is small JSON, and a kiosk makes a few calls a minute.
  std::size_t max_body_bytes = 16 * 1024;
  int workers = 32;              // connections served at once; more wait in the backlog
  int io_timeout_ms = 2000;      // the longest silence within a request or an answer
  double requests_per_second = 20;  // per caller, on average
  double request_burst = 60;
  // Personal data: SMS texts and numbers are erased once sent; renewals' numbers are masked
  // after this many days.
  int retention_days = 30;
  int sms_send_interval_ms = 1000;  // 0: SMS stay queued (tests that read the queue)
  // How long stop() lets busy connections finish. The stand-alone program exits after it
  // whatever is left; the embedded one waits for them.
  int stop_grace_ms = 1500;
  // Bancontact's status callbacks: a listener of their own on this port (0: any; -1: none),
  // verified against the key set in this JWKS file.
  int callback_port = -1;
  std::string wallet_keys_path;
};

// A small HTTPS server behaving like a prepaid top-up aggregator for the Belgian operators.
class Server {
 public:
  static std::unique_ptr<Server> start(const ServerOptions& options, std::string* error);
  ~Server();
  int port() const;
  const std::string& cert_path() const;
  int callback_port() const;  // -1 without the callback listener
  long tls_sessions_resumed() const;  // connections that resumed a TLS session
  Store& store();
  // In-process fault injection (tests, the kiosk's scripts with the embedded gateway), for the
  // requests whose path starts with `scope` ("" = all but /v1/admin/).
  void set_fault(FaultMode mode, const std::string& scope = "");
  // In-process simulated time and SMS replies (the kiosk's scripts): the gateway's day `days`
  // ahead (due reminders queued at once); a reply from `msisdn` (STOP withdraws its reminders,
  // returns how many); and what is kept: reminders, SMS of a kind (queued or sent).
  void set_days_ahead(int days);
  int relay_reply(const std::string& msisdn, const std::string& text);
  int reminders_kept();
  int sms_count(const std::string& kind);
  // Sells from the catalog in `text` from now on (read as ServerOptions::catalog_text is); false
  // with why when it cannot be read or is not newer than the one the store sells from.
  bool install_catalog(const std::string& text, std::string* error);
  // Stops listening and lets running requests finish (up to stop_grace_ms).
  void stop();
  // Blocks until stop() (for the stand-alone program).
  void wait();

  struct Impl;
 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::gateway
