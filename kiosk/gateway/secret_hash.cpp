#include "secret_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdint>
#include <cstdio>
#include <vector>

namespace kiosk::gateway {

namespace {

// 2^15 × 8 × 128 bytes = 32 MiB and about a tenth of a second: slow for a guesser with a
// copy of the configuration, quick for a technician.
constexpr int default_log_n = 15, default_r = 8, default_p = 1;
constexpr std::size_t salt_size = 16, key_size = 32;

std::string b64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

bool unb64(std::string_view text, std::vector<unsigned char>* out) {
  std::string padded(text);
  while (padded.size() % 4) padded += '=';
  std::vector<unsigned char> buf(padded.size() / 4 * 3 + 1);
  const int n = EVP_DecodeBlock(buf.data(), reinterpret_cast<const unsigned char*>(padded.data()), static_cast<int>(padded.size()));
  if (n < 0) return false;
  buf.resize(static_cast<std::size_t>(n) - (padded.size() - text.size()));
  *out = std::move(buf);
  return true;
}

bool scrypt(std::string_view secret, const std::vector<unsigned char>& salt, int log_n, int r, int p,
            std::vector<unsigned char>* key) {
  key->assign(key_size, 0);
  const std::uint64_t n = std::uint64_t{1} << log_n;
  const std::uint64_t max_mem = 128 * n * static_cast<std::uint64_t>(r) * (static_cast<std::uint64_t>(p) + 1) + (1 << 20);
  return EVP_PBE_scrypt(secret.data(), secret.size(), salt.data(), salt.size(), n, static_cast<std::uint64_t>(r),
                        static_cast<std::uint64_t>(p), max_mem, key->data(), key->size()) == 1;
}

// "$scrypt$ln=15,r=8,p=1$salt$hash" into its parts; false when it is not that.
bool parse(std::string_view s, int* log_n, int* r, int* p, std::vector<unsigned char>* salt, std::vector<unsigned char>* hash) {
  constexpr std::string_view prefix = "$scrypt$";
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  const auto d1 = s.find('$');
  if (d1 == std::string_view::npos) return false;
  const auto d2 = s.find('$', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  const std::string params(s.substr(0, d1));
  if (std::sscanf(params.c_str(), "ln=%d,r=%d,p=%d", log_n, r, p) != 3) return false;
  // Bounds, so that a mistaken or hostile configuration cannot ask for gigabytes.
  if (*log_n < 10 || *log_n > 20 || *r < 1 || *r > 16 || *p < 1 || *p > 4) return false;
  return unb64(s.substr(d1 + 1, d2 - d1 - 1), salt) && unb64(s.substr(d2 + 1), hash) && salt->size() >= 8 &&
         hash->size() == key_size;
}

}  // namespace

std::string hash_secret(std::string_view secret, std::string* error) {
  std::vector<unsigned char> salt(salt_size), key;
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1 ||
      !scrypt(secret, salt, default_log_n, default_r, default_p, &key)) {
    if (error) *error = "scrypt failed";
    return "";
  }
  return "$scrypt$ln=" + std::to_string(default_log_n) + ",r=" + std::to_string(default_r) + ",p=" +
         std::to_string(default_p) + "$" + b64(salt.data(), salt.size()) + "$" + b64(key.data(), key.size());
}

bool verify_secret(std::string_view stored, std::string_view secret, std::string* error) {
  int log_n = 0, r = 0, p = 0;
  std::vector<unsigned char> salt, expected, key;
  if (!parse(stored, &log_n, &r, &p, &salt, &expected)) {
    if (error) *error = "the stored PIN hash is not a $scrypt$ln=…,r=…,p=…$salt$hash string";
    return false;
  }
  if (!scrypt(secret, salt, log_n, r, p, &key)) {
    if (error) *error = "scrypt failed";
    return false;
  }
  return CRYPTO_memcmp(key.data(), expected.data(), key_size) == 0;
}

}  // namespace kiosk::gateway
