// kiosk-gateway as its own process under hostile input: huge or missing bodies, header floods,
// request storms. It refuses early, keeps answering kiosks, stays small, and stops on SIGTERM.
// Timeouts here are generous bounds for a shared machine, not measurements.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "crash/processes.hpp"
#include "gateway/client.hpp"
#include "gateway/client_ca.hpp"
#include "raw_tls.hpp"

using namespace kiosk;
using namespace kiosk::gateway;
using kiosk::test::RawTls;
using kiosk::test::http_status;

namespace {

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

struct GatewayProcess {
  std::string dir;
  crash::Child child;
  int port = 0;
  std::string cert, key;
  explicit GatewayProcess(const std::string& name) {
    dir = (std::filesystem::temp_directory_path() / ("kiosk-gateway-hostile-" + name)).string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    child = crash::spawn({std::string(KIOSK_BIN_DIR) + "/kiosk-gateway", "--data", dir + "/gw", "--port", "0"},
                         dir + "/gateway.log");
    const std::string line = crash::wait_for_line(child, "https://127.0.0.1:", 10000);
    REQUIRE_FALSE(line.empty());
    port = std::atoi(line.substr(line.find("127.0.0.1:") + 10).c_str());
    REQUIRE(port > 0);
    std::string error;
    REQUIRE(issue_client_certificate(dir + "/gw", Role::kiosk, "BE-1", dir + "/kiosk", &error));
    cert = dir + "/kiosk/kiosk.crt";
    key = dir + "/kiosk/kiosk.key";
  }
  ~GatewayProcess() {
    if (child.pid > 0) {
      crash::kill_hard(child);
      crash::wait_for(child, 5000);
    }
  }
  Link link(int timeout_ms) const {
    Link l;
    l.port = port;
    l.ca_cert_path = dir + "/gw/gateway.crt";
    l.client_cert_path = cert;
    l.client_key_path = key;
    l.timeout_ms = timeout_ms;
    return l;
  }
  bool healthy(int timeout_ms) const {
    std::string detail;
    return Client(link(timeout_ms)).kiosk_record(&detail).has_value();
  }
};

std::string post_head(const std::string& path, std::size_t length) {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(length) + "\r\n\r\n";
}

}  // namespace

TEST_CASE("Huge bodies are refused before they are read, and the gateway stays small") {
  GatewayProcess g("bodies");
  const long rss_start = rss_kib(g.child.pid);
  // A 200 MB body announced, 1 MB of it sent: 413 without waiting for the rest.
  for (int i = 0; i < 5; ++i) {
    RawTls c(g.port, g.cert, g.key);
    REQUIRE(c.connected());
    c.send(post_head("/v1/renewals", 200u << 20));
    c.send(std::string(1 << 20, '{'));
    CHECK(http_status(c.receive(5000)) == 413);
  }
  // 10 MB of small JSON objects as a report: refused the same way.
  std::string objects;
  while (objects.size() < (10u << 20)) objects += R"({"step":"settled","at":"2026-11-28T12:00:00Z"},)";
  {
    RawTls c(g.port, g.cert, g.key);
    c.send(post_head("/v1/reports", objects.size()));
    c.send(objects);
    CHECK(http_status(c.receive(5000)) == 413);
  }
  // A header line longer than any real one, and a flood of header lines.
  {
    RawTls c(g.port, g.cert, g.key);
    c.send("GET /v1/health HTTP/1.1\r\nX-Long: " + std::string(100000, 'a') + "\r\n\r\n");
    CHECK(http_status(c.receive(5000)) != 200);
  }
  // Chunked bodies cannot announce their size: refused.
  {
    RawTls c(g.port, g.cert, g.key);
    c.send("POST /v1/reports HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    CHECK(http_status(c.receive(5000)) == 411);
  }
  CHECK(g.healthy(5000));
  const long rss_end = rss_kib(g.child.pid);
  INFO("RSS before " << rss_start << " KiB, after " << rss_end << " KiB");
  CHECK(rss_end > 0);
  CHECK(rss_end < 64 * 1024);
}

TEST_CASE("Connections that send nothing do not keep kiosks waiting") {
  GatewayProcess g("stall");
  std::vector<std::unique_ptr<RawTls>> stalled;
  for (int i = 0; i < 12; ++i) {
    stalled.push_back(std::make_unique<RawTls>(g.port, g.cert, g.key));
    stalled.back()->send(post_head("/v1/reports", 100));  // and no body
  }
  // Before the bounds, twelve of these held every worker for the whole read timeout.
  CHECK(g.healthy(3000));
  // The stalled ones are closed after the gateway's silence limit, with an error or nothing.
  for (auto& c : stalled) CHECK(http_status(c->receive(8000)) != 200);
}

TEST_CASE("A caller who asks too often is told to slow down") {
  GatewayProcess g("rate");
  // One request after the other, as fast as the connection allows.
  int too_many = 0, answered = 0;
  for (int i = 0; i < 300 && too_many == 0; ++i) {
    RawTls c(g.port, g.cert, g.key);
    c.send("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const int status = http_status(c.receive(3000));
    answered += status != 0;
    too_many += status == 429;
  }
  INFO(answered << " answered");
  CHECK(too_many > 0);
}

TEST_CASE("A request refused before its body was read does not spill into the next one") {
  GatewayProcess g("spill");
  // Kept connections met this: a POST refused as too soon left its body unread, and the next
  // request on that connection was read from the body on and answered 400 with nothing.
  int refused = 0;
  for (int i = 0; i < 400 && refused == 0; ++i) {
    RawTls quick(g.port, g.cert, g.key);  // empties the caller's allowance
    quick.send("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if (http_status(quick.receive(3000)) != 429) continue;
    RawTls c(g.port, g.cert, g.key);
    c.send(post_head("/v1/reports", 2) + "{}");
    if (http_status(c.receive(300)) != 429) continue;
    ++refused;
    // The connection ends with the refusal, or the next request on it is read as itself.
    c.send("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string next = c.receive(3000);
    INFO(next);
    CHECK(http_status(next) != 400);
  }
  CHECK(refused == 1);
}

TEST_CASE("SIGTERM stops the gateway cleanly and promptly") {
  GatewayProcess g("sigterm");
  REQUIRE(g.healthy(5000));
  // A connection in the middle of a request must not hold the stop up.
  RawTls busy(g.port, g.cert, g.key);
  busy.send(post_head("/v1/reports", 100));
  const auto t0 = std::chrono::steady_clock::now();
  ::kill(g.child.pid, SIGTERM);
  const crash::Ended end = crash::wait_for(g.child, 10000);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  g.child.pid = -1;
  INFO("stopped after " << ms << " ms");
  CHECK(end.exited);
  CHECK(end.status == 0);
}
