// The configuration file: every mistake stops the start with the line that is wrong, and a
// gateway of its own is pinned unless the file says otherwise in words.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "config.hpp"

using namespace kiosk::app;
namespace fs = std::filesystem;

namespace {

std::string file_with(const std::string& name, const std::string& text) {
  const auto dir = fs::temp_directory_path() / "kiosk-config-test";
  fs::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::trunc) << text;
  return path;
}

std::string refused(const std::string& name, const std::string& text) {
  Config c;
  std::string error;
  CHECK_FALSE(load_config(file_with(name, text), &c, &error));
  CHECK_FALSE(error.empty());
  return error;
}

const std::string pinned_gateway =
    "[gateway]\nhost = \"gw.example\"\nport = 8443\nca_certificate = \"gw.crt\"\n"
    "pin_sha256 = \"sA1Epwz2f6PERNOs0ThJ9oaUxbP1m1NkdGDuXhxjkAc=\"\n";

}  // namespace

TEST_CASE("The example configuration loads") {
  Config c;
  std::string error;
  CHECK(load_config(std::string(KIOSK_SOURCE_DIR) + "/deploy/kiosk.example.toml", &c, &error));
  CHECK(error.empty());
  CHECK(c.kiosk.kiosk_id == "BE-BRU-CENTRAL-03");
}

TEST_CASE("A directory, a missing file or an empty file is an error, not the defaults") {
  Config c;
  std::string error;
  CHECK_FALSE(load_config(fs::temp_directory_path().string(), &c, &error));
  CHECK_FALSE(load_config("/nonexistent/kiosk.toml", &c, &error));
  CHECK(refused("empty.toml", "").find("empty") != std::string::npos);
  CHECK(refused("blank.toml", "\n  \n").find("empty") != std::string::npos);
  CHECK(refused("huge.toml", "# " + std::string(2 << 20, 'x') + "\n").find("too large") != std::string::npos);
}

TEST_CASE("Unknown settings and values of the wrong type stop the start, with their line") {
  CHECK(refused("typo.toml", "[gateway]\nhost = \"gw\"\npin_sha265 = \"x\"\n").find(":3: unknown setting gateway.pin_sha265") !=
        std::string::npos);
  CHECK(refused("table.toml", "[gatway]\nhost = \"gw\"\n").find("unknown setting [gatway]") != std::string::npos);
  CHECK(refused("type.toml", "[gateway]\nport = \"8443\"\n").find("gateway.port must be an integer") != std::string::npos);
  CHECK(refused("pin-type.toml", "[gateway]\npin_sha256 = 5\n").find("a string or a list of strings") !=
        std::string::npos);
  CHECK(refused("pin-list.toml", "[gateway]\npin_sha256 = [\"a\", 5]\n").find("pin_sha256") != std::string::npos);
  CHECK(refused("bool.toml", "[printer]\nnative_qr = \"yes\"\n").find("true or false") != std::string::npos);
  CHECK(refused("scalar.toml", "kiosk = 5\n").find("must be a table") != std::string::npos);
}

TEST_CASE("A gateway of its own needs a pin, unless allow_unpinned says so") {
  Config c;
  std::string error;
  CHECK(load_config(file_with("pinned.toml", pinned_gateway), &c, &error));
  CHECK(c.gateway_pins.size() == 1);
  const std::string unpinned = "[gateway]\nhost = \"gw.example\"\nca_certificate = \"gw.crt\"\n";
  CHECK(refused("unpinned.toml", unpinned).find("pin_sha256 is not") != std::string::npos);
  CHECK(refused("empty-pin.toml", unpinned + "pin_sha256 = \"\"\n").find("is not a pin") != std::string::npos);
  CHECK(refused("empty-list.toml", unpinned + "pin_sha256 = []\n").find("pin_sha256 is not") != std::string::npos);
  Config allowed;
  CHECK(load_config(file_with("allowed.toml", unpinned + "allow_unpinned = true\n"), &allowed, &error));
  CHECK(allowed.gateway_allow_unpinned);
  // The embedded gateway (no host) is pinned by the kiosk itself.
  Config embedded;
  CHECK(load_config(file_with("embedded.toml", "[kiosk]\nid = \"BE-1\"\n"), &embedded, &error));
}

TEST_CASE("Idle times that do not fit each other are refused") {
  CHECK(refused("short-warning.toml", "[timeouts]\nwarning_seconds = 10\n").find("at least 20 s") != std::string::npos);
  CHECK(refused("long-countdown.toml", "[timeouts]\nidle_seconds = 40\ncountdown_seconds = 25\n")
            .find("countdown") != std::string::npos);
  CHECK(refused("negative-countdown.toml", "[timeouts]\ncountdown_seconds = -1\n").find("countdown") !=
        std::string::npos);
  Config c;
  std::string error;
  CHECK(load_config(file_with("no-countdown.toml", "[timeouts]\ncountdown_seconds = 0\n"), &c, &error));
  CHECK(c.kiosk.idle_countdown_s == 0);
}

TEST_CASE("A kiosk id that cannot start a reference is refused") {
  CHECK(refused("id.toml", "[kiosk]\nid = \"BE 1\"\n").find("kiosk id") != std::string::npos);
  CHECK(refused("id-long.toml", "[kiosk]\nid = \"" + std::string(33, 'A') + "\"\n").find("kiosk id") !=
        std::string::npos);
}

TEST_CASE("Reminders are offered N days before the end, 0 turns them off, and N is bounded") {
  Config c;
  std::string error;
  REQUIRE(load_config(file_with("reminders-default.toml", "[wallet]\nenabled = true\n"), &c, &error));
  CHECK(c.kiosk.reminder_days_before == 3);
  REQUIRE(load_config(file_with("reminders-off.toml", "[reminders]\ndays_before = 0\n"), &c, &error));
  CHECK(c.kiosk.reminder_days_before == 0);
  CHECK(refused("reminders-negative.toml", "[reminders]\ndays_before = -1\n").find("days_before") != std::string::npos);
  CHECK(refused("reminders-far.toml", "[reminders]\ndays_before = 31\n").find("days_before") != std::string::npos);
}

TEST_CASE("The service PIN is kept only as a hash, and the service key can be moved") {
  Config c;
  std::string error;
  REQUIRE(load_config(file_with("service.toml", "[service]\npin_hash = \"$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA\"\n"
                                                "export_dirs = [\"/mnt/usb\"]\n[keypad]\nservice = \"F11\"\n"),
                      &c, &error));
  CHECK(c.service_pin_hash.rfind("$scrypt$", 0) == 0);
  CHECK(c.service_export_dirs == std::vector<std::string>{"/mnt/usb"});
  bool found = false;
  for (const auto& [key, name] : c.keypad) found = found || (key == "service" && name == "F11");
  CHECK(found);
  // A PIN written in clear is not a hash: the kiosk does not start with it.
  CHECK(refused("service-clear.toml", "[service]\npin_hash = \"2580\"\n").find("not a hash") != std::string::npos);
  // Without one, the defaults: no service mode on the screen, sticks looked for below /media.
  Config plain;
  REQUIRE(load_config(file_with("plain.toml", "[kiosk]\nid = \"BE-KIOSK-02\"\n"), &plain, &error));
  CHECK(plain.service_pin_hash.empty());
  CHECK(plain.service_export_dirs.front() == "/media");
}
