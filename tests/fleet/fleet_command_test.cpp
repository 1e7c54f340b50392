// Commands from the fleet are read with bounds and mapped onto the control socket's requests;
// anything else is refused with why, by id where the id could be read.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fleet/fleet_command.hpp"
#include "fleet/fleet_link.hpp"

using namespace kiosk::fleet;
using nlohmann::json;

namespace {

std::optional<FleetCommand> read(const std::string& payload, std::string* id, std::string* error) {
  return parse_fleet_command(payload, id, error);
}

}  // namespace

TEST_CASE("A fleet command becomes the control socket's request, without its id, expiry and sender") {
  std::string id, error;
  const auto c = read(R"({"id":"c-1","expires":"2026-12-06T10:00:00Z","sent_by":"alice",
                          "command":"out-of-service","out":true,"reason":"@back_hour"})",
                      &id, &error);
  INFO(error);
  REQUIRE(c);
  CHECK(c->id == "c-1");
  CHECK(c->expires == 1796551200);
  CHECK(c->sent_by == "alice");
  CHECK(c->command == "out-of-service");
  CHECK(json::parse(c->request) == json{{"command", "out-of-service"}, {"out", true}, {"reason", "@back_hour"}});
}

TEST_CASE("A fleet command that is not one is refused with why, by id when it has one") {
  std::string id, error;
  CHECK_FALSE(read("not json", &id, &error));
  CHECK(id.empty());
  CHECK_FALSE(read(R"({"expires":"2026-12-06T10:00:00Z","command":"restart"})", &id, &error));
  CHECK(error.find("no command id") != std::string::npos);
  CHECK_FALSE(read(R"({"id":"a/b","expires":"2026-12-06T10:00:00Z","command":"restart"})", &id, &error));
  CHECK(id.empty());
  CHECK_FALSE(read(R"({"id":"c-2","command":"restart"})", &id, &error));
  CHECK(id == "c-2");
  CHECK(error.find("no expiry") != std::string::npos);
  CHECK_FALSE(read(R"({"id":"c-3","expires":"2026-12-06 10:00","command":"restart"})", &id, &error));
  CHECK(error.find("no expiry") != std::string::npos);
  // Only what the fleet may do: not status polling through commands, nor anything unknown.
  for (const char* command : {"status", "test-print", "retry", "rm", ""}) {
    CHECK_FALSE(read(json{{"id", "c-4"}, {"expires", "2026-12-06T10:00:00Z"}, {"command", command}}.dump(), &id, &error));
    CHECK(error.find("is not a command the fleet may send") != std::string::npos);
  }
  CHECK_FALSE(read(json{{"id", "c-5"}, {"expires", "2026-12-06T10:00:00Z"}, {"command", "restart"},
                        {"sent_by", std::string(65, 'a')}}
                       .dump(),
                   &id, &error));
  CHECK_FALSE(read(std::string(max_command_bytes + 1, ' '), &id, &error));
  CHECK(error.find("too large") != std::string::npos);
}

TEST_CASE("Results carry the command's id and time, never a diagnostics bundle") {
  const json r = json::parse(result_message("c-9", R"({"ok":true,"name":"diag.tar.gz","bundle_base64":"AAAA"})", 0));
  CHECK(r["id"] == "c-9");
  CHECK(r["ok"] == true);
  CHECK(r["at"] == "1970-01-01T00:00:00Z");
  CHECK_FALSE(r.contains("bundle_base64"));
  CHECK(json::parse(result_message("c-9", "garbage", 0))["ok"] == false);
  CHECK(json::parse(refusal_message("c-9", "expired", 0))["error"] == "expired");
  CHECK(topic("BE-KIOSK-01", "state") == "kiosk/BE-KIOSK-01/state");
  CHECK(json::parse(offline_state("BE-KIOSK-01")) == json{{"kiosk", "BE-KIOSK-01"}, {"online", false}});
}

TEST_CASE("times on the fleet are UTC, in whole seconds or with milliseconds") {
  using kiosk::fleet::parse_utc;
  CHECK(parse_utc("2026-12-06T10:00:00Z") == 1796551200);
  CHECK(parse_utc("2026-12-06T10:00:00.250Z") == 1796551200);
  CHECK(kiosk::fleet::iso_utc(1796551200) == "2026-12-06T10:00:00Z");
  for (const char* bad : {"2026-12-06T10:00:00", "2026-12-06T10:00:00.25Z", "2026-12-06T10:00:00.2x0Z",
                          "2026-12-06T10:00:00+01", "2026-12-06 10:00:00Z", "", "2026-13-06T10:00:00Z"})
    CHECK(parse_utc(bad) == -1);
}
