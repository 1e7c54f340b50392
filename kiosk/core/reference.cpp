#include "reference.hpp"

namespace kiosk {

namespace {

std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void round(std::uint64_t& v0, std::uint64_t& v1, std::uint64_t& v2, std::uint64_t& v3) {
  v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
  v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
  v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
  v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
}

bool is_token_char(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

// SipHash-2-4, 128-bit variant, as in the reference paper (Aumasson and Bernstein).
std::array<std::uint8_t, 16> siphash128(const ReferenceKey& key, const std::uint8_t* data, std::size_t size) {
  const std::uint64_t k0 = load64(key.data()), k1 = load64(key.data() + 8);
  std::uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
  std::uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
  v1 ^= 0xee;
  const std::size_t full = size - size % 8;
  for (std::size_t i = 0; i < full; i += 8) {
    const std::uint64_t m = load64(data + i);
    v3 ^= m;
    round(v0, v1, v2, v3);
    round(v0, v1, v2, v3);
    v0 ^= m;
  }
  std::uint64_t last = static_cast<std::uint64_t>(size & 0xff) << 56;
  for (std::size_t i = 0; i < size % 8; ++i) last |= static_cast<std::uint64_t>(data[full + i]) << (8 * i);
  v3 ^= last;
  round(v0, v1, v2, v3);
  round(v0, v1, v2, v3);
  v0 ^= last;
  v2 ^= 0xee;
  for (int i = 0; i < 4; ++i) round(v0, v1, v2, v3);
  const std::uint64_t h0 = v0 ^ v1 ^ v2 ^ v3;
  v1 ^= 0xdd;
  for (int i = 0; i < 4; ++i) round(v0, v1, v2, v3);
  const std::uint64_t h1 = v0 ^ v1 ^ v2 ^ v3;
  std::array<std::uint8_t, 16> out{};
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<std::uint8_t>(h0 >> (8 * i));
    out[8 + i] = static_cast<std::uint8_t>(h1 >> (8 * i));
  }
  return out;
}

bool valid_caller_id(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id)
    if (!is_token_char(c) && c != '_' && c != '-') return false;
  return true;
}

std::string make_reference(const std::string& kiosk_id, const ReferenceKey& key, std::uint64_t counter) {
  std::uint8_t message[8];
  for (int i = 0; i < 8; ++i) message[i] = static_cast<std::uint8_t>(counter >> (8 * i));
  const auto mac = siphash128(key, message, sizeof message);
  // Crockford's alphabet: no I, L, O or U, so a reference read out over the phone stays clear.
  static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string token;
  unsigned bits = 0, have = 0;
  for (std::uint8_t byte : mac) {
    bits = (bits << 8) | byte;
    have += 8;
    while (have >= 5 && token.size() < reference_token_length) {
      token += alphabet[(bits >> (have - 5)) & 31];
      have -= 5;
    }
    bits &= (1u << have) - 1;
  }
  return kiosk_id + "-" + token;
}

bool reference_of_kiosk(const std::string& reference, const std::string& kiosk_id) {
  if (kiosk_id.empty() || reference.size() < kiosk_id.size() + 17 || reference.size() > kiosk_id.size() + 41)
    return false;
  if (reference.compare(0, kiosk_id.size(), kiosk_id) != 0 || reference[kiosk_id.size()] != '-') return false;
  for (std::size_t i = kiosk_id.size() + 1; i < reference.size(); ++i)
    if (!is_token_char(reference[i])) return false;
  return true;
}

}  // namespace kiosk
