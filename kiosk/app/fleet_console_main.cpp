// kiosk-fleet: the operators' console for a fleet of kiosks (console/console_program.hpp).
#include <pthread.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include "console/console_program.hpp"
#include "install_layout.hpp"
#include "log/journal_native.hpp"
#include "log/log.hpp"
#include "version/version.hpp"

namespace {

int usage() {
  std::cerr << "usage: kiosk-fleet --config FILE [--port N]   (deploy/fleet/console.toml is an example)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // The audit log, today's sales, diagnostics and the console's key are the console user's alone.
  umask(0077);
  if (argc == 2 && std::string(argv[1]) == "--version") {
    std::cout << "kiosk-fleet " << kiosk::kiosk_version() << "\n";
    return 0;
  }
  std::string config_path;
  long port = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else if (a == "--port" && i + 1 < argc) {
      char* end = nullptr;
      port = std::strtol(argv[++i], &end, 10);
      if (!end || *end || port < 0 || port > 65535) return usage();
    } else {
      return usage();
    }
  }
  if (config_path.empty()) return usage();
  kiosk::console::ConsoleConfig config;
  std::string error;
  if (!kiosk::console::load_console_config(config_path, &config, &error)) {
    std::cerr << "kiosk-fleet: " << error << "\n";
    return 1;
  }
  if (port >= 0) config.port = static_cast<int>(port);
  // SIGTERM and SIGINT are taken by sigwait below, on the main thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  kiosk::log_program("kiosk-fleet");
  if (kiosk::stderr_is_journal()) kiosk::log_open("");
  const std::string page_dir = kiosk::app::default_assets_dir(KIOSK_ASSET_DIR) + "/console";
  auto program = kiosk::console::ConsoleProgram::start(config, page_dir, &error);
  if (!program) {
    std::cerr << "kiosk-fleet: " << error << "\n";
    return 1;
  }
  std::cout << "kiosk-fleet: https://" << config.host << ":" << program->port() << "/ (certificate "
            << program->cert_path() << ")" << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cerr << "kiosk-fleet: stopping on signal " << signal << std::endl;
  program->stop();
  return 0;
}
