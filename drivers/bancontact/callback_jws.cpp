#include "callback_jws.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "payment_api.hpp"

namespace kiosk::bancontact {

using json = nlohmann::json;

namespace {

constexpr const char* claim_iss = "https://payconiq.com/iss";
constexpr const char* claim_iat = "https://payconiq.com/iat";
constexpr const char* claim_jti = "https://payconiq.com/jti";
constexpr const char* claim_path = "https://payconiq.com/path";
constexpr const char* claim_sub = "https://payconiq.com/sub";

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool from_base64(std::string text, std::string* bytes) {
  if (text.size() % 4 != 0) return false;
  std::size_t padding = 0;
  while (!text.empty() && padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
  std::string out(3 * text.size() / 4 + 1, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0 || static_cast<std::size_t>(n) < padding) return false;
  out.resize(static_cast<std::size_t>(n) - padding);
  *bytes = std::move(out);
  return true;
}

std::string sha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), n);
}

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// The public key's x and y, 32 bytes each.
bool coordinates(EVP_PKEY* key, std::string* x, std::string* y) {
  BIGNUM *bx = nullptr, *by = nullptr;
  const bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &bx) &&
                  EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &by);
  if (ok) {
    x->assign(32, '\0');
    y->assign(32, '\0');
    BN_bn2binpad(bx, reinterpret_cast<unsigned char*>(x->data()), 32);
    BN_bn2binpad(by, reinterpret_cast<unsigned char*>(y->data()), 32);
  }
  BN_free(bx);
  BN_free(by);
  return ok;
}

bool is_p256(EVP_PKEY* key) {
  char group[64] = {};
  std::size_t n = 0;
  return EVP_PKEY_is_a(key, "EC") && EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &n) &&
         std::string(group) == "prime256v1";
}

std::string text(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace

std::string base64url(const std::string& bytes) {
  std::string s = base64(bytes);
  for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

bool from_base64url(const std::string& text, std::string* bytes) {
  std::string s = text;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  for (char& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
  if (s.size() % 4 == 1) return false;
  while (s.size() % 4 != 0) s += '=';
  return from_base64(s, bytes);
}

struct CallbackKeys::Key {
  Pkey key;
  std::string thumbprint;  // base64url(SHA-256(certificate DER))
};

CallbackKeys::CallbackKeys() = default;
CallbackKeys::~CallbackKeys() = default;
CallbackKeys::CallbackKeys(CallbackKeys&&) noexcept = default;
CallbackKeys& CallbackKeys::operator=(CallbackKeys&&) noexcept = default;

std::size_t CallbackKeys::size() const { return keys_.size(); }

const CallbackKeys::Key* CallbackKeys::find(const std::string& kid) const {
  const auto it = keys_.find(kid);
  return it == keys_.end() ? nullptr : it->second.get();
}

bool CallbackKeys::load(const std::string& jwks_json, std::string* error) {
  const json j = json::parse(jwks_json, nullptr, false);
  if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array()) return *error = "not a JWKS document", false;
  for (const json& k : j["keys"]) {
    const std::string kid = k.is_object() ? text(k, "kid") : "";
    if (kid.empty() || text(k, "kty") != "EC" || text(k, "crv") != "P-256" || !k.contains("x5c") || !k["x5c"].is_array() ||
        k["x5c"].empty() || !k["x5c"][0].is_string())
      continue;  // not a key callbacks are signed with
    std::string der;
    if (!from_base64(k["x5c"][0].get<std::string>(), &der)) continue;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (!cert) continue;
    Pkey key(X509_get_pubkey(cert));
    X509_free(cert);
    std::string x, y, jx, jy;
    // The JWK's own coordinates, when given, must be the certificate's key.
    if (!key || !is_p256(key.get()) || !coordinates(key.get(), &x, &y)) continue;
    if ((k.contains("x") && (!from_base64url(text(k, "x"), &jx) || jx != x)) ||
        (k.contains("y") && (!from_base64url(text(k, "y"), &jy) || jy != y)))
      continue;
    auto entry = std::make_unique<Key>();
    entry->key = std::move(key);
    entry->thumbprint = base64url(sha256(der));
    keys_[kid] = std::move(entry);
  }
  if (keys_.empty()) return *error = "no EC P-256 key with its certificate in the key set", false;
  return true;
}

std::string verify_callback(const std::string& signature_header, const std::string& body, const std::string& path,
                            const CallbackKeys& keys, std::int64_t now_s, int max_age_s, VerifiedCallback* out) {
  const auto dots = signature_header.find("..");
  if (signature_header.size() > 4096 || dots == std::string::npos || dots == 0 ||
      signature_header.find('.', dots + 2) != std::string::npos)
    return "not a detached JWS";
  const std::string header_b64 = signature_header.substr(0, dots);
  std::string header_text, signature;
  if (!from_base64url(header_b64, &header_text) || !from_base64url(signature_header.substr(dots + 2), &signature))
    return "not base64url";
  const json h = json::parse(header_text, nullptr, false);
  if (!h.is_object()) return "the protected header is not JSON";
  if (text(h, "alg") != "ES256") return "alg is not ES256";
  const CallbackKeys::Key* key = keys.find(text(h, "kid"));
  if (!key) return "unknown kid '" + text(h, "kid") + "'";
  if (text(h, "x5t#S256") != key->thumbprint) return "the certificate thumbprint is not the key's";
  // Every critical claim must be one we check, and the four we need must be critical.
  if (!h.contains("crit") || !h["crit"].is_array()) return "no crit";
  std::vector<std::string> crit;
  for (const json& c : h["crit"]) {
    if (!c.is_string()) return "crit holds a non-string";
    const std::string name = c.get<std::string>();
    if (name != claim_iss && name != claim_iat && name != claim_jti && name != claim_path && name != claim_sub)
      return "unknown critical claim " + name;
    crit.push_back(name);
  }
  for (const char* needed : {claim_iss, claim_iat, claim_jti, claim_path})
    if (std::find(crit.begin(), crit.end(), needed) == crit.end()) return std::string(needed) + " is not critical";
  if (text(h, claim_iss) != "Payconiq") return "issuer is not Payconiq";
  if (text(h, claim_path) != path) return "signed for another path";
  const auto iat = parse_utc(text(h, claim_iat));
  if (!iat) return "iat missing or malformed";
  if (*iat < now_s - max_age_s || *iat > now_s + max_age_s) return "iat too far from now";
  const std::string jti = text(h, claim_jti);
  if (jti.empty() || jti.size() > 128) return "jti missing or too long";
  if (signature.size() != 64) return "an ES256 signature is 64 bytes";
  // JWS carries r||s; OpenSSL verifies DER.
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()), 32, nullptr),
                 BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + 32, 32, nullptr));
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  const std::string input = header_b64 + "." + base64url(body);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = der_len > 0 && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key->key.get()) == 1 &&
                  EVP_DigestVerify(ctx, der, static_cast<std::size_t>(der_len),
                                   reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  OPENSSL_free(der);
  if (!ok) return "the signature does not verify";
  *out = VerifiedCallback{text(h, "kid"), jti, *iat};
  return "";
}

