// kiosk-gateway-load: simulated kiosks renewing against a gateway over HTTPS, each with its own
// client certificate and the kiosk's own client (gateway/client.hpp: mutual TLS, connections
// kept between calls), with duplicates, voids and look-ups mixed in. It then asks the gateway
// about every renewal it was told was delivered. Its last lines are the figures:
//   renewals_per_s X / p50_ms X / p99_ms X / errors N / duplicates N / lost N
// Without --gateway it starts kiosk-gateway (SQLite) from its own folder on a free port.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include "bench_exec.hpp"
#include "core/reference.hpp"
#include "gateway/client.hpp"
#include "gateway/client_ca.hpp"
#include "install_layout.hpp"
#include "sys/random_bytes.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace kiosk;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;              // 0: start a gateway of our own
  std::string gateway_data;  // the gateway's folder: its certificate, and its client CA to issue from
  int kiosks = 20;
  int seconds = 10;
  std::string work = "gateway-load";
};

// The renewal every simulated kiosk sells: the demo catalog's Proximus Smart 10 for a month,
// to a number the gateway's simulation knows.
gateway::RenewalRequest renewal(const std::string& reference) {
  return {reference, Brand{"proximus"}, MobileNumber{"470123456"}, "px-smart-10", 1, 1000};
}

gateway::Service::Expected expected_of(const gateway::RenewalRequest& r) {
  return {r.reference, r.brand, r.number, r.plan_id, r.months, r.amount};
}

struct Delivered {
  gateway::RenewalRequest request;
  std::string confirmation;
};

struct KioskTally {
  std::vector<double> renew_ms;  // new renewals, delivered or not
  std::vector<Delivered> delivered;
  long errors = 0, duplicates = 0, lookups = 0, voids = 0, repeats = 0;
  std::string first_error;
  void error(const std::string& what) {
    if (first_error.empty()) first_error = what;
    ++errors;
  }
};

// One kiosk until `until`: of every 100 calls about 80 renewals, 10 look-ups, 5 voids (a
// reference closed before it is used: a renewal with it must then fail) and 5 repeats of the
// last delivered renewal (which must answer the same confirmation).
void run_kiosk(gateway::Client& client, const std::string& kiosk_id, Clock::time_point until, std::uint32_t seed,
               KioskTally* t) {
  ReferenceKey key{};
  random_bytes(key.data(), key.size());
  std::uint64_t counter = 0;
  std::mt19937 pick(seed);
  while (Clock::now() < until) {
    const unsigned roll = pick() % 100;
    if (roll < 10) {
      ++t->lookups;
      const auto found = client.lookup(Brand{"proximus"}, MobileNumber{"470123456"});
      if (found.kind != gateway::LookupResult::Kind::found) t->error("look-up: " + found.detail);
    } else if (roll < 15) {
      ++t->voids;
      const auto request = renewal(make_reference(kiosk_id, key, ++counter));
      const auto closed = client.resolve(expected_of(request));
      if (closed.kind != gateway::Service::Resolution::Kind::closed_undelivered) {
        t->error("void: " + closed.detail);
        continue;
      }
      const auto after = client.renew(request);
      if (after.kind == gateway::RenewalResult::Kind::delivered) ++t->duplicates;  // a voided reference delivered
      else if (after.kind != gateway::RenewalResult::Kind::failed) t->error("renewal after a void: " + after.detail);
    } else if (roll < 20 && !t->delivered.empty()) {
      ++t->repeats;
      const Delivered& last = t->delivered.back();
      const auto again = client.renew(last.request);
      if (again.kind != gateway::RenewalResult::Kind::delivered) t->error("repeat: " + again.detail);
      else if (again.confirmation_id != last.confirmation) ++t->duplicates;  // delivered twice
    } else {
      const auto request = renewal(make_reference(kiosk_id, key, ++counter));
      const auto t0 = Clock::now();
      const auto result = client.renew(request);
      t->renew_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (result.kind == gateway::RenewalResult::Kind::delivered) t->delivered.push_back({request, result.confirmation_id});
      else t->error("renewal: " + result.detail);
    }
  }
}

// Every renewal a kiosk was told was delivered, asked about again: the gateway must still have
// it, with the same confirmation.
long count_lost(gateway::Client& client, const KioskTally& t) {
  long lost = 0;
  for (const Delivered& d : t.delivered) {
    const auto r = client.resolve(expected_of(d.request));
    if (r.kind != gateway::Service::Resolution::Kind::delivered || r.confirmation_id != d.confirmation) ++lost;
  }
  return lost;
}

