// Where the kiosk keeps what it can make again: the configured folder, systemd's, the XDG one,
// the user's, and the data folder when none of those can be made.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cache_folder.hpp"

using namespace kiosk::app;
namespace fs = std::filesystem;

namespace {

// Sets or clears an environment variable for one test, and puts it back afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value->c_str(), 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

fs::path fresh(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("kiosk-cache-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  return dir;
}

}  // namespace

TEST_CASE("The cache folder: configured, then systemd's, XDG's, the user's, then the data folder") {
  const fs::path root = fresh("");
  Config c;
  c.data_dir = (root / "data").string();
  ScopedEnv systemd("CACHE_DIRECTORY", std::nullopt), xdg("XDG_CACHE_HOME", std::nullopt), home("HOME", std::nullopt);

  CHECK(cache_folder(c) == c.data_dir + "/cache");
  CHECK(fs::is_directory(c.data_dir + "/cache"));

  ScopedEnv home_set("HOME", (root / "home").string());
  CHECK(cache_folder(c) == (root / "home/.cache/kiosk").string());
  ScopedEnv relative_xdg("XDG_CACHE_HOME", "relative/ignored");  // the XDG rule: absolute only
  CHECK(cache_folder(c) == (root / "home/.cache/kiosk").string());
  ScopedEnv xdg_set("XDG_CACHE_HOME", (root / "xdg").string());
  CHECK(cache_folder(c) == (root / "xdg/kiosk").string());
  ScopedEnv systemd_set("CACHE_DIRECTORY", (root / "var-cache/kiosk").string() + ":" + (root / "second").string());
  CHECK(cache_folder(c) == (root / "var-cache/kiosk").string());
  c.cache_dir = (root / "configured").string();
  CHECK(cache_folder(c) == c.cache_dir);
  CHECK(fs::is_directory(c.cache_dir));

  // A folder that cannot be made (a file is in the way) is passed over.
  std::ofstream((root / "a-file").string()) << "x";
  c.cache_dir = (root / "a-file/cache").string();
  CHECK(cache_folder(c) == (root / "var-cache/kiosk").string());
  fs::remove_all(root);
}

TEST_CASE("The cache folder can be set in the configuration") {
  const fs::path file = fresh("config") / "kiosk.toml";
  fs::create_directories(file.parent_path());
  std::ofstream(file.string()) << "[paths]\ndata = \"d\"\ncache = \"/var/cache/kiosk-test\"\n";
  Config c;
  std::string error;
  const bool loaded = load_config(file.string(), &c, &error);
  INFO(error);
  REQUIRE(loaded);
  CHECK(c.cache_dir == "/var/cache/kiosk-test");
  CHECK(c.data_dir == "d");
  fs::remove_all(file.parent_path().parent_path());
}
