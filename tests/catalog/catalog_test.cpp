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

TEST_CASE("The demo catalog holds what the gateway's simulated operators sell") {
  std::string error;
  const auto c = catalog::parse_catalog(demo_text(), &error);
  INFO(error);
  REQUIRE(c);
  CHECK(c->version >= 1);
  const std::vector<Plan> plans = gateway::seed_plans();
  REQUIRE(c->plans.size() == plans.size());
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const Plan& p = plans[i];
    const catalog::PlanEntry& e = c->plans[i];
    INFO(p.id);
    CHECK(e.id == p.id);
    CHECK(e.brand == brand_id(p.brand));
    CHECK(e.name == p.name);
    CHECK((e.data_gb == p.data_gb && e.minutes == p.minutes && e.sms == p.sms && e.intl_minutes == p.intl_minutes));
    CHECK(e.price_per_month == p.price_per_month);
    CHECK(e.months == p.durations_months);
    REQUIRE(e.promotions.size() == p.promotions.size());
    for (std::size_t k = 0; k < p.promotions.size(); ++k) {
      CHECK(e.promotions[k].percent == p.promotions[k].percent);
      CHECK(e.promotions[k].bonus == p.promotions[k].amount);
      CHECK(e.promotions[k].min_months == p.promotions[k].min_months);
    }
  }
  for (const BrandTerms& t : gateway::seed_brand_terms()) {
    INFO(brand_id(t.brand));
    const auto b = std::find_if(c->brands.begin(), c->brands.end(),
                                [&t](const catalog::BrandEntry& e) { return e.id == brand_id(t.brand); });
    REQUIRE(b != c->brands.end());
    CHECK(b->name == brand_name(t.brand));
    CHECK(b->reactivation_fee == t.reactivation_fee);
    CHECK(b->customer_numbers == t.customer_numbers);
    CHECK(b->colour == brand_tile_rgb(t.brand));
    CHECK(b->text_colour == (brand_tile_dark_text(t.brand) ? 0x000000u : 0xFFFFFFu));
  }
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
