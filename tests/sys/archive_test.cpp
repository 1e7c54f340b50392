#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../fresh_dir.hpp"
#include "sys/base64.hpp"
#include "sys/tar_gz.hpp"

using namespace kiosk;

TEST_CASE("base64 encodes RFC 4648's test vectors") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("A tar.gz made in memory is read back by tar with every file intact") {
  const std::string dir = test::fresh_dir("tar-gz");
  const std::string big(70000, 'k');  // more than one block, not a multiple of 512
  const std::string bytes = tar_gz({{"bundle/a.txt", "hello\n"}, {"bundle/empty", ""}, {"bundle/big", big}}, 1764979200);
  REQUIRE_FALSE(bytes.empty());
  std::ofstream(dir + "/b.tar.gz", std::ios::binary) << bytes;
  REQUIRE(std::system(("tar -xzf " + dir + "/b.tar.gz -C " + dir).c_str()) == 0);
  const auto read = [&](const std::string& name) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  CHECK(read("bundle/a.txt") == "hello\n");
  CHECK(read("bundle/empty").empty());
  CHECK(read("bundle/big") == big);
}
