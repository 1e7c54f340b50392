#include "gateway/secret_hash.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace kiosk::gateway;

TEST_CASE("A PIN hash is salted scrypt that only its PIN matches") {
  std::string error;
  const std::string a = hash_secret("482915", &error);
  const std::string b = hash_secret("482915", &error);
  INFO(error);
  REQUIRE(a.rfind("$scrypt$ln=15,r=8,p=1$", 0) == 0);
  CHECK(a != b);  // salted
  CHECK(a.find("482915") == std::string::npos);
  error.clear();
  CHECK(verify_secret(a, "482915", &error));
  CHECK(verify_secret(b, "482915", &error));
  CHECK_FALSE(verify_secret(a, "482916", &error));
  CHECK_FALSE(verify_secret(a, "", &error));
  CHECK(error.empty());  // a wrong PIN is not an error
}

TEST_CASE("A stored PIN hash that is not one, or asks too much, is refused with the reason") {
  std::string error;
  const std::string good = hash_secret("1234", &error);
  const std::string salt_and_hash = good.substr(good.find('$', 8));
  const std::vector<std::string> bad_hashes = {"", "1234", "$pbkdf2$i=1$abc$def",
                                               "$scrypt$ln=25,r=8,p=1" + salt_and_hash,  // 2^25: gigabytes
                                               "$scrypt$ln=15,r=64,p=1" + salt_and_hash, "$scrypt$ln=15,r=8,p=1$$",
                                               good.substr(0, good.size() - 4)};
  for (const std::string& bad : bad_hashes) {
    INFO(bad);
    error.clear();
    CHECK_FALSE(verify_secret(bad, "1234", &error));
    CHECK_FALSE(error.empty());
  }
}
