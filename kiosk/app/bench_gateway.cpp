#include "bench_gateway.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <vector>

#include "bench_exec.hpp"
#include "core/reference.hpp"
#include "gateway/client.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/server.hpp"
#include "sqlite/sqlite.hpp"
#include "sys/random_bytes.hpp"
#include "sys/small_file.hpp"
#include "catalog/catalog_file.hpp"

namespace kiosk::app {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::unique_ptr<gateway::Server> start(const std::string& dir) {
  gateway::ServerOptions o;
  o.data_dir = dir;
  o.requests_per_second = 1e6;  // the bench is one kiosk asking as fast as it can
  o.request_burst = 1e6;
  std::string error;
  const auto catalog = read_small_file(KIOSK_ASSET_DIR "/catalog/catalog.json", catalog::max_catalog_bytes, &error);
  if (!catalog) {
    std::cerr << "kiosk-bench: " << error << "\n";
    return nullptr;
  }
  o.catalog_text = *catalog;
  auto server = gateway::Server::start(o, &error);
  if (!server) std::cerr << "kiosk-bench: gateway: " << error << "\n";
  return server;
}

// Renewals delivered earlier by 500 kiosks, written straight into the store in one transaction
// (as the gateway would have left them, numbers already masked).
void add_renewals(const std::string& store, int count) {
  ReferenceKey key{};
  random_bytes(key.data(), key.size());
  sql::Database db = sql::Database::open(store, sql::Database::Mode::read_write);
  db.exec("PRAGMA synchronous=OFF");
  db.transaction([&] {
    sql::Statement ins(db,
                       "INSERT INTO renewals (reference, brand, msisdn, plan_id, months, amount_cents, status, "
                       "confirmation_id, new_expiry, created_at, kiosk_id, number_erased) "
                       "VALUES (?1, 'proximus', '0470 xx x4 56', 'px-smart-10', 1, 1000, 'delivered', ?2, "
                       "'2026-01-07', strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', ?3), ?4, 1)");
    for (int i = 0; i < count; ++i) {
      const std::string kiosk = "BE-KIOSK-" + std::to_string(i % 500);
      ins.reset()
          .bind(1, make_reference(kiosk, key, static_cast<std::uint64_t>(i)))
          .bind(2, "PXM-" + std::to_string(100001 + i))
          .bind(3, "+" + std::to_string(i / 10) + " seconds")
          .bind(4, kiosk)
          .run();
    }
  });
}

struct Latencies {
  std::vector<double> lookup, renew;
};

// Look-ups and renewals of kiosk K, one after the other as a kiosk sends them.
Latencies measure(gateway::Client& client, const std::string& kiosk, int rounds, std::uint64_t first) {
  Latencies out;
  ReferenceKey key{};
  random_bytes(key.data(), key.size());
  const MobileNumber number{"470123456"};
  for (int i = 0; i < rounds; ++i) {
    auto t0 = Clock::now();
    const auto found = client.lookup(Brand{"proximus"}, number);
    out.lookup.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (found.kind != gateway::LookupResult::Kind::found) std::cerr << "kiosk-bench: look-up failed: " << found.detail << "\n";
    const gateway::RenewalRequest r{make_reference(kiosk, key, first + static_cast<std::uint64_t>(i)), Brand{"proximus"},
                                    number, "px-smart-10", 1, 1000};
    t0 = Clock::now();
    const auto done = client.renew(r);
    out.renew.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (done.kind != gateway::RenewalResult::Kind::delivered) std::cerr << "kiosk-bench: renewal failed: " << done.detail << "\n";
  }
  return out;
}

}  // namespace

void bench_gateway_growth(const std::string& root, const Figure& figure) {
  const std::string dir = root + "/growth-gateway";
  fs::remove_all(dir);
  auto server = start(dir);
  if (!server) return;
  std::string error;
  const std::string kiosk = "BE-KIOSK-7";
  if (!gateway::issue_client_certificate(dir, gateway::Role::kiosk, kiosk, dir + "/kiosk", &error)) {
    std::cerr << "kiosk-bench: " << error << "\n";
    return;
  }
  const auto link = [&] {
    gateway::Link l;
    l.port = server->port();
    l.ca_cert_path = server->cert_path();
    l.client_cert_path = dir + "/kiosk/kiosk.crt";
    l.client_key_path = dir + "/kiosk/kiosk.key";
    return l;
  };
  constexpr int rounds = 200;
  for (const int stored : {0, 1000000}) {
    if (stored > 0) {
      server->stop();
      server.reset();
      add_renewals(dir + "/gateway.sqlite", stored);
      server = start(dir);
      if (!server) return;
    }
    gateway::Client client(link());
    measure(client, kiosk, 10, 10000000 + static_cast<std::uint64_t>(stored));  // connections and caches warm
    const Latencies l = measure(client, kiosk, rounds, 20000000 + static_cast<std::uint64_t>(stored));
    const std::string size = stored > 0 ? "1m" : "empty";
    figure("gateway_lookup_ms_p50_" + size, percentile(l.lookup, 0.5), "ms");
    figure("gateway_lookup_ms_p99_" + size, percentile(l.lookup, 0.99), "ms");
    figure("gateway_renewal_ms_p50_" + size, percentile(l.renew, 0.5), "ms");
    figure("gateway_renewal_ms_p99_" + size, percentile(l.renew, 0.99), "ms");
  }
  server->stop();
  server.reset();
  fs::remove_all(dir);
}

}  // namespace kiosk::app
