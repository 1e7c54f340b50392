// What the console makes of the broker's messages: states kept per kiosk on its own topic only,
// alerts, today's sales counted once each, results matched to the command and kiosk they answer.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "console/fleet_view.hpp"
#include "fleet/fleet_command.hpp"

using namespace kiosk::console;
using nlohmann::json;

namespace {

// Noon today by the local clock: sales "today" whatever the machine's time zone.
std::time_t noon_today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_hour = 12;
  tm.tm_min = tm.tm_sec = 0;
  return std::mktime(&tm);
}

std::string local_day(std::time_t t, int plus_days) {
  t += plus_days * 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

json state(const std::string& id, std::time_t now) {
  return {{"kiosk", id},
          {"online", true},
          {"in_service", true},
          {"out_of_service", "none"},
          {"reason", ""},
          {"printer", {{"status", "ok"}}},
          {"terminal", {{"available", true}}},
          {"catalog", {{"version", 7}, {"valid_until", local_day(now, 60)}}},
          {"unsettled", 0}};
}

json sale(const std::string& reference, long long cents, const std::string& outcome, std::time_t at,
          const std::string& brand = "proximus", const std::string& method = "card") {
  return {{"kind", "sale"}, {"reference", reference}, {"brand", brand}, {"plan", "px-10"}, {"amount_cents", cents},
          {"method", method}, {"outcome", outcome}, {"at", kiosk::fleet::iso_utc(at)}};
}

json snapshot(const FleetView& view, std::time_t now) { return json::parse(view.snapshot(now)); }

json kiosk_in(const json& snap, const std::string& id) {
  for (const json& k : snap["kiosks"])
    if (k["id"] == id) return k;
  return nullptr;
}

std::vector<std::string> alert_kinds(const json& kiosk) {
  std::vector<std::string> kinds;
  for (const json& a : kiosk["alerts"]) kinds.push_back(a["kind"]);
  return kinds;
}

}  // namespace

TEST_CASE("a kiosk's state is kept from its own topic only, with bounds") {
  FleetView view({{"BE-A", "Antwerpen-Centraal", "antwerpen", 51.217, 4.421}});
  const std::time_t now = noon_today();
  std::string why;
  CHECK(view.on_message("kiosk/BE-A/state", state("BE-A", now).dump(), now, &why) == FleetView::Taken::kept);
  CHECK(view.on_message("kiosk/BE-B/state", state("BE-A", now).dump(), now, &why) == FleetView::Taken::refused);
  CHECK(why.find("another kiosk") != std::string::npos);
  CHECK(view.on_message("kiosk/BE-A/state", "[1,2]", now, &why) == FleetView::Taken::refused);
  CHECK(view.on_message("kiosk/BE-A/state", "{\"kiosk\":\"BE-A\"}", now, &why) == FleetView::Taken::refused);
  CHECK(view.on_message("kiosk/BE-A/state", std::string(70000, ' '), now, &why) == FleetView::Taken::refused);
  CHECK(view.on_message("kiosk/BE-A/cmd", "{}", now, &why) == FleetView::Taken::refused);
  CHECK(view.on_message("other/BE-A/state", "{}", now, &why) == FleetView::Taken::refused);
  CHECK(view.on_message("kiosk/a/b/state", "{}", now, &why) == FleetView::Taken::refused);
  const json k = kiosk_in(snapshot(view, now), "BE-A");
  CHECK(k["site"] == "Antwerpen-Centraal");
  CHECK(k["position"] == json::array({51.217, 4.421}));
  CHECK(k["alerts"].empty());
  CHECK(k["state"]["catalog"]["version"] == 7);
}

TEST_CASE("alerts: paper, terminal, out of service, unsettled, catalog, offline, never seen") {
  FleetView view({{"BE-Z", "Zeebrugge", "coast", std::nullopt, std::nullopt}});
  const std::time_t now = noon_today();
  std::string why;
  json s = state("BE-A", now);
  s["printer"]["status"] = "paper_out";
  s["terminal"]["available"] = false;
  s["in_service"] = false;
  s["out_of_service"] = "technician";
  s["reason"] = "@back_hour";
  s["oldest_unsettled_s"] = 601;
  s["catalog"]["valid_until"] = local_day(now, 7);
  REQUIRE(view.on_message("kiosk/BE-A/state", s.dump(), now, &why) == FleetView::Taken::kept);
  json k = kiosk_in(snapshot(view, now), "BE-A");
  CHECK(alert_kinds(k) == std::vector<std::string>{"out_of_service", "paper_out", "terminal", "unsettled", "catalog"});
  CHECK(k["alerts"][0]["text"] == "out of service (technician: back in an hour)");
  s = state("BE-A", now);
  s["printer"]["status"] = "paper_near_end";
  s["oldest_unsettled_s"] = 600;
  s["catalog"]["valid_until"] = local_day(now, 8);
  view.on_message("kiosk/BE-A/state", s.dump(), now, &why);
  k = kiosk_in(snapshot(view, now), "BE-A");
  CHECK(alert_kinds(k) == std::vector<std::string>{"paper_near_end"});
  CHECK(k["alerts"][0]["severity"] == "warning");
  // Three minutes without a word is offline, as is the last will.
  CHECK(alert_kinds(kiosk_in(snapshot(view, now + 181), "BE-A")) == std::vector<std::string>{"offline"});
  view.on_message("kiosk/BE-A/state", json{{"kiosk", "BE-A"}, {"online", false}}.dump(), now, &why);
  CHECK(alert_kinds(kiosk_in(snapshot(view, now), "BE-A")) == std::vector<std::string>{"offline"});
  // A kiosk in the configuration that never spoke.
  const json z = kiosk_in(snapshot(view, now), "BE-Z");
  CHECK(alert_kinds(z) == std::vector<std::string>{"offline"});
  CHECK_FALSE(z.contains("position"));
}

