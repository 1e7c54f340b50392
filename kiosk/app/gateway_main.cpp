// kiosk-gateway: the embedded operator gateway as a stand-alone HTTPS server.
#include <csignal>
#include <iostream>
#include <string>

#include "gateway/server.hpp"

namespace {
kiosk::gateway::Server* running = nullptr;
void on_signal(int) {
  if (running) running->stop();  // cpp-httplib's stop() only flips flags and shuts the socket
}
}  // namespace

int main(int argc, char** argv) {
  kiosk::gateway::ServerOptions options;
  options.port = 8443;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--data" && has_value) options.data_dir = argv[++i];
    else if (a == "--port" && has_value) options.port = std::atoi(argv[++i]);
    else if (a == "--host" && has_value) options.host = argv[++i];
    else if (a == "--cert" && has_value) options.cert_path = argv[++i];
    else if (a == "--key" && has_value) options.key_path = argv[++i];
    else if (a == "--client-ca" && has_value) options.client_ca_path = argv[++i];
    else if (a == "--fault-timeout-ms" && has_value) options.timeout_fault_ms = std::atoi(argv[++i]);
    else {
      std::cerr << "usage: kiosk-gateway [--data DIR] [--host 127.0.0.1] [--port 8443] [--cert FILE --key FILE]\n"
                   "                    [--client-ca FILE]        mutual TLS: clients need a certificate from this CA\n"
                   "                    [--fault-timeout-ms MS]   how long the timeout faults hold a request\n";
      return 2;
    }
  }
  std::string error;
  auto server = kiosk::gateway::Server::start(options, &error);
  if (!server) {
    std::cerr << "kiosk-gateway: " << error << "\n";
    return 1;
  }
  running = server.get();
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::cout << "kiosk-gateway: https://" << options.host << ":" << server->port() << " (certificate "
            << server->cert_path() << ")" << std::endl;
  server->wait();
  return 0;
}
