#include "signed_catalog.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "catalog_file.hpp"
#include "signed_envelope.hpp"
#include "sys/base64.hpp"

namespace kiosk::catalog {

namespace {

using nlohmann::json;

struct Free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
  void operator()(BIO* b) const { BIO_free(b); }
};
using Key = std::unique_ptr<EVP_PKEY, Free>;

constexpr std::size_t signature_bytes = 64;

// An Ed25519 key from PEM; any other kind of key is refused.
Key read_key(const std::string& pem, bool is_private, std::string* error) {
  std::unique_ptr<BIO, Free> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Key key(bio ? (is_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                            : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr))
              : nullptr);
  if (!key) {
    *error = std::string("not a ") + (is_private ? "private" : "public") + " key in PEM";
    return nullptr;
  }
  if (EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    *error = "not an Ed25519 key";
    return nullptr;
  }
  return key;
}

std::string to_pem(EVP_PKEY* key, bool is_private) {
  std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
  const int ok = is_private ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                            : PEM_write_bio_PUBKEY(bio.get(), key);
  if (ok != 1) return "";
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace

std::optional<KeyPair> make_key_pair(std::string* error) {
  std::unique_ptr<EVP_PKEY_CTX, Free> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    *error = "no Ed25519 key could be made";
    return std::nullopt;
  }
  const Key key(raw);
  KeyPair pair{to_pem(key.get(), true), to_pem(key.get(), false)};
  if (pair.private_pem.empty() || pair.public_pem.empty()) {
    *error = "the key could not be written as PEM";
    return std::nullopt;
  }
  return pair;
}

std::string key_id(const std::string& public_pem, std::string* error) {
  const Key key = read_key(public_pem, false, error);
  if (!key) return "";
  unsigned char raw[32];
  std::size_t raw_len = sizeof raw;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_PKEY_get_raw_public_key(key.get(), raw, &raw_len) != 1 ||
      EVP_Digest(raw, raw_len, digest, &digest_len, EVP_sha256(), nullptr) != 1) {
    *error = "the public key could not be read";
    return "";
  }
  return base64_encode(std::string_view(reinterpret_cast<const char*>(digest), digest_len)).substr(0, 16);
}

std::string sign_catalog(const std::string& private_pem, std::string_view catalog_text, std::string* error) {
  const Key key = read_key(private_pem, true, error);
  if (!key) return "";
  // Ed25519 signs the message itself (no separate digest).
  std::unique_ptr<EVP_MD_CTX, Free> ctx(EVP_MD_CTX_new());
  unsigned char sig[signature_bytes];
  std::size_t sig_len = sizeof sig;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &sig_len, reinterpret_cast<const unsigned char*>(catalog_text.data()),
                     catalog_text.size()) != 1) {
    *error = "the catalog could not be signed";
    return "";
  }
  const std::string id = key_id(to_pem(key.get(), false), error);
  if (id.empty()) return "";
  return json{{"signed_catalog", 1},
              {"key_id", id},
              {"catalog", std::string(catalog_text)},
              {"signature", base64_encode(std::string_view(reinterpret_cast<const char*>(sig), sig_len))}}
             .dump(2) +
         "\n";
}

std::optional<std::string> verified_catalog_text(const std::string& public_pem, std::string_view signed_text,
                                                 std::string* error) {
  const std::optional<SignedEnvelope> envelope = read_envelope(signed_text, error);
  if (!envelope) return std::nullopt;
  const Key key = read_key(public_pem, false, error);
  if (!key) return std::nullopt;
  const std::string expected_id = key_id(public_pem, error);
  if (expected_id.empty()) return std::nullopt;
  if (envelope->key_id != expected_id) {
    *error = "signed by another key (" + envelope->key_id.substr(0, 16) + ", not " + expected_id + ")";
    return std::nullopt;
  }
  const std::optional<std::string> sig = base64_decode(envelope->signature);
  if (!sig || sig->size() != signature_bytes) {
    *error = "the signature is not 64 bytes of base64";
    return std::nullopt;
  }
  const std::string& text = envelope->catalog;
  std::unique_ptr<EVP_MD_CTX, Free> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                       reinterpret_cast<const unsigned char*>(text.data()), text.size()) != 1) {
    *error = "the signature does not match the catalog";
    return std::nullopt;
  }
  return text;
}

}  // namespace kiosk::catalog