TEST_CASE("today's sales are counted once each, by kiosk, operator and method") {
  FleetView view({});
  const std::time_t now = noon_today();
  std::string why;
  const auto event = [&](const std::string& id, const json& e) { return view.on_message("kiosk/" + id + "/event", e.dump(), now, &why); };
  CHECK(event("BE-A", sale("R1", 1000, "delivered", now - 60)) == FleetView::Taken::new_sale);
  CHECK(event("BE-A", sale("R1", 1000, "delivered", now - 60)) == FleetView::Taken::kept);  // delivered twice (QoS 1)
  CHECK(event("BE-A", sale("R2", 1500, "delivered", now - 30, "orange", "wallet")) == FleetView::Taken::new_sale);
  CHECK(event("BE-B", sale("R1", 2000, "delivered", now - 10)) == FleetView::Taken::new_sale);  // another kiosk's R1
  json refund = sale("R3", 2000, "refunded", now - 5);
  refund["at"] = refund["at"].get<std::string>().insert(19, ".250");  // as the kiosk writes it
  CHECK(event("BE-B", refund) == FleetView::Taken::new_sale);
  CHECK(event("BE-B", sale("R4", 2000, "delivered", now - 2 * 86400)) == FleetView::Taken::kept);  // not today
  CHECK(event("BE-B", sale("R5", -5, "delivered", now)) == FleetView::Taken::refused);
  CHECK(event("BE-B", json{{"kind", "sale"}, {"reference", "R6"}}) == FleetView::Taken::refused);
  CHECK(event("BE-B", json{{"kind", "catalog_refused"}, {"detail", "x"}}) == FleetView::Taken::kept);
  const json sales = snapshot(view, now)["sales"];
  CHECK(sales["by_kiosk"] == json::parse(R"([{"key":"BE-A","count":2,"cents":2500,"refunded":0},
                                             {"key":"BE-B","count":1,"cents":2000,"refunded":1}])"));
  CHECK(sales["by_brand"] == json::parse(R"([{"key":"orange","count":1,"cents":1500,"refunded":0},
                                             {"key":"proximus","count":2,"cents":3000,"refunded":1}])"));
  CHECK(sales["by_method"] == json::parse(R"([{"key":"card","count":2,"cents":3000,"refunded":1},
                                              {"key":"wallet","count":1,"cents":1500,"refunded":0}])"));
  // Tomorrow starts from nothing.
  CHECK(snapshot(view, now + 86400)["sales"]["by_kiosk"].empty());
}

TEST_CASE("a result counts only from the kiosk the command went to, and targets by group and all") {
  FleetView view({{"BE-A", "Antwerpen", "antwerpen", std::nullopt, std::nullopt},
                  {"BE-B", "Berchem", "antwerpen", std::nullopt, std::nullopt},
                  {"BE-G", "Gent", "gent", std::nullopt, std::nullopt}});
  const std::time_t now = noon_today();
  std::string why;
  view.on_message("kiosk/BE-X/state", state("BE-X", now).dump(), now, &why);
  CHECK(view.targets("all") == std::vector<std::string>{"BE-A", "BE-B", "BE-G", "BE-X"});
  CHECK(view.targets("group:antwerpen") == std::vector<std::string>{"BE-A", "BE-B"});
  CHECK(view.targets("kiosk:BE-X") == std::vector<std::string>{"BE-X"});
  CHECK(view.targets("kiosk:BE-Q").empty());
  CHECK(view.targets("group:").empty());
  CHECK(view.targets("everything").empty());

  view.command_sent({"c-1", "BE-A", "restart", "", "alice", now, now + 900, ""});
  view.command_sent({"c-2", "BE-B", "end-of-day", "", "alice", now, now + 900, "the broker is not reachable"});
  CHECK(view.on_message("kiosk/BE-B/result", R"({"id":"c-1","ok":true})", now, &why) == FleetView::Taken::refused);
  CHECK(why.find("sent to BE-A") != std::string::npos);
  CHECK(view.on_message("kiosk/BE-A/result", R"({"id":"c-9","ok":true})", now, &why) == FleetView::Taken::refused);
  CHECK(view.on_message("kiosk/BE-A/result", R"({"id":"c-1","ok":true,"restarting":true})", now, &why) ==
        FleetView::Taken::kept);
  const json commands = snapshot(view, now)["commands"];
  REQUIRE(commands.size() == 2);
  CHECK(commands[0]["id"] == "c-2");  // newest first
  CHECK(commands[0]["result"]["ok"] == false);
  CHECK(commands[0]["result"]["error"] == "not sent: the broker is not reachable");
  CHECK(commands[1]["result"]["restarting"] == true);
  CHECK(view.sent_command("BE-A", "c-1"));
  CHECK_FALSE(view.sent_command("BE-B", "c-1"));
}
