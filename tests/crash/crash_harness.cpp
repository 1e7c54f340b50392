// kiosk-crashtest: customers renew by card or by Bancontact Pay while the kiosk is killed
// (SIGKILL) at random moments and right after every journaled step; after each kill the kiosk
// restarts and recovers. The terminal simulator, the wallet simulator (HTTPS) and the gateway
// are separate processes that live on. An attacker races the
// kiosk to the gateway with every reference it makes, and a kiosk with another kiosk's
// certificate tries to start. At the end the terminal's and the wallet's ledgers, the gateway's
// renewals and the journal must agree to the cent, and every delivery must be the customer's.
//   kiosk-crashtest --bin DIR --work DIR [--runs N] [--seed S] [--scripts DIR] [--central]
// With --central the gateway is two kiosk-gateway processes on one PostgreSQL (a cluster of the
// harness's own): the kiosk's connections go to either, one of them is killed now and then,
// and the database restarts in the middle of sessions; the audit reads that database.
// The last line reads: runs=N kills=K recovered=R mismatches=M
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <thread>

#include "attacker.hpp"
#include "core/journal_step.hpp"
#include "gateway/client.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/postgres_store.hpp"
#include "gateway/sqlite_store.hpp"
#include "gateway/tls_pin.hpp"
#include "money_audit.hpp"
#include "processes.hpp"
#include "tcp_proxy.hpp"
#include "journal/journal.hpp"
#include "postgres/postgres.hpp"

namespace fs = std::filesystem;
using namespace kiosk;
using namespace kiosk::crash;

namespace {

struct Options {
  std::string bin, work, scripts = KIOSK_CRASH_SCRIPTS;
  int runs = 20;
  unsigned seed = 1;
  bool central = false;  // two gateways on PostgreSQL
};

// What the terminal and the gateway do in one run, and where the kiosk dies.
struct Scenario {
  std::string terminal = "approve";   // kioskctl zvt-sim --script
  std::string gateway = "ok";         // the gateway's fault mode during the session
  std::optional<JournalStep> crash_after;  // else a kill at a random moment (or none)
  // The network between kiosk and gateway for a while during the session: pass, cut (reset),
  // blackhole, slow, garble (TLS records damaged); or the gateway killed and restarted; or
  // (central) the database restarted.
  std::string link = "pass";
  std::string wallet;                 // kioskctl wallet-sim --script; set: the customer pays by wallet
};

// Every journaled step at least once, each in a scenario that reaches it; then each way of
// breaking the link once.
std::vector<Scenario> every_step(bool central) {
  using S = JournalStep;
  std::vector<Scenario> out;
  for (S s : {S::intent, S::payment_started, S::payment_approved, S::delivery_requested, S::delivered,
              S::sms_requested, S::receipt_printed, S::settled})
    out.push_back({"approve", "ok", s});
  out.push_back({"decline:05", "ok", S::payment_failed});
  for (S s : {S::delivery_failed, S::reversal_requested, S::reversed}) out.push_back({"approve", "refuse", s});
  out.push_back({"approve", "timeout", S::delivery_unknown});
  // The link once each way, with a kill at a random moment.
  for (const char* link : {"cut", "blackhole", "garble", "gateway_restart"})
    out.push_back({"approve", "ok", std::nullopt, link});
  if (central) {
    out.push_back({"approve", "ok", std::nullopt, "database_restart"});
    out.push_back({"approve", "ok", std::nullopt, "database_restart", "approve"});
  }
  // By Bancontact Pay: before the paymentId is journaled (found by reference), once the code
  // shows (the customer confirms while the kiosk is down), once paid, while giving back.
  for (S s : {S::payment_started, S::payment_created, S::payment_approved, S::delivery_requested})
    out.push_back({"approve", "ok", s, "pass", "approve"});
  for (S s : {S::reversal_requested, S::reversed}) out.push_back({"approve", "refuse", s, "pass", "approve"});
  return out;
}

Scenario random_scenario(std::mt19937& rng, bool central) {
  const auto pick = [&](const std::vector<std::pair<const char*, int>>& weighted) {
    int total = 0;
    for (const auto& w : weighted) total += w.second;
    int r = std::uniform_int_distribution<int>(0, total - 1)(rng);
    for (const auto& w : weighted) {
      if (r < w.second) return std::string(w.first);
      r -= w.second;
    }
    return std::string(weighted.front().first);
  };
  Scenario s;
  s.terminal = pick({{"approve", 10}, {"decline:05", 2}, {"drop-after-result", 2}, {"drop-before-result", 1},
                     {"slow", 2}, {"duplicate-result", 1}, {"vanish-after-result", 1}});
  // A third of the customers pay by wallet.
  if (std::uniform_int_distribution<int>(0, 2)(rng) == 0)
    s.wallet = pick({{"approve", 8}, {"decline", 2}, {"scan-never-confirm", 1}, {"garbage-status", 1}});
  s.gateway = pick({{"ok", 10}, {"refuse", 2}, {"lost_answer", 2}, {"timeout", 1}, {"error", 1}, {"latency", 1}});
  s.link = pick({{"pass", 8}, {"cut", 2}, {"blackhole", 2}, {"slow", 1}, {"garble", 1}, {"gateway_restart", 2},
                 {"database_restart", central ? 3 : 0}});
  return s;
}

bool parse(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has = i + 1 < argc;
    if (a == "--bin" && has) o->bin = argv[++i];
    else if (a == "--work" && has) o->work = argv[++i];
    else if (a == "--scripts" && has) o->scripts = argv[++i];
    else if (a == "--runs" && has) o->runs = std::atoi(argv[++i]);
    else if (a == "--seed" && has) o->seed = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (a == "--central") o->central = true;
    else return false;
  }
  return !o->bin.empty() && !o->work.empty() && o->runs > 0;
}

