// kioskctl status | test-print | end-of-day | out-of-service on REASON|off | diagnostics |
// catalog install FILE: to the running kiosk
// over its control socket (/run/kiosk/control.sock for the service; --data DIR or --socket PATH
// otherwise). The kiosk's answer is printed as it came; a refusal (a customer is at the kiosk)
// is one line on stderr and exit 1.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "catalog/signed_envelope.hpp"
#include "commands.hpp"
#include "sys/small_file.hpp"

namespace kiosk::ctl {

namespace {

constexpr const char* service_socket = "/run/kiosk/control.sock";
// A test print or the terminal's closing take a while; the kiosk gives up on them after 90 s.
constexpr int answer_seconds = 100;
constexpr std::size_t max_answer = 64 << 20;  // a diagnostics bundle, in base64

// One request, one answer line; empty with `error` set when the kiosk could not be asked.
std::string ask(const std::string& path, const std::string& request, std::string* error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) return *error = "socket path too long: " + path, "";
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return *error = std::strerror(errno), "";
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    *error = "cannot reach the kiosk at " + path + ": " + std::strerror(errno) +
             (errno == EACCES ? " (root or the kiosk group only)" : errno == ENOENT ? " (is it running?)" : "");
    ::close(fd);
    return "";
  }
  const std::string line = request + "\n";
  // A kiosk that refuses the caller answers at once and closes: its answer is read all the same.
  if (::send(fd, line.data(), line.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(line.size()))
    *error = "cannot send to the kiosk: " + std::string(std::strerror(errno));
  std::string answer;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(answer_seconds);
  char buf[4096];
  while (answer.find('\n') == std::string::npos && answer.size() < max_answer) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      if (error->empty()) *error = "the kiosk did not answer in time";
      break;
    }
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  const auto nl = answer.find('\n');
  if (nl == std::string::npos) {
    if (error->empty()) *error = "the kiosk closed the connection without an answer";
    return "";
  }
  error->clear();
  return answer.substr(0, nl);
}

// The bundle the kiosk sent, written to `out` (a file, or a folder to put it in under its name).
int save_bundle(const nlohmann::json& answer, const std::string& out) {
  const std::string name = answer.value("name", std::string());
  const std::string b64 = answer.value("bundle_base64", std::string());
  if (name.empty() || name.find('/') != std::string::npos || b64.empty() || b64.size() % 4 != 0)
    return fail("the kiosk's bundle is not one");
  std::string bytes(b64.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()), reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) return fail("the kiosk's bundle is not base64");
  const std::size_t padding = (b64.back() == '=') + (b64.size() > 1 && b64[b64.size() - 2] == '=');
  bytes.resize(static_cast<std::size_t>(n) - padding);
  if (bytes.size() != answer.value("bytes", std::size_t{0})) return fail("the kiosk's bundle arrived damaged");
  std::error_code ec;
  const std::filesystem::path path = out.empty() ? std::filesystem::path(name)
                                     : std::filesystem::is_directory(out, ec) ? std::filesystem::path(out) / name
                                                                              : std::filesystem::path(out);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) return fail("cannot write " + path.string());
  // Masked as it is, it is still the kiosk's business: the technician's alone.
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  std::cout << nlohmann::json{{"ok", true}, {"path", path.string()}, {"bytes", bytes.size()}}.dump() << "\n";
  return 0;
}

}  // namespace

int running_kiosk_command(const Args& args) {
  std::string path = service_socket, out;
  Args words;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--socket" || args[i] == "--data") && i + 1 < args.size()) {
      path = args[i] == "--socket" ? args[i + 1] : args[i + 1] + "/control.sock";
      ++i;
    } else if (args[i] == "--out" && i + 1 < args.size()) {
      out = args[++i];
    } else {
      words.push_back(args[i]);
    }
  }
  nlohmann::json request;
  if (words.size() == 1 &&
      (words[0] == "status" || words[0] == "test-print" || words[0] == "end-of-day" || words[0] == "diagnostics" ||
       words[0] == "retry" || words[0] == "restart" || words[0] == "terminal-check")) {
    request = {{"command", words[0]}};
  } else if (words.size() == 3 && words[0] == "out-of-service" && words[1] == "on") {
    request = {{"command", "out-of-service"}, {"out", true}, {"reason", words[2]}};
  } else if (words.size() == 2 && words[0] == "out-of-service" && words[1] == "off") {
    request = {{"command", "out-of-service"}, {"out", false}};
  } else if (words.size() == 2 && words[0] == "catalog-install") {
    std::string error;
    const auto file = read_small_file(words[1], catalog::max_signed_catalog_bytes, &error);
    if (!file) return fail(error);
    request = {{"command", "catalog-install"}, {"file", *file}};
  } else {
    return fail(
        "usage: kioskctl status|test-print|terminal-check|end-of-day|retry|restart|out-of-service on REASON|off|"
        "diagnostics [--out PATH] "
        "[--socket PATH | --data DIR]");
  }
  std::string error;
  const std::string answer = ask(path, request.dump(), &error);
  if (answer.empty()) return fail(error);
  const nlohmann::json j = nlohmann::json::parse(answer, nullptr, false);
  if (!j.is_object() || !j.contains("ok")) return fail("the kiosk's answer is not one: " + answer.substr(0, 200));
  if (j["ok"] != true) return fail(j.value("error", std::string("refused")));
  if (words[0] == "diagnostics") return save_bundle(j, out);
  std::cout << j.dump() << "\n";
  return 0;
}

}  // namespace kiosk::ctl
