// kiosk-gateway: the operator gateway as a stand-alone HTTPS server.
#include <pthread.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include "catalog/catalog_file.hpp"
#include "catalog/signed_catalog.hpp"
#include "catalog/signed_envelope.hpp"
#include "gateway/postgres_store.hpp"
#include "gateway/server.hpp"
#include "install_layout.hpp"
#include "sys/small_file.hpp"
#include "log/journal_native.hpp"
#include "log/log.hpp"
#include "version/version.hpp"

namespace {

bool number(const char* text, long lo, long hi, long* out) {
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  if (!end || *end || end == text || v < lo || v > hi) return false;
  *out = v;
  return true;
}

// The catalog to sell from: a signed one the operator gives (checked against its key), else the
// one built in, which comes with the program and is trusted as the program is.
bool read_catalog(const std::string& path, const std::string& key_path, std::string* text, std::string* why) {
  if (path.empty()) {
    const std::string built_in = kiosk::app::default_assets_dir(KIOSK_ASSET_DIR) + "/catalog/catalog.json";
    auto read = kiosk::read_small_file(built_in, kiosk::catalog::max_catalog_bytes, why);
    if (read) *text = std::move(*read);
    return read.has_value();
  }
  const auto key = kiosk::read_small_file(key_path, kiosk::catalog::max_catalog_key_bytes, why);
  const auto file = key ? kiosk::read_small_file(path, kiosk::catalog::max_signed_catalog_bytes, why) : std::nullopt;
  auto verified = file ? kiosk::catalog::verified_catalog_text(*key, *file, why) : std::nullopt;
  if (!verified) {
    if (key && file) *why = path + ": " + *why;
    return false;
  }
  *text = std::move(*verified);
  return true;
}

int usage() {
  std::cerr << "usage: kiosk-gateway [--data DIR] [--host 127.0.0.1] [--port 8443] [--cert FILE --key FILE]\n"
               "                    [--client-ca FILE]        callers' CA (default: DIR/kiosk-ca.crt, made on first start)\n"
               "                    [--allow-faults]          operators may inject faults (tests and demos only)\n"
               "                    [--fault-timeout-ms MS]   how long the timeout faults hold a request\n"
               "                    [--retention-days N]      renewals' numbers are masked after N days (30)\n"
               "                    [--rate N]                requests per second and caller (20)\n"
               "                    [--workers N]             connections served at once (32); a central gateway\n"
               "                                              wants about one per kiosk connected at a time\n"
               "                    [--callback-port N --wallet-keys JWKS]  Bancontact's signed status callbacks\n"
               "                    [--catalog FILE --catalog-key PUB]  a signed catalog (default: the built-in one)\n"
               "                    [--store postgresql://…]  a PostgreSQL database shared by several gateways\n"
               "                    [--store-connections N]   kept open to it by this process (8)\n"
               "                                              (default store: SQLite in DIR/gateway.sqlite)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  kiosk::gateway::ServerOptions options;
  options.port = 8443;
  std::string catalog_path, catalog_key_path, store;
  kiosk::gateway::PostgresStore::Options store_options;
  // The store, keys and certificates are the gateway user's alone.
  umask(0077);
  if (argc == 2 && std::string(argv[1]) == "--version") {
    std::cout << "kiosk-gateway " << kiosk::kiosk_version() << "\n";
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    long n = 0;
    if (a == "--data" && has_value) options.data_dir = argv[++i];
    else if (a == "--port" && has_value && number(argv[i + 1], 0, 65535, &n)) ++i, options.port = static_cast<int>(n);
    else if (a == "--host" && has_value) options.host = argv[++i];
    else if (a == "--cert" && has_value) options.cert_path = argv[++i];
    else if (a == "--key" && has_value) options.key_path = argv[++i];
    else if (a == "--client-ca" && has_value) options.client_ca_path = argv[++i];
    else if (a == "--allow-faults") options.allow_faults = true;
    else if (a == "--fault-timeout-ms" && has_value && number(argv[i + 1], 0, 600000, &n))
      ++i, options.timeout_fault_ms = static_cast<int>(n);
    else if (a == "--retention-days" && has_value && number(argv[i + 1], 1, 3650, &n))
      ++i, options.retention_days = static_cast<int>(n);
    else if (a == "--workers" && has_value && number(argv[i + 1], 2, 1024, &n)) ++i, options.workers = static_cast<int>(n);
    else if (a == "--rate" && has_value && number(argv[i + 1], 1, 100000, &n))
      ++i, options.requests_per_second = static_cast<double>(n), options.request_burst = 3.0 * static_cast<double>(n);
    else if (a == "--callback-port" && has_value && number(argv[i + 1], 0, 65535, &n))
      ++i, options.callback_port = static_cast<int>(n);
    else if (a == "--wallet-keys" && has_value) options.wallet_keys_path = argv[++i];
    else if (a == "--catalog" && has_value) catalog_path = argv[++i];
    else if (a == "--catalog-key" && has_value) catalog_key_path = argv[++i];
    else if (a == "--store" && has_value) store = argv[++i];
    else if (a == "--store-connections" && has_value && number(argv[i + 1], 1, 200, &n))
      ++i, store_options.connections = static_cast<int>(n);
    else return usage();
  }
  if ((options.callback_port >= 0) != !options.wallet_keys_path.empty()) return usage();
  if (catalog_path.empty() != catalog_key_path.empty()) return usage();
  if (!store.empty()) {
    // A connection string may hold a password: it is never printed.
    if (store.rfind("postgresql://", 0) != 0 && store.rfind("postgres://", 0) != 0) {
      std::cerr << "kiosk-gateway: --store takes a postgresql:// URI\n";
      return 2;
    }
    options.open_store = [store, store_options](std::string* error) -> std::unique_ptr<kiosk::gateway::Store> {
      return kiosk::gateway::PostgresStore::open(store, store_options, error);
    };
  }
  if (std::string why; !read_catalog(catalog_path, catalog_key_path, &options.catalog_text, &why)) {
    std::cerr << "kiosk-gateway: " << why << "\n";
    return 1;
  }
  // SIGTERM and SIGINT are taken by sigwait below: every thread started from here on blocks them,
  // so stopping runs on the main thread and never inside a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  kiosk::log_program("kiosk-gateway");
  // Under systemd every line goes to the journal with its priority; otherwise warnings go to
  // standard error, as they always have.
  if (kiosk::stderr_is_journal()) kiosk::log_open("");
  std::string error;
  auto server = kiosk::gateway::Server::start(options, &error);
  if (!server) {
    std::cerr << "kiosk-gateway: " << error << "\n";
    return 1;
  }
  std::cout << "kiosk-gateway: https://" << options.host << ":" << server->port() << " (certificate "
            << server->cert_path() << ")" << std::endl;
  if (server->callback_port() >= 0)
    std::cout << "kiosk-gateway: wallet callbacks on https://" << options.host << ":" << server->callback_port()
              << "/v1/wallet/callback" << std::endl;
  std::cout << "kiosk-gateway: store " << (store.empty() ? "SQLite in " + options.data_dir : std::string("PostgreSQL"))
            << std::endl;
  if (options.allow_faults) std::cerr << "kiosk-gateway: fault injection is on (not for production)" << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cerr << "kiosk-gateway: stopping on signal " << signal << std::endl;
  server->stop();
  // A connection still busy after the grace period must not hold up the exit (systemd waits).
  std::cout.flush();
  std::_Exit(0);
}