// kiosk-gateway beside this program, on a free port, its folder under `work`; its pid and port.
bool start_gateway(const Options& o, pid_t* pid, int* port, std::string* data) {
  *data = o.work + "/gateway";
  const std::string out = o.work + "/gateway.out";
  fs::remove(out);
  const std::string program = (app::program_dir() / "kiosk-gateway").string();
  std::vector<std::string> args = {program, "--data", *data, "--port", "0", "--rate", "100000"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int rc = posix_spawn(pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return false;
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(out);
    std::string line;
    if (std::getline(in, line) && line.find("https://") != std::string::npos) {
      *port = std::atoi(line.substr(line.rfind(':') + 1).c_str());
      return *port > 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int usage() {
  std::cerr << "usage: kiosk-gateway-load [--gateway HOST:PORT [--gateway-data DIR]] [--kiosks N] [--seconds S] [--work DIR]\n"
               "  --gateway-data: that gateway's folder (its certificate, and the client CA the kiosks'\n"
               "  certificates are issued from; default gateway-data, as kiosk-gateway's --data);\n"
               "  without --gateway a gateway of its own is started\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool value = i + 1 < argc;
    if (a == "--gateway" && value) {
      const std::string g = argv[++i];
      const auto colon = g.rfind(':');
      if (colon == std::string::npos) return usage();
      o.host = g.substr(0, colon);
      o.port = std::atoi(g.c_str() + colon + 1);
      if (o.port <= 0 || o.port > 65535) return usage();
    } else if (a == "--gateway-data" && value) {
      o.gateway_data = argv[++i];
    } else if (a == "--kiosks" && value) {
      o.kiosks = std::atoi(argv[++i]);
    } else if (a == "--seconds" && value) {
      o.seconds = std::atoi(argv[++i]);
    } else if (a == "--work" && value) {
      o.work = argv[++i];
    } else {
      return usage();
    }
  }
  if (o.kiosks < 1 || o.kiosks > 1000 || o.seconds < 1 || o.seconds > 3600) return usage();
  if (o.port == 0 && !o.gateway_data.empty()) return usage();
  // kiosk-gateway's own default folder, for a gateway started beside this program.
  if (o.port != 0 && o.gateway_data.empty()) o.gateway_data = "gateway-data";
  std::error_code ec;
  fs::create_directories(o.work, ec);
  pid_t gateway_pid = -1;
  if (o.port == 0 && !start_gateway(o, &gateway_pid, &o.port, &o.gateway_data)) {
    std::cerr << "kiosk-gateway-load: the gateway did not start (" << o.work << "/gateway.out)\n";
    return 1;
  }
  const auto stop_gateway = [&] {
    if (gateway_pid <= 0) return;
    kill(gateway_pid, SIGTERM);
    waitpid(gateway_pid, nullptr, 0);
  };

  // A certificate of its own for each kiosk, and its client.
  std::vector<std::unique_ptr<gateway::Client>> clients;
  std::vector<std::string> ids;
  for (int k = 0; k < o.kiosks; ++k) {
    char id[32];
    std::snprintf(id, sizeof id, "LOAD-%04d", k + 1);
    const std::string dir = o.work + "/kiosks/" + id;
    std::string error;
    if (!fs::exists(dir + "/kiosk.crt") &&
        !gateway::issue_client_certificate(o.gateway_data, gateway::Role::kiosk, id, dir, &error)) {
      std::cerr << "kiosk-gateway-load: " << error << "\n";
      stop_gateway();
      return 1;
    }
    gateway::Link link;
    link.host = o.host;
    link.port = o.port;
    link.ca_cert_path = o.gateway_data + "/gateway.crt";
    link.client_cert_path = dir + "/kiosk.crt";
    link.client_key_path = dir + "/kiosk.key";
    clients.push_back(std::make_unique<gateway::Client>(link));
    ids.emplace_back(id);
  }

  std::vector<KioskTally> tallies(static_cast<std::size_t>(o.kiosks));
  const auto start = Clock::now();
  const auto until = start + std::chrono::seconds(o.seconds);
  {
    std::vector<std::thread> threads;
    for (int k = 0; k < o.kiosks; ++k)
      threads.emplace_back(run_kiosk, std::ref(*clients[k]), ids[k], until, static_cast<std::uint32_t>(k + 1), &tallies[k]);
    for (std::thread& t : threads) t.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<long> lost(tallies.size(), 0);
  {
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < tallies.size(); ++k)
      threads.emplace_back([&, k] { lost[k] = count_lost(*clients[k], tallies[k]); });
    for (std::thread& t : threads) t.join();
  }
  stop_gateway();

  std::vector<double> latencies;
  long delivered = 0, errors = 0, duplicates = 0, lookups = 0, voids = 0, repeats = 0, lost_total = 0;
  std::string first_error;
  for (std::size_t k = 0; k < tallies.size(); ++k) {
    const KioskTally& t = tallies[k];
    latencies.insert(latencies.end(), t.renew_ms.begin(), t.renew_ms.end());
    delivered += static_cast<long>(t.delivered.size());
    errors += t.errors;
    duplicates += t.duplicates;
    lookups += t.lookups;
    voids += t.voids;
    repeats += t.repeats;
    lost_total += lost[k];
    if (first_error.empty()) first_error = t.first_error;
  }
  if (!first_error.empty()) std::cerr << "kiosk-gateway-load: first error: " << first_error << "\n";
  std::cout << "kiosks " << o.kiosks << "\nseconds " << elapsed << "\nrenewals " << delivered << "\nlookups " << lookups
            << "\nvoids " << voids << "\nrepeats " << repeats << "\n";
  std::printf("renewals_per_s %.1f\np50_ms %.2f\np99_ms %.2f\nerrors %ld\nduplicates %ld\nlost %ld\n",
              static_cast<double>(delivered) / elapsed, app::percentile(latencies, 0.50), app::percentile(latencies, 0.99),
              errors, duplicates, lost_total);
  return errors == 0 && duplicates == 0 && lost_total == 0 ? 0 : 1;
}
