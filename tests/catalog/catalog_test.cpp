// The operators' catalog as signed data: every field checked with bounds, the demo catalog the
// same as the gateway's simulated operators, and Ed25519 signatures that no changed bit passes.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalog/catalog_file.hpp"
#include "catalog/signed_catalog.hpp"
#include "core/brand.hpp"
#include "gateway/seed.hpp"

using namespace kiosk;
using nlohmann::json;

namespace {

std::string demo_text() {
  std::ifstream in(KIOSK_SOURCE_DIR "/assets/catalog/catalog.json", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  REQUIRE_FALSE(s.str().empty());
  return s.str();
}

// The demo catalog with one change made by `edit`; the reason it is refused.
std::string refused(const std::function<void(json&)>& edit) {
  json j = json::parse(demo_text());
  edit(j);
  std::string error;
  CHECK_FALSE(catalog::parse_catalog(j.dump(), &error));
  return error;
}

}  // namespace

TEST_CASE("The demo catalog sells to every simulated subscriber: their brand and their plan") {
  std::string error;
  const auto c = catalog::parse_catalog(demo_text(), &error);
  INFO(error);
  REQUIRE(c);
  CHECK(c->version >= 1);
  const auto subscribers = gateway::seed_subscribers(CivilDate{2026, 12, 6}, *c);
  for (const gateway::SeedSubscriber& s : subscribers) {
    INFO(s.msisdn);
    REQUIRE(find_brand(c->brands, s.brand));
    const Plan* plan = find_plan(c->plans, s.subscriber.current_plan_id);
    REQUIRE(plan);
    CHECK(plan->brand == s.brand);
  }
  // Each demo brand has the simulation's own subscribers, not the stand-in a new brand gets.
  for (const BrandInfo& b : c->brands) {
    INFO(b.brand.id);
    CHECK(std::count_if(subscribers.begin(), subscribers.end(),
                        [&b](const gateway::SeedSubscriber& s) { return s.brand == b.brand; }) >= 2);
  }
}

TEST_CASE("A brand the simulation does not know gets one active subscriber on its first plan") {
  json j = json::parse(demo_text());
  j["brands"].push_back({{"id", "hey_mobile"}, {"name", "Hey!"}, {"colour", "#102030"}, {"text_colour", "#FFFFFF"},
                         {"identifiers", {"phone_number"}}, {"reactivation_fee_cents", 0}});
  j["plans"].push_back({{"id", "hey-5"}, {"brand", "hey_mobile"}, {"name", "Hey 5"}, {"data_gb", 5}, {"minutes", -1},
                        {"sms", -1}, {"intl_minutes", 0}, {"price_cents", 500}, {"months", {1}}});
  std::string error;
  const auto c = catalog::parse_catalog(j.dump(), &error);
  INFO(error);
  REQUIRE(c);
  int found = 0;
  for (const gateway::SeedSubscriber& s : gateway::seed_subscribers(CivilDate{2026, 12, 6}, *c))
    if (s.brand == Brand{"hey_mobile"}) {
      ++found;
      CHECK(s.msisdn == "+32499123456");
      CHECK(s.subscriber.current_plan_id == "hey-5");
      CHECK(s.subscriber.status == SubscriberStatus::active);
    }
  CHECK(found == 1);
}

TEST_CASE("A catalog with a field out of place, out of bounds or unreadable is refused with where") {
  CHECK(refused([](json& j) { j["format"] = 2; }).find("format") != std::string::npos);
  CHECK(refused([](json& j) { j["extra"] = 1; }).find("unknown key 'extra'") != std::string::npos);
  CHECK(refused([](json& j) { j.erase("version"); }).find("no 'version'") != std::string::npos);
  CHECK(refused([](json& j) { j["version"] = 0; }).find("version: out of bounds") != std::string::npos);
  CHECK(refused([](json& j) { j["version"] = "7"; }).find("version: not a whole number") != std::string::npos);
  CHECK(refused([](json& j) { j["valid_until"] = "2027-02-30"; }).find("valid_until") != std::string::npos);
  CHECK(refused([](json& j) { j["brands"][1]["colour"] = "orange"; }).find("brands[1].colour") != std::string::npos);
  CHECK(refused([](json& j) { j["brands"][1]["text_colour"] = "#FFFFFF"; }).find("under 4.5:1") != std::string::npos);
  CHECK(refused([](json& j) { j["brands"][0]["name"] = "Proximus\u202E"; }).find("brands[0].name") != std::string::npos);
  CHECK(refused([](json& j) { j["brands"][0]["id"] = "Proximus"; }).find("not an id") != std::string::npos);
  CHECK(refused([](json& j) { j["brands"][0]["identifiers"] = {"customer_number"}; }).find("phone numbers") !=
        std::string::npos);
  CHECK(refused([](json& j) { j["brands"][0]["logo"] = "../../etc/passwd"; }).find("brands[0].logo") != std::string::npos);
  CHECK(refused([](json& j) { j["brands"][2]["reactivation_fee_cents"] = -1; }).find("brands[2].reactivation_fee_cents") !=
        std::string::npos);
  CHECK(refused([](json& j) { j["brands"].push_back(j["brands"][0]); }).find("'proximus' twice") != std::string::npos);
  CHECK(refused([](json& j) {
          json b = j["brands"][0];
          b["id"] = "newop";
          j["brands"].push_back(b);
        }).find("'newop' has no plan") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][3]["price_cents"] = 0; }).find("plans[3].price_cents") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][3]["price_cents"] = 1e9; }).find("plans[3].price_cents") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][3]["price_cents"] = 9.99; }).find("not a whole number") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][1]["months"] = {3, 1}; }).find("not rising") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][1]["months"] = json::array(); }).find("plans[1].months") != std::string::npos);
  // A brand id is a word of the gateway's paths: no '-'; and no more brands than one screen shows.
  CHECK(refused([](json& j) { j["brands"][0]["id"] = "pro-ximus"; }).find("brands[0].id") != std::string::npos);
  CHECK(refused([](json& j) {
          for (int i = 0; i < 4; ++i) {
            json b = j["brands"][0];
            b["id"] = "extra" + std::to_string(i);
            j["brands"].push_back(b);
          }
        }).find("brands: not a list of 1 to 10") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][1]["data_gb"] = -2; }).find("plans[1].data_gb") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][0]["brand"] = "vodafone"; }).find("not a brand of this catalog") !=
        std::string::npos);
  CHECK(refused([](json& j) { j["plans"].push_back(j["plans"][0]); }).find("'px-smart-10' twice") != std::string::npos);
  CHECK(refused([](json& j) { j["plans"][1]["promotions"][0]["kind"] = "free_phone"; }).find("free_phone") !=
        std::string::npos);
  CHECK(refused([](json& j) { j["plans"][1]["promotions"][0]["percent"] = 101; }).find("promotions[0].percent") !=
        std::string::npos);
  std::string error;
  // A key twice: one reader would take the first, another the last.
  std::string twice = demo_text();
  twice.replace(twice.find("\"price_cents\": 1000,"), 20, "\"price_cents\": 1, \"price_cents\": 1000,");
  CHECK_FALSE(catalog::parse_catalog(twice, &error));
  CHECK(error.find("'price_cents' twice") != std::string::npos);
  CHECK_FALSE(catalog::parse_catalog("{\"format\": 1", &error));
  CHECK(error == "not JSON");
  CHECK_FALSE(catalog::parse_catalog(std::string(catalog::max_catalog_bytes + 1, ' '), &error));
  CHECK(error.find("larger than") != std::string::npos);
}

