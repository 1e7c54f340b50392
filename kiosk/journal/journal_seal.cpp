#include "journal_seal.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk {

std::string seal_path(const std::string& journal_path) { return journal_path + ".seal"; }

std::optional<JournalSeal> read_seal(const std::string& path, std::string* error) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  // A seal is one short line; anything far larger is damage, not something to read whole.
  if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) > 4096 || ec) {
    if (error) *error = "journal seal " + path + " is damaged";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const auto j = nlohmann::json::parse(text.str(), nullptr, false);
  const auto id = j.is_object() ? j.find("journal_id") : j.end();
  const auto last = j.is_object() ? j.find("last_step") : j.end();
  if (!in || id == j.end() || !id->is_string() || id->get<std::string>().empty() || last == j.end() ||
      !last->is_number_integer() || last->get<std::int64_t>() < 0) {
    if (error) *error = "journal seal " + path + " is damaged";
    return std::nullopt;
  }
  return JournalSeal{id->get<std::string>(), last->get<std::int64_t>()};
}

bool write_seal(const std::string& path, const JournalSeal& seal, std::string* error) {
  const std::string tmp = path + ".tmp";
  const std::string text = nlohmann::json{{"journal_id", seal.journal_id}, {"last_step", seal.last_step}}.dump() + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  ok = ok && std::rename(tmp.c_str(), path.c_str()) == 0;
  if (ok) {
    // The rename itself is durable only once the folder is.
    const std::string dir = std::filesystem::path(path).parent_path().string();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ok = dfd >= 0 && ::fsync(dfd) == 0;
    if (dfd >= 0) ::close(dfd);
  }
  if (!ok) {
    if (error) *error = "journal seal " + path + " not written: " + std::strerror(errno);
    std::remove(tmp.c_str());
  }
  return ok;
}

std::string new_journal_id() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n > 0) got += static_cast<std::size_t>(n);
    else if (errno != EINTR) break;
  }
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace kiosk