int port_after(const std::string& line, const std::string& prefix) {
  const auto at = line.find(prefix);
  return at == std::string::npos ? 0 : std::atoi(line.c_str() + at + prefix.size());
}

class Harness {
 public:
  explicit Harness(Options o) : o_(std::move(o)), rng_(o_.seed) {}

  bool set_up() {
    fs::remove_all(o_.work);
    fs::create_directories(o_.work);
    if (o_.central && !start_database()) return false;
    const int gateways = o_.central ? 2 : 1;
    for (int g = 0; g < gateways; ++g)
      if (!start_gateway(g, 0)) return false;
    link_.port = gateway_ports_[0];
    link_.ca_cert_path = o_.work + "/gateway/gateway.crt";
    link_.timeout_ms = 3000;
    std::string error;
    pin_ = gateway::spki_pin_of_file(link_.ca_cert_path, &error);
    if (pin_.empty()) return fail(error);
    // The kiosk's certificate as a technician makes it; the harness's own as the operator's; the
    // attacker's as another kiosk's of the same gateway.
    Child issue = spawn({o_.bin + "/kioskctl", "gateway", "issue", "--data", o_.work + "/gateway", "--kiosk", kiosk_id,
                         "--out", o_.work + "/kiosk-cert"},
                        o_.work + "/issue.log");
    if (const Ended e = wait_for(issue, 10000); !e.exited || e.status != 0) return fail("kioskctl gateway issue failed");
    if (!gateway::issue_client_certificate(o_.work + "/gateway", gateway::Role::operator_, "harness", o_.work + "/ops", &error) ||
        !gateway::issue_client_certificate(o_.work + "/gateway", gateway::Role::kiosk, "BE-KIOSK-99", o_.work + "/attacker",
                                           &error))
      return fail(error);
    link_.client_cert_path = o_.work + "/ops/operator.crt";
    link_.client_key_path = o_.work + "/ops/operator.key";
    if (!proxy_.start(gateway_ports_, &error)) return fail(error);
    gateway::Link attacker = link_;
    attacker.client_cert_path = o_.work + "/attacker/kiosk.crt";
    attacker.client_key_path = o_.work + "/attacker/kiosk.key";
    attacker.timeout_ms = 1500;
    attacker_ = std::make_unique<Attacker>(attacker, o_.work + "/kiosk/kiosk.log", kiosk_id);
    return impostor_refused();
  }

  // A kiosk configured as BE-KIOSK-02 but holding BE-KIOSK-01's certificate must not start.
  void start_attacker() { attacker_->start(); }

  bool impostor_refused() {
    write_config(1, o_.work + "/impostor.toml", "BE-KIOSK-02");
    Child impostor = spawn({o_.bin + "/kiosk", "--headless", "--config", o_.work + "/impostor.toml", "--data",
                            o_.work + "/impostor", "--script", o_.scripts + "/session.script"},
                           o_.work + "/impostor.log");
    const Ended e = wait_for(impostor, 60000);
    std::cout << "impostor kiosk (another kiosk's certificate): "
              << (e.exited && e.status != 0 ? "refused to start" : "STARTED") << std::endl;
    if (!e.exited || e.status == 0) ++breaches_;
    return true;
  }

