// The catalog a kiosk sells from: the built-in one or a newer signed one installed since, kept
// across restarts; what is refused changes nothing, and an installed file that fails its check
// is left as it is while the built-in one comes back. Signatures are checked for real
// (catalog/signed_catalog), as the TLS module checks them for the kiosk.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "catalog/signed_catalog.hpp"
#include "catalog_keeper.hpp"
#include "../demo_catalog.hpp"
#include "../fresh_dir.hpp"

using namespace kiosk;
using namespace kiosk::app;
using nlohmann::json;

namespace {

struct Keys {
  catalog::KeyPair pair, other;
  Keys() {
    std::string error;
    pair = *catalog::make_key_pair(&error);
    other = *catalog::make_key_pair(&error);
  }
  CatalogVerifier verifier() const {
    return [pub = pair.public_pem](std::string_view signed_text, std::string* error) {
      return catalog::verified_catalog_text(pub, signed_text, error);
    };
  }
};

// The demo catalog at `version`, signed by `key`.
std::string signed_demo(const std::string& key, int version, const std::string& valid_until = "2030-12-31") {
  json j = json::parse(test::demo_catalog_text());
  j["version"] = version;
  j["valid_until"] = valid_until;
  std::string error;
  const std::string text = catalog::sign_catalog(key, j.dump(2), &error);
  REQUIRE(!text.empty());
  return text;
}

// A kiosk's folders: the source tree's assets (the demo catalog, version 1) and a data folder.
struct Kiosk {
  std::string assets = KIOSK_SOURCE_DIR "/assets", data;
  explicit Kiosk(const std::string& name) : data(test::fresh_dir(name)) {}
  std::unique_ptr<CatalogKeeper> open(std::vector<std::string>* problems) const {
    auto k = std::make_unique<CatalogKeeper>();
    k->open(assets, data, problems);
    return k;
  }
};

const CivilDate today{2026, 12, 6};

}  // namespace

TEST_CASE("A newer signed catalog is installed, kept across a restart, and versions only go up") {
  const Keys keys;
  const Kiosk kiosk("keeper-install");
  std::vector<std::string> problems;
  auto k = kiosk.open(&problems);
  CHECK(problems.empty());
  REQUIRE(k->current());
  CHECK_FALSE(k->current()->installed);
  CHECK(k->current()->file.version == 1);

  std::string error;
  CHECK(k->install(signed_demo(keys.pair.private_pem, 3), keys.verifier(), today, &error) == 3);
  CHECK(k->current()->file.version == 1);  // pending until the kiosk is idle
  CHECK(k->newest()->file.version == 3);
  // Not above what the kiosk has (pending included), or signed by another key: refused.
  CHECK(k->install(signed_demo(keys.pair.private_pem, 3), keys.verifier(), today, &error) == 0);
  CHECK(error.find("not above version 3") != std::string::npos);
  CHECK(k->install(signed_demo(keys.pair.private_pem, 2), keys.verifier(), today, &error) == 0);
  CHECK(k->install(signed_demo(keys.other.private_pem, 9), keys.verifier(), today, &error) == 0);
  CHECK(error.find("another key") != std::string::npos);
  CHECK(k->install(signed_demo(keys.pair.private_pem, 9, "2026-12-05"), keys.verifier(), today, &error) == 0);
  CHECK(error.find("is past") != std::string::npos);
  std::string refused;
  const auto next = k->take_pending(&refused);
  REQUIRE(next);
  CHECK(refused.empty());
  CHECK((*next)->file.version == 3);
  CHECK(k->current()->installed);
  CHECK_FALSE(k->take_pending(&refused));

  // A restart sells from the installed one; its signature is checked again and holds.
  auto again = kiosk.open(&problems);
  CHECK(problems.empty());
  CHECK(again->current()->file.version == 3);
  CHECK(again->check_installed(keys.verifier(), &error));
  CHECK_FALSE(again->has_pending());
}

TEST_CASE("An installed catalog that fails its check is left as it is and the built-in one comes back") {
  const Keys keys;
  const Kiosk kiosk("keeper-damaged");
  std::vector<std::string> problems;
  std::string error;
  {
    auto k = kiosk.open(&problems);
    REQUIRE(k->install(signed_demo(keys.pair.private_pem, 4), keys.verifier(), today, &error) == 4);
  }
  const std::string path = kiosk.data + "/catalog/installed.json";
  // A price changed in the file after it was signed.
  std::string text;
  {
    std::ifstream in(path);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string price = "\\\"price_cents\\\": 1000";
  const auto at = text.find(price);
  REQUIRE(at != std::string::npos);
  text.replace(at, price.size(), "\\\"price_cents\\\": 1001");
  std::ofstream(path, std::ios::trunc) << text;

  auto k = kiosk.open(&problems);
  CHECK(k->current()->file.version == 4);  // read at once; the signature is checked once it can be
  std::string problem;
  CHECK_FALSE(k->check_installed(keys.verifier(), &problem));
  CHECK(problem.find("does not match") != std::string::npos);
  std::string refused;
  const auto back = k->take_pending(&refused);
  REQUIRE(back);
  CHECK((*back)->file.version == 1);
  CHECK_FALSE((*back)->installed);
  CHECK(refused == problem);
  std::ifstream in(path);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == text);  // left for the technician

  // A file that is not a catalog at all is reported at start, and the built-in one sold from.
  std::ofstream(path, std::ios::trunc) << "garbage";
  problems.clear();
  auto garbage = kiosk.open(&problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("cannot be read") != std::string::npos);
  CHECK(garbage->current()->file.version == 1);
}

TEST_CASE("Without a key nothing is installed, and without a built-in catalog a failing one leaves none") {
  const Keys keys;
  Kiosk kiosk("keeper-none");
  std::vector<std::string> problems;
  auto k = kiosk.open(&problems);
  std::string error;
  const CatalogVerifier no_key = [](std::string_view, std::string* e) -> std::optional<std::string> {
    *e = "no [catalog] public_key is configured";
    return std::nullopt;
  };
  CHECK(k->install(signed_demo(keys.pair.private_pem, 2), no_key, today, &error) == 0);
  CHECK_FALSE(std::filesystem::exists(kiosk.data + "/catalog/installed.json"));

  REQUIRE(k->install(signed_demo(keys.pair.private_pem, 2), keys.verifier(), today, &error) == 2);
  kiosk.assets = kiosk.data + "/no-assets";
  auto bare = kiosk.open(&problems);
  CHECK(bare->current()->file.version == 2);
  std::string problem;
  CHECK_FALSE(bare->check_installed(no_key, &problem));
  std::string refused;
  const auto next = bare->take_pending(&refused);
  REQUIRE(next);
  CHECK_FALSE(*next);  // nothing left to sell from: the kiosk goes out of service
  CHECK_FALSE(bare->current());
}
