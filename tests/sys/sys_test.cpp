#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fresh_dir.hpp"
#include "sys/base64.hpp"
#include "sys/durable_file.hpp"
#include "sys/random_bytes.hpp"

using namespace kiosk;

namespace {
std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

TEST_CASE("A file replaced durably holds the new content whole, with its mode, and no leftover") {
  const std::string dir = test::fresh_dir("sys-durable");
  const std::string path = dir + "/new/folder/file.pem";
  std::string error;
  REQUIRE(write_file_durably(path, "first\n", 0600, &error));
  const std::string big(100000, 'x');  // more than one write() may take
  REQUIRE(write_file_durably(path, big, 0600, &error));
  CHECK(read_all(path) == big);
  struct stat st{};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST_CASE("A file that cannot be written says so and leaves the old one as it was") {
  const std::string dir = test::fresh_dir("sys-refused");
  const std::string path = dir + "/kept";
  std::string error;
  REQUIRE(write_file_durably(path, "old", 0644, &error));
  // A folder where the new file's .tmp would go: the rename over it cannot happen.
  std::filesystem::create_directories(path + ".tmp/inside");
  CHECK_FALSE(write_file_durably(path, "new", 0644, &error));
  CHECK(error.find(path) != std::string::npos);
  CHECK(read_all(path) == "old");
  // Under a regular file there is no folder to write into.
  CHECK_FALSE(write_file_durably(path + "/below", "x", 0644, &error));
}

TEST_CASE("Random bytes fill the whole buffer and differ between calls") {
  std::array<unsigned char, 64> a{}, b{};
  REQUIRE(random_bytes(a.data(), a.size()));
  REQUIRE(random_bytes(b.data(), b.size()));
  CHECK(a != b);
  CHECK(a != std::array<unsigned char, 64>{});
  const std::string hex = random_hex(32);
  CHECK(hex.size() == 64);
  CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(hex != random_hex(32));
  CHECK(random_hex(0).empty());
}

TEST_CASE("Base64 decodes what it encodes, and nothing that an encoder would not have written") {
  const std::vector<std::string> samples{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\x80", 3)};
  for (const std::string& s : samples) CHECK(base64_decode(base64_encode(s)) == std::optional<std::string>(s));
  CHECK(base64_decode("Zm9vYmFy") == std::optional<std::string>("foobar"));
  for (const char* bad : {"Zm9", "Zm9v!mFy", "Zg=", "Z===", "Zg=a", "Zh==", "Zm9=v", "Zm=v", "Zm9vYmFy\n"})
    CHECK_FALSE(base64_decode(bad));
}