  // A PostgreSQL cluster of the harness's own, and a database in it for the gateways.
  bool start_database() {
    if (!run_postgres_script("start")) return fail("PostgreSQL did not start (see " + o_.work + "/postgres-start.log)");
    std::ifstream in(o_.work + "/postgres/url");
    std::string url;
    std::getline(in, url);
    try {
      pg::Connection::open(url)->run("CREATE DATABASE central");
    } catch (const pg::Error& e) {
      return fail(e.what());
    }
    store_url_ = url.replace(url.find("/postgres?"), 10, "/central?");
    return true;
  }

  bool run_postgres_script(const std::string& verb) {
    Child c = spawn({"/bin/sh", KIOSK_POSTGRES_SCRIPT, verb, o_.work + "/postgres"}, o_.work + "/postgres-" + verb + ".log");
    const Ended e = wait_for(c, 60000);
    return e.exited && e.status == 0;
  }

  // Gateway g as its own process; after a kill it comes back on the same port and data. With
  // two, the second shares the first's certificate, key and client CA, and the database.
  bool start_gateway(int g, int port) {
    const std::string first = o_.work + "/gateway";
    std::vector<std::string> args = {o_.bin + "/kiosk-gateway", "--data", g == 0 ? first : first + "-" + std::to_string(g + 1),
                                     "--port", std::to_string(port), "--fault-timeout-ms", "2500", "--allow-faults"};
    if (o_.central) args.insert(args.end(), {"--store", store_url_});
    if (g > 0)
      args.insert(args.end(), {"--cert", first + "/gateway.crt", "--key", first + "/gateway.key", "--client-ca",
                               first + "/kiosk-ca.crt"});
    const std::string log = o_.work + "/gateway-" + std::to_string(++gateway_starts_) + ".log";
    Child child = spawn(args, log);
    const int got = port_after(wait_for_line(child, "https://", 10000), "https://127.0.0.1:");
    if (got <= 0) return fail("gateway " + std::to_string(g + 1) + " did not start (see " + log + ")");
    if (static_cast<std::size_t>(g) >= gateways_.size()) gateways_.resize(static_cast<std::size_t>(g) + 1);
    if (static_cast<std::size_t>(g) >= gateway_ports_.size()) gateway_ports_.resize(static_cast<std::size_t>(g) + 1);
    gateways_[static_cast<std::size_t>(g)] = child;
    gateway_ports_[static_cast<std::size_t>(g)] = got;
    return true;
  }

  // The same fault on every gateway (each keeps its own).
  bool set_fault(const std::string& mode) {
    for (int port : gateway_ports_) {
      gateway::Link to = link_;
      to.port = port;
      std::string detail;
      if (!gateway::Client(to).set_fault(mode, &detail, "/v1/renewals")) return fail("gateway fault: " + detail);
    }
    return true;
  }

