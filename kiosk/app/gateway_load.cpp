// kiosk-gateway-load: simulated kiosks renewing against a gateway over HTTPS, each with its own
// client certificate and the kiosk's own client (gateway/client.hpp: mutual TLS, connections
// kept between calls), with duplicates, voids and look-ups mixed in. It then asks the gateway
// about every renewal it was told was delivered. Its last lines are the figures:
//   renewals_per_s X / p50_ms X / p99_ms X / errors N / duplicates N / lost N
// Without --gateway it starts kiosk-gateway from its own folder on a free port: on SQLite, or
// with --store on PostgreSQL, as many processes as --gateways says, the kiosks shared out.
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
#include "gateway/seed.hpp"
#include "install_layout.hpp"
#include "sys/random_bytes.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace kiosk;

struct Endpoint {
  std::string host;
  int port = 0;
};

struct Options {
  std::vector<Endpoint> gateways;  // none: start our own
  std::string gateway_data;  // the gateways' folder: their certificate, and the client CA to issue from
  std::string store;         // our own gateways' --store (empty: SQLite)
  int own_gateways = 1;
  int kiosks = 20;
  int seconds = 10;
  std::string work = "gateway-load";
};

// The numbers the kiosks renew: the simulation's block for this program (gateway/seed.hpp), or
// where the gateway's store was made before it had one, its one everyday Proximus number.
struct Numbers {
  bool block = true;
  MobileNumber number(int kiosk, int kiosks, std::uint64_t nth) const {
    if (!block) return MobileNumber{"470123456"};
    // Each kiosk its own numbers: no two kiosks renew one number at the same time.
    const auto i = (static_cast<std::uint64_t>(kiosk) + static_cast<std::uint64_t>(kiosks) * nth) %
                   static_cast<std::uint64_t>(gateway::load_subscriber_count);
    char digits[16];
    std::snprintf(digits, sizeof digits, "470%06d", gateway::load_subscriber_first + static_cast<int>(i));
    return MobileNumber{digits};
  }
};

// The demo catalog's Proximus Smart 10 for a month, as every simulated kiosk sells it.
gateway::RenewalRequest renewal(const std::string& reference, const MobileNumber& number) {
  return {reference, Brand{"proximus"}, number, "px-smart-10", 1, 1000};
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
  long retries = 0;  // renewals asked again with the same reference after an unknown outcome
  std::string first_error;
  void error(const std::string& what) {
    if (first_error.empty()) first_error = what;
    ++errors;
  }
};

