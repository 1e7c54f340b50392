// Bancontact's callbacks: a detached JWS (ES256) is taken only when it signs this body, for this
// path, with a key of the set whose certificate the header names, recently.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "bancontact/callback_jws.hpp"
#include "gateway/tls_cert.hpp"

using namespace kiosk;
using namespace kiosk::bancontact;

namespace {

struct Signer {
  gateway::x509::Key key = gateway::x509::new_key();
  std::string der;
  Signer() {
    gateway::x509::Cert cert = gateway::x509::self_signed(key.get(), "callbacks", 30, {});
    unsigned char* p = nullptr;
    const int n = i2d_X509(cert.get(), &p);
    der.assign(reinterpret_cast<char*>(p), static_cast<std::size_t>(n));
    OPENSSL_free(p);
  }
  std::string sign(const std::string& body, const std::string& path, std::int64_t iat, const std::string& kid = "k1") {
    return sign_callback(key.get(), kid, der, body, path, "jti-1", iat);
  }
  CallbackKeys keys(const std::string& kid = "k1") {
    CallbackKeys k;
    std::string error;
    REQUIRE(k.load(jwks_for(key.get(), kid, der), &error));
    return k;
  }
};

const std::string body = R"({"paymentId":"5f91483d78a74914bc6f0a1b","status":"SUCCEEDED","amount":1500})";
const std::string path = "/v1/wallet/callback";
constexpr std::int64_t now = 1796594400;

}  // namespace

TEST_CASE("A callback signed with a key of the set verifies, and says its jti and time") {
  Signer s;
  const CallbackKeys keys = s.keys();
  VerifiedCallback v;
  REQUIRE(verify_callback(s.sign(body, path, now - 5), body, path, keys, now, 300, &v) == "");
  CHECK(v.kid == "k1");
  CHECK(v.jti == "jti-1");
  CHECK(v.iat == now - 5);
}

TEST_CASE("A changed body, another path, an old or future time, another key or a broken signature is refused") {
  Signer s, other;
  const CallbackKeys keys = s.keys();
  VerifiedCallback v;
  const std::string sig = s.sign(body, path, now);
  std::string changed = body;
  changed.replace(changed.find("1500"), 4, "1");
  CHECK(verify_callback(sig, changed, path, keys, now, 300, &v) == "the signature does not verify");
  CHECK(verify_callback(sig, body, "/v1/other", keys, now, 300, &v) == "signed for another path");
  CHECK(verify_callback(s.sign(body, path, now - 301), body, path, keys, now, 300, &v) == "iat too far from now");
  CHECK(verify_callback(s.sign(body, path, now + 301), body, path, keys, now, 300, &v) == "iat too far from now");
  CHECK(verify_callback(other.sign(body, path, now), body, path, keys, now, 300, &v) ==
        "the certificate thumbprint is not the key's");
  CHECK(verify_callback(s.sign(body, path, now, "k2"), body, path, keys, now, 300, &v) == "unknown kid 'k2'");
  std::string flipped = sig;
  flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == 'A' ? 'B' : 'A';
  CHECK_FALSE(verify_callback(flipped, body, path, keys, now, 300, &v).empty());
  const std::string attached = sig.substr(0, sig.find("..")) + "." + base64url(body) + sig.substr(sig.find("..") + 1);
  CHECK(verify_callback(attached, body, path, keys, now, 300, &v) == "not a detached JWS");
  CHECK_FALSE(verify_callback("", body, path, keys, now, 300, &v).empty());
  CHECK_FALSE(verify_callback("e30..", body, path, keys, now, 300, &v).empty());
}

TEST_CASE("A key set without a usable key is refused whole") {
  CallbackKeys keys;
  std::string error;
  CHECK_FALSE(keys.load("{}", &error));
  CHECK_FALSE(keys.load(R"({"keys":[{"kty":"RSA","kid":"r"}]})", &error));
  CHECK_FALSE(keys.load("not json", &error));
  // A JWK whose coordinates are not its certificate's key.
  Signer s, other;
  std::string mixed = jwks_for(s.key.get(), "k1", other.der);
  CHECK_FALSE(keys.load(mixed, &error));
}

TEST_CASE("base64url round-trips any bytes and refuses other alphabets") {
  for (const std::string& bytes : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                                  std::string("\xff\xfe\x00\x01", 4)}) {
    std::string back;
    REQUIRE(from_base64url(base64url(bytes), &back));
    CHECK(back == bytes);
  }
  std::string out;
  CHECK_FALSE(from_base64url("ab+/", &out));
  CHECK_FALSE(from_base64url("a", &out));
}