  // One customer; returns false only when the harness itself cannot go on.
  bool run(int n, const Scenario& sc) {
    Child terminal = spawn({o_.bin + "/kioskctl", "zvt-sim", "--listen", "127.0.0.1:0", "--ledger", ledger(), "--script",
                            sc.terminal},
                           o_.work + "/run" + std::to_string(n) + "-terminal.log");
    const int terminal_port = port_after(wait_for_line(terminal, "listening", 10000), "127.0.0.1:");
    if (terminal_port <= 0) return fail("the terminal simulator did not start");
    // The wallet lives through the kiosk's kills and recovery, like the customer's bank.
    Child wallet = spawn({o_.bin + "/kioskctl", "wallet-sim", "--listen", "127.0.0.1:0", "--ledger", wallet_ledger(),
                          "--script", sc.wallet.empty() ? "approve" : sc.wallet, "--api-key", wallet_key,
                          "--expiry-seconds", "10"},
                         o_.work + "/run" + std::to_string(n) + "-wallet.log");
    const int wallet_port = port_after(wait_for_line(wallet, "listening", 10000), "127.0.0.1:");
    if (wallet_port <= 0) return fail("the wallet simulator did not start");
    write_config(terminal_port, o_.work + "/kiosk.toml", kiosk_id, wallet_port);
    // Renewals only: a customer who cannot look their number up never reaches the money.
    if (!set_fault(sc.gateway)) return false;

    std::map<std::string, std::string> env;
    if (sc.crash_after) env["KIOSK_CRASH_AFTER_STEP"] = std::string(journal_step_name(*sc.crash_after));
    const std::string tag = "run" + std::to_string(n);
    Child kiosk = start_kiosk(sc.wallet.empty() ? "session.script" : "session_wallet.script", tag + "-session.log", env);
    // What happens to the kiosk and its link during the session, in time order.
    std::vector<std::pair<int, std::function<void()>>> events;
    const auto at = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); };
    if (!sc.crash_after && at(0, 9) < 8) {
      // A kill at a random moment: start-up, the screens, the terminal, the gateway, the end.
      events.push_back({at(100, 6000), [&] { kill_hard(kiosk); }});
    }
    bool gateway_ok = true;
    if (sc.link != "pass") {
      const int from = at(300, 4000), to = from + at(1000, 4000);
      if (sc.link == "gateway_restart") {
        const int g = at(0, static_cast<int>(gateways_.size()) - 1);
        events.push_back({from, [this, g] {
                            kill_hard(gateways_[static_cast<std::size_t>(g)]);
                            wait_for(gateways_[static_cast<std::size_t>(g)], 10000);
                          }});
        events.push_back({to, [&, g] { gateway_ok = start_gateway(g, gateway_ports_[static_cast<std::size_t>(g)]); }});
      } else if (sc.link == "database_restart") {
        events.push_back({from, [&] { gateway_ok = run_postgres_script("restart") || fail("PostgreSQL did not restart"); }});
      } else {
        const TcpProxy::Mode mode = sc.link == "cut"         ? TcpProxy::Mode::drop
                                    : sc.link == "blackhole" ? TcpProxy::Mode::blackhole
                                    : sc.link == "garble"    ? TcpProxy::Mode::garble
                                                             : TcpProxy::Mode::slow;
        events.push_back({from, [this, mode] { proxy_.set_mode(mode); }});
        events.push_back({to, [this] { proxy_.set_mode(TcpProxy::Mode::pass); }});
      }
    }
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto t0 = std::chrono::steady_clock::now();
    for (auto& [ms, action] : events) {
      std::this_thread::sleep_until(t0 + std::chrono::milliseconds(ms));
      action();
    }
    if (!gateway_ok) return false;
    const Ended session = wait_for(kiosk, 120000);
    set_fault("ok");
    if (session.killed_hard()) ++kills_;

    // Restart: recovery first. Sometimes the restart itself is killed, and the next one finishes.
    const std::size_t open_before = open_transactions();
    if (open_before > 0 && at(0, 4) == 0) {
      Child early = start_kiosk("recover.script", tag + "-recover-killed.log", {});
      std::this_thread::sleep_for(std::chrono::milliseconds(at(50, 1500)));
      kill_hard(early);
      if (wait_for(early, 60000).killed_hard()) ++kills_;
    }
    Child again = start_kiosk("recover.script", tag + "-recover.log", {});
    const Ended recovery = wait_for(again, 180000);
    const std::size_t open_after = open_transactions();
    if (!recovery.exited || recovery.status != 0)
      std::cerr << tag << ": recovery did not finish (" << o_.work << "/" << tag << "-recover.log)\n";
    if (open_after == 0) recovered_ += static_cast<int>(open_before);
    std::cout << tag << ": " << (sc.wallet.empty() ? "card, terminal " + sc.terminal : "wallet " + sc.wallet) << ", gateway " << sc.gateway << ", link " << sc.link << ", "
              << (sc.crash_after ? "killed after " + std::string(journal_step_name(*sc.crash_after))
                                 : session.killed_hard() ? "killed at a random moment" : "not killed")
              << (session.killed_hard() ? "" : " (exited " + std::to_string(session.status) + ")")
              << "; unsettled at restart " << open_before << ", after recovery " << open_after << std::endl;
    kill_hard(terminal);
    wait_for(terminal, 10000);
    kill_hard(wallet);
    wait_for(wallet, 10000);
    return true;
  }

  int finish(int runs) {
    attacker_->stop();
    proxy_.stop();
    for (Child& g : gateways_) {
      kill_hard(g);
      wait_for(g, 10000);
    }
    std::string error;
    std::unique_ptr<gateway::Store> store;
    if (o_.central) store = gateway::PostgresStore::open(store_url_, &error);
    else store = gateway::SqliteStore::open(o_.work + "/gateway/gateway.sqlite", &error);
    if (!store) {
      std::cout << "MISMATCH the gateway's store cannot be read: " << error << "\n";
      return 1;
    }
    const Audit a = audit(ledger(), wallet_ledger(), o_.work + "/kiosk/journal.sqlite", *store);
    store.reset();
    if (o_.central) run_postgres_script("stop");
    for (const std::string& m : a.mismatches) std::cout << "MISMATCH " << m << "\n";
    const int breaches = breaches_ + attacker_->breaches();
    std::cout << "attacks=" << attacker_->attempts() << " breaches=" << breaches << "\n";
    std::cout << "transactions=" << a.references << " charged=" << a.money_taken << " delivered=" << a.delivered
              << " returned=" << a.returned << " unsettled=" << a.open << "\n";
    std::cout << "runs=" << runs << " kills=" << kills_ << " recovered=" << recovered_
              << " mismatches=" << a.mismatches.size() << std::endl;
    return a.mismatches.empty() && breaches == 0 ? 0 : 1;
  }

 private:
  std::string ledger() const { return o_.work + "/terminal-ledger.jsonl"; }
  std::string wallet_ledger() const { return o_.work + "/wallet-ledger.jsonl"; }

  void write_config(int terminal_port, const std::string& path, const std::string& id, int wallet_port = 0) {
    std::ofstream c(path);
    c << "[kiosk]\nid = \"" << id << "\"\n\n[gateway]\nhost = \"127.0.0.1\"\nport = " << proxy_.port()
      << "\nca_certificate = \"" << link_.ca_cert_path << "\"\npin_sha256 = \"" << pin_
      << "\"\nclient_certificate = \"" << o_.work << "/kiosk-cert/kiosk.crt\"\nclient_key = \"" << o_.work
      << "/kiosk-cert/kiosk.key\"\ntimeout_ms = 1500\n\n[terminal]\nkind = \"zvt\"\nport = " << terminal_port << "\n";
    if (wallet_port > 0)
      c << "\n[wallet]\nkind = \"bancontact\"\nbase_url = \"https://127.0.0.1:" << wallet_port << "\"\napi_key = \""
        << wallet_key << "\"\nca = \"" << wallet_ledger() << ".crt\"\n";
  }

  Child start_kiosk(const std::string& script, const std::string& log, const std::map<std::string, std::string>& env) {
    return spawn({o_.bin + "/kiosk", "--headless", "--config", o_.work + "/kiosk.toml", "--data", o_.work + "/kiosk",
                  "--script", o_.scripts + "/" + script},
                 o_.work + "/" + log, env);
  }

  std::size_t open_transactions() {
    std::string error;
    auto j = Journal::open(o_.work + "/kiosk/journal.sqlite", &error);
    return j ? j->open_transactions().size() : 0;
  }

  bool fail(const std::string& why) {
    std::cerr << "kiosk-crashtest: " << why << "\n";
    return false;
  }

  Options o_;
  std::mt19937 rng_;
  gateway::Link link_;  // straight to the first gateway (the harness's own calls)
  std::vector<Child> gateways_;
  std::vector<int> gateway_ports_;
  std::string store_url_;  // central: the gateways' database
  int gateway_starts_ = 0;
  TcpProxy proxy_;      // the kiosk's way to the gateway
  std::string pin_;     // the gateway's key, pinned in the kiosk's configuration
  int kills_ = 0;
  int recovered_ = 0;
  int breaches_ = 0;
  std::unique_ptr<Attacker> attacker_;
  static constexpr const char* kiosk_id = "BE-KIOSK-01";
  static constexpr const char* wallet_key = "crash-harness-key";
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, &o)) {
    std::cerr << "usage: kiosk-crashtest --bin DIR --work DIR [--runs N] [--seed S] [--scripts DIR] [--central]\n";
    return 2;
  }
  std::cout << "kiosk-crashtest: " << o.runs << " runs, seed " << o.seed << ", work in " << o.work
            << (o.central ? ", two gateways on PostgreSQL" : "") << std::endl;
  std::signal(SIGPIPE, SIG_IGN);  // a peer gone mid-write is an error to handle, not a death
  Harness h(o);
  if (!h.set_up()) return 2;
  h.start_attacker();
  const std::vector<Scenario> forced = every_step(o.central);
  std::mt19937 rng(o.seed);
  int done = 0;
  for (int n = 0; n < o.runs; ++n, ++done) {
    const Scenario sc = n < static_cast<int>(forced.size()) ? forced[static_cast<std::size_t>(n)] : random_scenario(rng, o.central);
    if (!h.run(n, sc)) return 2;
  }
  return h.finish(done);
}