// One kiosk until `until`: of every 100 calls about 80 renewals, 10 look-ups, 5 voids (a
// reference closed before it is used: a renewal with it must then fail) and 5 repeats of the
// last delivered renewal (which must answer the same confirmation).
// A renewal whose outcome the kiosk could not learn (the gateway or its database away) is asked
// again with the same reference, as the kiosk's recovery does, for up to a minute.
gateway::RenewalResult renew_until_known(gateway::Client& client, const gateway::RenewalRequest& request, KioskTally* t) {
  const auto give_up = Clock::now() + std::chrono::minutes(1);
  for (;;) {
    auto result = client.renew(request);
    if (result.kind != gateway::RenewalResult::Kind::unknown || Clock::now() > give_up) return result;
    ++t->retries;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void run_kiosk(gateway::Client& client, const std::string& kiosk_id, int kiosk, int kiosks, const Numbers& numbers,
               Clock::time_point until, KioskTally* t) {
  ReferenceKey key{};
  random_bytes(key.data(), key.size());
  std::uint64_t counter = 0, sold = 0;
  std::mt19937 pick(static_cast<std::uint32_t>(kiosk + 1));
  while (Clock::now() < until) {
    const unsigned roll = pick() % 100;
    if (roll < 10) {
      ++t->lookups;
      const auto found = client.lookup(Brand{"proximus"}, numbers.number(kiosk, kiosks, sold));
      if (found.kind != gateway::LookupResult::Kind::found) t->error("look-up: " + found.detail);
    } else if (roll < 15) {
      ++t->voids;
      const auto request = renewal(make_reference(kiosk_id, key, ++counter), numbers.number(kiosk, kiosks, sold));
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
      const auto again = renew_until_known(client, last.request, t);
      if (again.kind != gateway::RenewalResult::Kind::delivered) t->error("repeat: " + again.detail);
      else if (again.confirmation_id != last.confirmation) ++t->duplicates;  // delivered twice
    } else {
      const auto request = renewal(make_reference(kiosk_id, key, ++counter), numbers.number(kiosk, kiosks, sold++));
      const auto t0 = Clock::now();
      const auto result = renew_until_known(client, request, t);
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

// A kiosk-gateway beside this program, on a free port, its folder `data`. The first makes the
// certificate and client CA; the others (same store) are started with them. Its pid and port.
bool start_gateway(const Options& o, int n, const std::string& first_data, pid_t* pid, int* port) {
  const std::string data = n == 0 ? first_data : o.work + "/gateway-" + std::to_string(n + 1);
  const std::string out = data + ".out";
  fs::remove(out);
  const std::string program = (app::program_dir() / "kiosk-gateway").string();
  // A worker for every kiosk this gateway serves (kept connections hold one each), at least the
  // gateway's default.
  const int kiosks_here = (o.kiosks + o.own_gateways - 1) / o.own_gateways;
  std::vector<std::string> args = {program, "--data", data, "--port", "0", "--rate", "100000",
                                   "--workers", std::to_string(std::max(32, kiosks_here + 4))};
  if (!o.store.empty()) args.insert(args.end(), {"--store", o.store});
  if (n > 0)
    args.insert(args.end(), {"--cert", first_data + "/gateway.crt", "--key", first_data + "/gateway.key", "--client-ca",
                             first_data + "/kiosk-ca.crt"});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int rc = posix_spawn(pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return false;
  for (int i = 0; i < 400; ++i) {
    std::ifstream in(out);
    std::string line;
    if (std::getline(in, line) && line.find("https://") != std::string::npos) {
      *port = std::atoi(line.substr(line.rfind(':') + 1).c_str());
      return *port > 0;
    }
    if (waitpid(*pid, nullptr, WNOHANG) == *pid) return false;  // it stopped: its reason is on stderr
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// VmRSS of a process, in kB (0 when it cannot be read).
long resident_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

int usage() {
  std::cerr << "usage: kiosk-gateway-load [--gateway HOST:PORT ... [--gateway-data DIR]] [--kiosks N] [--seconds S]\n"
               "                          [--store postgresql://… [--gateways N]] [--work DIR]\n"
               "  --gateway (again for more gateways on one store; the kiosks are shared out)\n"
               "  --gateway-data: that gateway's folder (its certificate, and the client CA the kiosks'\n"
               "  certificates are issued from; default gateway-data, as kiosk-gateway's --data);\n"
               "  without --gateway gateways of its own are started: one on SQLite, or N on --store\n";
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
      Endpoint e{g.substr(0, colon), std::atoi(g.c_str() + colon + 1)};
      if (e.port <= 0 || e.port > 65535) return usage();
      o.gateways.push_back(e);
    } else if (a == "--gateway-data" && value) {
      o.gateway_data = argv[++i];
    } else if (a == "--store" && value) {
      o.store = argv[++i];
    } else if (a == "--gateways" && value) {
      o.own_gateways = std::atoi(argv[++i]);
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
  if (o.kiosks < 1 || o.kiosks > 1000 || o.seconds < 1 || o.seconds > 3600 || o.own_gateways < 1 ||
      o.own_gateways > 16)
    return usage();
  const bool own = o.gateways.empty();
  if (own ? !o.gateway_data.empty() : (!o.store.empty() || o.own_gateways != 1)) return usage();
  // Several processes are one gateway only on a store made for it.
  if (own && o.own_gateways > 1 && o.store.empty()) return usage();
  // kiosk-gateway's own default folder, for a gateway started beside this program.
  if (!own && o.gateway_data.empty()) o.gateway_data = "gateway-data";
  std::error_code ec;
  fs::create_directories(o.work, ec);
  std::vector<pid_t> started;
  const auto stop_gateways = [&] {
    for (pid_t pid : started) kill(pid, SIGTERM);
    for (pid_t pid : started) waitpid(pid, nullptr, 0);
  };
  if (own) {
    o.gateway_data = o.work + "/gateway";
    for (int n = 0; n < o.own_gateways; ++n) {
      pid_t pid = -1;
      int port = 0;
      const bool ok = start_gateway(o, n, o.gateway_data, &pid, &port);
      if (pid > 0) started.push_back(pid);
      if (!ok) {
        std::cerr << "kiosk-gateway-load: gateway " << n + 1 << " did not start (" << o.work << ")\n";
        stop_gateways();
        return 1;
      }
      o.gateways.push_back({"127.0.0.1", port});
    }
  }

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
      stop_gateways();
      return 1;
    }
    gateway::Link link;
    link.host = o.gateways[static_cast<std::size_t>(k) % o.gateways.size()].host;
    link.port = o.gateways[static_cast<std::size_t>(k) % o.gateways.size()].port;
    link.ca_cert_path = o.gateway_data + "/gateway.crt";
    link.client_cert_path = dir + "/kiosk.crt";
    link.client_key_path = dir + "/kiosk.key";
    clients.push_back(std::make_unique<gateway::Client>(link));
    ids.emplace_back(id);
  }

  // The load's block of numbers, if the gateway's simulation has it.
  Numbers numbers;
  if (clients[0]->lookup(Brand{"proximus"}, numbers.number(0, 1, 0)).kind == gateway::LookupResult::Kind::not_found) {
    numbers.block = false;
    std::cerr << "kiosk-gateway-load: the gateway's store predates the load's numbers: every kiosk renews 0470 12 34 56\n";
  }

  std::vector<KioskTally> tallies(static_cast<std::size_t>(o.kiosks));
  const auto start = Clock::now();
  const auto until = start + std::chrono::seconds(o.seconds);
  // The first of our own gateways' memory once a minute (or at the end of a shorter run): a
  // gateway whose resident set grows with the renewals it has seen leaks.
  std::vector<long> rss_kb;
  {
    std::vector<std::thread> threads;
    for (int k = 0; k < o.kiosks; ++k)
      threads.emplace_back(run_kiosk, std::ref(*clients[k]), ids[k], k, o.kiosks, std::cref(numbers), until, &tallies[k]);
    if (!started.empty())
      for (auto next = start + std::chrono::minutes(1); next < until; next += std::chrono::minutes(1)) {
        std::this_thread::sleep_until(next);
        rss_kb.push_back(resident_kb(started[0]));
      }
    for (std::thread& t : threads) t.join();
    if (!started.empty()) rss_kb.push_back(resident_kb(started[0]));
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<long> lost(tallies.size(), 0);
  {
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < tallies.size(); ++k)
      threads.emplace_back([&, k] { lost[k] = count_lost(*clients[k], tallies[k]); });
    for (std::thread& t : threads) t.join();
  }
  stop_gateways();

  std::vector<double> latencies;
  long delivered = 0, errors = 0, duplicates = 0, lookups = 0, voids = 0, repeats = 0, retries = 0, lost_total = 0;
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
    retries += t.retries;
    lost_total += lost[k];
    if (first_error.empty()) first_error = t.first_error;
  }
  if (!first_error.empty()) std::cerr << "kiosk-gateway-load: first error: " << first_error << "\n";
  std::cout << "gateways " << o.gateways.size() << "\nkiosks " << o.kiosks << "\nseconds " << elapsed << "\nrenewals " << delivered << "\nlookups " << lookups
            << "\nvoids " << voids << "\nrepeats " << repeats << "\nretries " << retries << "\n";
  if (!rss_kb.empty()) {
    std::cout << "gateway_rss_kb";
    for (long kb : rss_kb) std::cout << " " << kb;
    std::cout << "\n";
  }
  std::printf("renewals_per_s %.1f\np50_ms %.2f\np99_ms %.2f\nerrors %ld\nduplicates %ld\nlost %ld\n",
              static_cast<double>(delivered) / elapsed, app::percentile(latencies, 0.50), app::percentile(latencies, 0.99),
              errors, duplicates, lost_total);
  return errors == 0 && duplicates == 0 && lost_total == 0 ? 0 : 1;
}
