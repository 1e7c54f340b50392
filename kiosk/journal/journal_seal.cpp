#include "journal_seal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sys/durable_file.hpp"
#include "sys/random_bytes.hpp"

namespace kiosk {

namespace {

constexpr std::size_t slot_size = 128;  // one line, padded with spaces; far more than a seal needs

// FNV-1a: enough to tell a slot cut short or overwritten by noise from a whole one.
std::string check_of(const JournalSeal& seal) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : seal.journal_id + ":" + std::to_string(seal.last_step)) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

std::string slot_text(const JournalSeal& seal) {
  std::string line =
      nlohmann::json{{"journal_id", seal.journal_id}, {"last_step", seal.last_step}, {"check", check_of(seal)}}.dump();
  line.resize(slot_size - 1, ' ');
  return line + "\n";
}

// A seal from one line; `checked`: the line must carry its check.
std::optional<JournalSeal> parse_line(const std::string& line, bool checked) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  const auto id = j.find("journal_id");
  const auto last = j.find("last_step");
  if (id == j.end() || !id->is_string() || id->get<std::string>().empty() || last == j.end() ||
      !last->is_number_integer() || last->get<std::int64_t>() < 0)
    return std::nullopt;
  JournalSeal seal{id->get<std::string>(), last->get<std::int64_t>()};
  // A check, when there is one, must match; a slot must have one.
  const auto check = j.find("check");
  if (check == j.end() ? checked : (!check->is_string() || check->get<std::string>() != check_of(seal)))
    return std::nullopt;
  return seal;
}

}  // namespace

std::string seal_path(const std::string& journal_path) { return journal_path + ".seal"; }

std::optional<JournalSeal> read_seal(const std::string& path, std::string* error) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  const auto damaged = [&]() -> std::optional<JournalSeal> {
    if (error) *error = "journal seal " + path + " is damaged";
    return std::nullopt;
  };
  // Two short lines; anything far larger is damage, not something to read whole.
  if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) > 4096 || ec) return damaged();
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return damaged();
  const std::string all = text.str();
  if (all.size() != 2 * slot_size) {  // one line, as written before the slots
    if (std::optional<JournalSeal> line = parse_line(all, false)) return line;
    return damaged();
  }
  const std::optional<JournalSeal> a = parse_line(all.substr(0, slot_size), true);
  const std::optional<JournalSeal> b = parse_line(all.substr(slot_size), true);
  if (a && b) {
    if (a->journal_id != b->journal_id) return damaged();
    return a->last_step >= b->last_step ? a : b;
  }
  if (a) return a;
  if (b) return b;
  return damaged();
}

bool write_seal(const std::string& path, const JournalSeal& seal, std::string* error) {
  const std::string slot = slot_text(seal);
  std::string why;
  if (write_file_durably(path, slot + slot, 0600, &why)) return true;
  if (error) *error = "journal seal not written: " + why;
  return false;
}

std::unique_ptr<SealKeeper> SealKeeper::open(const std::string& path, const JournalSeal& seal, std::string* error) {
  if (!write_seal(path, seal, error)) return nullptr;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = "journal seal " + path + " cannot be opened: " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<SealKeeper>(new SealKeeper(fd, path, seal));
}

SealKeeper::~SealKeeper() { ::close(fd_); }

bool SealKeeper::advance(std::int64_t last_step, std::string* error) {
  seal_.last_step = last_step;
  const std::string slot = slot_text(seal_);
  const off_t at = static_cast<off_t>(next_slot_ * slot_size);
  next_slot_ = 1 - next_slot_;
  if (::pwrite(fd_, slot.data(), slot.size(), at) == static_cast<ssize_t>(slot.size()) && ::fdatasync(fd_) == 0)
    return true;
  if (error) *error = "journal seal " + path_ + " not moved along: " + std::strerror(errno);
  return false;
}

std::string new_journal_id() {
  unsigned char bytes[16];
  if (!random_bytes(bytes, sizeof bytes)) return "";
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace kiosk
