#include "journal_seal.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sys/durable_file.hpp"
#include "sys/random_bytes.hpp"

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
  const std::string text = nlohmann::json{{"journal_id", seal.journal_id}, {"last_step", seal.last_step}}.dump() + "\n";
  std::string why;
  if (write_file_durably(path, text, 0600, &why)) return true;
  if (error) *error = "journal seal not written: " + why;
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
