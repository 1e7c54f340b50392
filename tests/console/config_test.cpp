// kiosk-fleet's configuration: read strictly (unknown keys, kiosks without ids, half a position,
// a kiosk twice and a broker without its certificates are errors with their line), relative
// paths taken from the file's folder.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "console/console_config.hpp"
#include "fresh_dir.hpp"

using namespace kiosk::console;

namespace {

const char* broker = R"([broker]
host = "broker.example"
ca_certificate = "ca.crt"
client_certificate = "/etc/fleet/console.crt"
client_key = "console.key"
)";

bool load(const std::string& dir, const std::string& text, ConsoleConfig* c, std::string* error) {
  const std::string path = dir + "/console.toml";
  std::ofstream(path) << text;
  return load_console_config(path, c, error);
}

}  // namespace

TEST_CASE("a console configuration with sites, paths from its folder") {
  const std::string dir = kiosk::test::fresh_dir("console_config");
  ConsoleConfig c;
  std::string error;
  REQUIRE(load(dir,
               std::string("[console]\nport = 9443\naccounts = \"ops\"\n") + broker +
                   "[[kiosk]]\nid = \"BE-1\"\nsite = \"Gent\"\ngroup = \"gent\"\nlatitude = 51.0\nlongitude = 3.7\n"
                   "[[kiosk]]\nid = \"BE-2\"\n",
               &c, &error));
  CHECK(c.port == 9443);
  CHECK(c.accounts_path == dir + "/ops");
  CHECK(c.broker.host == "broker.example");
  CHECK(c.broker.port == 8883);
  CHECK(c.broker.ca_path == dir + "/ca.crt");
  CHECK(c.broker.cert_path == "/etc/fleet/console.crt");
  REQUIRE(c.sites.size() == 2);
  CHECK(c.sites[0].name == "Gent");
  CHECK(*c.sites[0].latitude == 51.0);
  CHECK_FALSE(c.sites[1].latitude);
}

TEST_CASE("what a console configuration may not say") {
  const std::string dir = kiosk::test::fresh_dir("console_config_bad");
  const std::pair<std::string, std::string> cases[] = {
      {std::string("[console]\nprot = 1\n") + broker, "unknown setting console.prot"},
      {std::string("[consoles]\n") + broker, "unknown setting [consoles]"},
      {"[broker]\nhost = \"b\"\n", "[broker] needs"},
      {std::string(broker) + "[[kiosk]]\nsite = \"x\"\n", "needs an id"},
      {std::string(broker) + "[[kiosk]]\nid = \"a/b\"\n", "needs an id"},
      {std::string(broker) + "[[kiosk]]\nid = \"A\"\nlatitude = 50.0\n", "latitude and longitude go together"},
      {std::string(broker) + "[[kiosk]]\nid = \"A\"\nlatitude = 95.0\nlongitude = 4.0\n", "in degrees"},
      {std::string(broker) + "[[kiosk]]\nid = \"A\"\n[[kiosk]]\nid = \"A\"\n", "twice"},
      {std::string(broker) + "[[kiosk]]\nid = \"A\"\ncolour = \"red\"\n", "unknown setting kiosk.colour"},
      {std::string("[console]\nport = 70000\n") + broker, "must be a port"},
      {"[broker\n", "console.toml:1"},
  };
  for (const auto& [text, why] : cases) {
    ConsoleConfig c;
    std::string error;
    INFO(text);
    CHECK_FALSE(load(dir, text, &c, &error));
    CHECK(error.find(why) != std::string::npos);
  }
  ConsoleConfig c;
  std::string error;
  CHECK_FALSE(load_console_config(dir + "/missing.toml", &c, &error));
  CHECK(error.find("missing.toml") != std::string::npos);
}