std::string sign_callback(EVP_PKEY* key, const std::string& kid, const std::string& cert_der, const std::string& body,
                          const std::string& path, const std::string& jti, std::int64_t iat, const std::string& sub) {
  json h{{"typ", "jose+json"},
               {"kid", kid},
               {"alg", "ES256"},
               {"x5t#S256", base64url(sha256(cert_der))},
               {claim_iss, "Payconiq"},
               {claim_iat, utc_text(iat)},
               {claim_jti, jti},
               {claim_path, path},
               {"crit", {claim_iss, claim_iat, claim_jti, claim_path}}};
  if (!sub.empty()) {
    h[claim_sub] = sub;
    h["crit"].push_back(claim_sub);
  }
  const std::string header_b64 = base64url(h.dump());
  const std::string input = header_b64 + "." + base64url(body);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t n = 0;
  std::vector<unsigned char> der;
  bool ok = EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestSign(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  if (ok) {
    der.resize(n);
    ok = EVP_DigestSign(ctx, der.data(), &n, reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  }
  EVP_MD_CTX_free(ctx);
  if (!ok) return "";
  const unsigned char* p = der.data();
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(n));
  if (!sig) return "";
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(sig);
  return header_b64 + ".." + base64url(raw);
}

std::string jwks_for(EVP_PKEY* key, const std::string& kid, const std::string& cert_der) {
  std::string x, y;
  if (!coordinates(key, &x, &y)) return "";
  return json{{"keys", json::array({{{"kty", "EC"},
                                     {"crv", "P-256"},
                                     {"kid", kid},
                                     {"use", "sig"},
                                     {"x", base64url(x)},
                                     {"y", base64url(y)},
                                     {"x5c", json::array({base64(cert_der)})}}})}}
      .dump();
}

namespace {

class PemSigner final : public RequestSigner {
 public:
  PemSigner(Pkey key, std::string cert_der, SignerOptions o)
      : key_(std::move(key)), cert_der_(std::move(cert_der)), o_(std::move(o)) {}
  std::string sign(const std::string& body, const std::string& path) override {
    unsigned char id[12];
    RAND_bytes(id, sizeof id);
    std::string jti;
    for (unsigned char b : id) {
      static constexpr char hex[] = "0123456789abcdef";
      jti += hex[b >> 4];
      jti += hex[b & 15];
    }
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return sign_callback(key_.get(), o_.kid, cert_der_, body, path, jti, now, o_.profile_id);
  }

 private:
  Pkey key_;
  std::string cert_der_;
  SignerOptions o_;
};

}  // namespace

EVP_PKEY* read_signing_key(const std::string& key_path, const std::string& cert_path, std::string* cert_der) {
  FILE* kf = std::fopen(key_path.c_str(), "r");
  Pkey key(kf ? PEM_read_PrivateKey(kf, nullptr, nullptr, nullptr) : nullptr);
  if (kf) std::fclose(kf);
  FILE* cf = std::fopen(cert_path.c_str(), "r");
  X509* cert = cf ? PEM_read_X509(cf, nullptr, nullptr, nullptr) : nullptr;
  if (cf) std::fclose(cf);
  cert_der->clear();
  if (cert) {
    unsigned char* p = nullptr;
    const int n = i2d_X509(cert, &p);
    if (n > 0) cert_der->assign(reinterpret_cast<char*>(p), static_cast<std::size_t>(n));
    OPENSSL_free(p);
    X509_free(cert);
  }
  return key && !cert_der->empty() ? key.release() : nullptr;
}

std::unique_ptr<RequestSigner> make_request_signer(const SignerOptions& o, std::string* error) {
  std::string der;
  Pkey key(read_signing_key(o.key_path, o.cert_path, &der));
  if (!key || !is_p256(key.get()) || o.kid.empty()) {
    *error = "the merchant's signing key " + o.key_path + " (P-256), its certificate " + o.cert_path +
             " and a kid are needed";
    return nullptr;
  }
  return std::make_unique<PemSigner>(std::move(key), std::move(der), o);
}

}  // namespace kiosk::bancontact
