#pragma once
#include <memory>
#include <string>

namespace kiosk::gateway {

// What the embedded gateway does with the next requests (scripted faults for tests).
enum class FaultMode {
  ok,
  timeout,  // hold the request past the client's timeout, then drop it uncommitted
  error,    // 503 with a JSON error body
  garbage,  // 200 with a body that is not JSON
  refuse,   // renewals are refused by the operator (409); everything else works
  latency,  // every answer comes late (latency_fault_ms), but comes
  // a renewal is committed, then its answer is held past the client's timeout and dropped:
  // the kiosk must find out by reference
  lost_answer,
  duplicate,  // every renewal request is processed twice, as if the network had repeated it
};
const char* fault_mode_name(FaultMode mode);
bool parse_fault_mode(const std::string& name, FaultMode* mode);

struct ServerOptions {
  std::string data_dir = "gateway-data";
  std::string host = "127.0.0.1";
  int port = 0;             // 0: any free port (see Server::port)
  std::string cert_path;    // empty: <data_dir>/gateway.crt, made on first start
  std::string key_path;
  // Mutual TLS: only clients with a certificate issued by this CA (a PEM file) get an answer.
  std::string client_ca_path;
  int timeout_fault_ms = 3000;
  int latency_fault_ms = 800;
};

// A small HTTPS server behaving like a prepaid top-up aggregator for the Belgian operators.
class Server {
 public:
  static std::unique_ptr<Server> start(const ServerOptions& options, std::string* error);
  ~Server();
  int port() const;
  const std::string& cert_path() const;
  void set_fault(FaultMode mode);
  void stop();
  // Blocks until stop() (for the stand-alone program).
  void wait();

  struct Impl;
 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::gateway