TEST_CASE("A signed catalog verifies with its key only, and not with one bit changed") {
  std::string error;
  const auto key = catalog::make_key_pair(&error);
  const auto other = catalog::make_key_pair(&error);
  REQUIRE(key);
  REQUIRE(other);
  const std::string text = demo_text();
  const std::string signed_text = catalog::sign_catalog(key->private_pem, text, &error);
  INFO(error);
  REQUIRE_FALSE(signed_text.empty());
  const auto back = catalog::verified_catalog_text(key->public_pem, signed_text, &error);
  REQUIRE(back);
  CHECK(*back == text);  // the very bytes that were signed
  CHECK(json::parse(signed_text)["key_id"] == catalog::key_id(key->public_pem, &error));

  CHECK_FALSE(catalog::verified_catalog_text(other->public_pem, signed_text, &error));
  CHECK(error.find("another key") != std::string::npos);
  // The same id, another key's signature: the signature is what decides.
  json forged = json::parse(signed_text);
  forged["signature"] = json::parse(catalog::sign_catalog(other->private_pem, text, &error))["signature"];
  CHECK_FALSE(catalog::verified_catalog_text(key->public_pem, forged.dump(), &error));
  CHECK(error.find("does not match") != std::string::npos);
  // A price changed by one digit.
  json changed = json::parse(signed_text);
  std::string t = changed["catalog"];
  t.replace(t.find("\"price_cents\": 1000"), 19, "\"price_cents\": 1001");
  changed["catalog"] = t;
  CHECK_FALSE(catalog::verified_catalog_text(key->public_pem, changed.dump(), &error));
  CHECK(error.find("does not match") != std::string::npos);
  // A signature that is not one; a field more; not a signed file at all.
  json bad = json::parse(signed_text);
  bad["signature"] = "AAAA";
  CHECK_FALSE(catalog::verified_catalog_text(key->public_pem, bad.dump(), &error));
  CHECK(error.find("64 bytes") != std::string::npos);
  json more = json::parse(signed_text);
  more["note"] = "trust me";
  CHECK_FALSE(catalog::verified_catalog_text(key->public_pem, more.dump(), &error));
  CHECK_FALSE(catalog::verified_catalog_text(key->public_pem, text, &error));
  CHECK(error.find("not a signed catalog") != std::string::npos);
  // A key of another kind, or no key.
  CHECK(catalog::sign_catalog("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", text, &error).empty());
  CHECK_FALSE(catalog::verified_catalog_text("not a key", signed_text, &error));
}
