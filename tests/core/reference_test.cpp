// References: unguessable, unique, and owned by the kiosk whose id they carry.
#include <catch2/catch.hpp>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <set>

#include "core/reference.hpp"

using namespace kiosk;

namespace {

ReferenceKey counting_key() {
  ReferenceKey k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i);
  return k;
}

// OpenSSL's own SipHash (128-bit output), to check ours against another implementation.
std::array<std::uint8_t, 16> openssl_siphash(const ReferenceKey& key, const std::uint8_t* data, std::size_t size) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "SIPHASH", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  std::size_t out_size = 16;
  OSSL_PARAM params[] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &out_size), OSSL_PARAM_construct_end()};
  std::array<std::uint8_t, 16> out{};
  std::size_t written = 0;
  REQUIRE(EVP_MAC_init(ctx, key.data(), key.size(), params) == 1);
  REQUIRE(EVP_MAC_update(ctx, data, size) == 1);
  REQUIRE(EVP_MAC_final(ctx, out.data(), &written, out.size()) == 1);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  REQUIRE(written == 16);
  return out;
}

}  // namespace

TEST_CASE("SipHash-2-4-128 gives the reference vectors of its authors") {
  const ReferenceKey key = counting_key();
  const std::uint8_t message[] = {0, 1};
  const std::array<std::uint8_t, 16> empty{0xa3, 0x81, 0x7f, 0x04, 0xba, 0x25, 0xa8, 0xe6,
                                           0x6d, 0xf6, 0x72, 0x14, 0xc7, 0x55, 0x02, 0x93};
  const std::array<std::uint8_t, 16> one{0xda, 0x87, 0xc1, 0xd8, 0x6b, 0x99, 0xaf, 0x44,
                                         0x34, 0x76, 0x59, 0x11, 0x9b, 0x22, 0xfc, 0x45};
  const std::array<std::uint8_t, 16> two{0x81, 0x77, 0x22, 0x8d, 0xa4, 0xa4, 0x5d, 0xc7,
                                         0xfc, 0xa3, 0x8b, 0xde, 0xf6, 0x0a, 0xff, 0xe4};
  CHECK(siphash128(key, message, 0) == empty);
  CHECK(siphash128(key, message, 1) == one);
  CHECK(siphash128(key, message, 2) == two);
}

TEST_CASE("SipHash-2-4-128 agrees with OpenSSL for every length up to 64 bytes") {
  std::uint8_t data[64];
  for (int i = 0; i < 64; ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 3);
  ReferenceKey key = counting_key();
  key[3] = 0xfe;
  for (std::size_t n = 0; n <= sizeof data; ++n) {
    INFO(n);
    CHECK(siphash128(key, data, n) == openssl_siphash(key, data, n));
  }
}

TEST_CASE("References carry the kiosk's id and 100 bits nobody can tell from the ones before") {
  const ReferenceKey key = counting_key();
  std::set<std::string> seen;
  for (std::uint64_t n = 1; n <= 2000; ++n) {
    const std::string r = make_reference("BE-BRU-03", key, n);
    CHECK(r.size() == std::string("BE-BRU-03-").size() + reference_token_length);
    CHECK(reference_of_kiosk(r, "BE-BRU-03"));
    seen.insert(r.substr(10));
  }
  CHECK(seen.size() == 2000);
  // Another start (another secret) makes other references for the same counter.
  ReferenceKey other = key;
  other[0] ^= 1;
  CHECK(make_reference("BE-BRU-03", key, 1) != make_reference("BE-BRU-03", other, 1));
  // Crockford's alphabet only: no I, L, O, U.
  for (const std::string& token : seen) CHECK(token.find_first_of("ILOU-") == std::string::npos);
}

TEST_CASE("A reference belongs to one kiosk only, even when ids share a prefix") {
  const std::string r = make_reference("BE-1", ReferenceKey{}, 1);
  CHECK(reference_of_kiosk(r, "BE-1"));
  CHECK_FALSE(reference_of_kiosk(r, "BE"));
  CHECK_FALSE(reference_of_kiosk(r, "BE-"));
  CHECK_FALSE(reference_of_kiosk(r, "BE-12"));
  CHECK_FALSE(reference_of_kiosk(make_reference("BE-12", ReferenceKey{}, 1), "BE-1"));
  CHECK_FALSE(reference_of_kiosk("BE-1-0001", "BE-1"));                 // too short to be unguessable
  CHECK_FALSE(reference_of_kiosk("BE-1-" + std::string(41, 'A'), "BE-1"));  // too long
  CHECK_FALSE(reference_of_kiosk("BE-1-AAAAAAAAAAAAAAAA/../x", "BE-1"));
  CHECK_FALSE(reference_of_kiosk(r, ""));
}
