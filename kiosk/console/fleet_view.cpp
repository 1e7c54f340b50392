#include "fleet_view.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "fleet/fleet_command.hpp"

namespace kiosk::console {

namespace {

using nlohmann::json;

// Days from `today` to `date` (both "YYYY-MM-DD"); nothing when `date` is not one.
std::optional<long> days_until(const std::string& date, std::time_t now) {
  std::tm tm{};
  const char* end = date.size() == 10 ? strptime(date.c_str(), "%Y-%m-%d", &tm) : nullptr;
  if (!end || *end) return std::nullopt;
  const std::time_t that_day = timegm(&tm);
  std::tm today{};
  const std::string today_text = fleet::local_day(now);
  strptime(today_text.c_str(), "%Y-%m-%d", &today);
  return static_cast<long>((that_day - timegm(&today)) / 86400);
}

const json* member(const json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string text_of(const json& j, const char* key) {
  const json* v = member(j, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

// The notes every kiosk language has ("@back_hour"), as the operator reads them.
std::string reason_text(const std::string& reason) {
  if (reason == "@back_soon") return "back soon";
  if (reason == "@back_hour") return "back in an hour";
  if (reason == "@back_tomorrow") return "back tomorrow";
  return reason;
}

struct Tally {
  long long count = 0, cents = 0, refunded = 0;
};

}  // namespace

bool valid_kiosk_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return c > 0x20 && c < 0x7F && c != '/' && c != '+' && c != '#';
  });
}

struct FleetView::Impl {
  Limits limits;
  std::vector<Site> sites;
  struct Kiosk {
    json state;             // the latest state as it came
    std::time_t seen = 0;   // when it came
  };
  std::map<std::string, Kiosk> kiosks;
  std::deque<std::pair<CommandRecord, json>> commands;  // newest last; the result or null
  // Today's sales, each counted once whatever the deliveries.
  std::string sales_day;
  std::set<std::string> sales_seen;
  std::map<std::string, Tally> by_kiosk, by_brand, by_method;

  const Site* site(const std::string& kiosk) const {
    const auto it = std::find_if(sites.begin(), sites.end(), [&](const Site& s) { return s.kiosk == kiosk; });
    return it == sites.end() ? nullptr : &*it;
  }

  Taken state(const std::string& id, json message, std::time_t now, std::string* why) {
    if (text_of(message, "kiosk") != id) return *why = "a state for another kiosk on " + id + "'s topic", Taken::refused;
    const json* online = member(message, "online");
    if (!online || !online->is_boolean()) return *why = "a state without online true or false", Taken::refused;
    if (!kiosks.count(id) && kiosks.size() >= limits.max_kiosks)
      return *why = "more kiosks than the console follows (" + std::to_string(limits.max_kiosks) + ")", Taken::refused;
    kiosks[id] = Kiosk{std::move(message), now};
    return Taken::kept;
  }

  Taken event(const std::string& id, const json& message, std::time_t now, std::string* why) {
    if (text_of(message, "kind") != "sale") return Taken::kept;  // notices: nothing to count
    const std::time_t at = fleet::parse_utc(text_of(message, "at"));
    const json* cents = member(message, "amount_cents");
    const std::string reference = text_of(message, "reference"), outcome = text_of(message, "outcome");
    if (at < 0 || !cents || !cents->is_number_integer() || cents->get<long long>() < 0 ||
        cents->get<long long>() > 1000000 || reference.empty() || reference.size() > 64 || outcome.empty())
      return *why = "a sale event without its time, amount, reference or outcome", Taken::refused;
    const std::string today = fleet::local_day(now);
    if (today != sales_day) {
      sales_day = today;
      sales_seen.clear();
      by_kiosk.clear();
      by_brand.clear();
      by_method.clear();
    }
    if (fleet::local_day(at) != today) return Taken::kept;
    if (sales_seen.size() >= limits.max_sales_per_day) return *why = "too many sales today to count", Taken::refused;
    if (!sales_seen.insert(id + "\n" + reference + "\n" + outcome).second) return Taken::kept;  // a repeat
    const auto add = [&](Tally& t) {
      if (outcome == "delivered") {
        ++t.count;
        t.cents += cents->get<long long>();
      } else if (outcome == "refunded") {
        ++t.refunded;
      }
    };
    const auto bounded_key = [](std::string s) { return s.empty() ? std::string("?") : s.substr(0, 32); };
    add(by_kiosk[id]);
    add(by_brand[bounded_key(text_of(message, "brand"))]);
    add(by_method[bounded_key(text_of(message, "method"))]);
    return Taken::new_sale;
  }

  Taken result(const std::string& id, json message, std::string* why) {
    const std::string command_id = text_of(message, "id");
    for (auto& [record, result] : commands) {
      if (record.id != command_id) continue;
      // Only the kiosk the command went to answers it.
      if (record.kiosk != id) return *why = id + " answered a command sent to " + record.kiosk, Taken::refused;
      result = std::move(message);
      return Taken::kept;
    }
    return *why = "a result for a command the console did not send (or no longer keeps)", Taken::refused;
  }

  json alerts(const Kiosk& k, std::time_t now) const {
    json out = json::array();
    const auto alert = [&](const char* kind, const char* severity, std::string text) {
      out.push_back({{"kind", kind}, {"severity", severity}, {"text", std::move(text)}});
    };
    const json& s = k.state;
    const json* online = member(s, "online");
    if (online && online->is_boolean() && !online->get<bool>()) {
      alert("offline", "critical", "offline");
      return out;
    }
    if (now - k.seen > limits.offline_after_s) {
      alert("offline", "critical", "no news for " + std::to_string((now - k.seen) / 60) + " min");
      return out;
    }
    const json* in_service = member(s, "in_service");
    if (in_service && in_service->is_boolean() && !in_service->get<bool>()) {
      std::string why = text_of(s, "out_of_service");
      if (const std::string reason = text_of(s, "reason"); !reason.empty()) why += ": " + reason_text(reason);
      alert("out_of_service", "critical", "out of service (" + why + ")");
    }
    if (const json* printer = member(s, "printer"); printer && printer->is_object()) {
      const std::string status = text_of(*printer, "status");
      if (status == "paper_out") alert("paper_out", "critical", "paper out");
      else if (status == "paper_near_end") alert("paper_near_end", "warning", "paper near end");
      else if (!status.empty() && status != "ok") alert("printer", "critical", "printer: " + status);
    }
    if (const json* terminal = member(s, "terminal"); terminal && terminal->is_object()) {
      const json* available = member(*terminal, "available");
      if (available && available->is_boolean() && !available->get<bool>()) alert("terminal", "critical", "terminal away");
    }
    if (const json* age = member(s, "oldest_unsettled_s"); age && age->is_number_integer() &&
                                                              age->get<long long>() > limits.unsettled_alert_s)
      alert("unsettled", "critical", "unsettled for " + std::to_string(age->get<long long>() / 60) + " min");
    if (const json* catalog = member(s, "catalog"); catalog && catalog->is_object()) {
      const std::string until = text_of(*catalog, "valid_until");
      const auto days = days_until(until, now);
      if (days && *days < 0) alert("catalog", "critical", "catalog expired on " + until);
      else if (days && *days <= limits.catalog_warning_days) alert("catalog", "warning", "catalog expires on " + until);
    }
    return out;
  }
};

FleetView::FleetView(std::vector<Site> sites) : FleetView(std::move(sites), Limits{}) {}

FleetView::FleetView(std::vector<Site> sites, Limits limits) : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  impl_->sites = std::move(sites);
}

FleetView::~FleetView() = default;

FleetView::Taken FleetView::on_message(std::string_view topic, std::string_view payload, std::time_t now,
                                       std::string* why) {
  // kiosk/<id>/<leaf>
  const std::size_t first = topic.find('/'), last = topic.rfind('/');
  if (topic.substr(0, first) != "kiosk" || first == last) return *why = "not a kiosk's topic", Taken::refused;
  const std::string id(topic.substr(first + 1, last - first - 1));
  const std::string_view leaf = topic.substr(last + 1);
  if (!valid_kiosk_id(id)) return *why = "not a kiosk id", Taken::refused;
  const std::size_t limit = leaf == "state"    ? impl_->limits.max_state_bytes
                            : leaf == "event"  ? impl_->limits.max_event_bytes
                            : leaf == "result" ? impl_->limits.max_result_bytes
                                               : 0;
  if (limit == 0) return *why = "not a topic the console reads", Taken::refused;
  if (payload.size() > limit) return *why = "larger than " + std::to_string(limit) + " bytes", Taken::refused;
  json message = json::parse(payload, nullptr, false);
  if (!message.is_object()) return *why = "not a JSON object", Taken::refused;
  if (leaf == "state") return impl_->state(id, std::move(message), now, why);
  if (leaf == "event") return impl_->event(id, message, now, why);
  return impl_->result(id, std::move(message), why);
}

void FleetView::command_sent(CommandRecord record) {
  json result = nullptr;
  if (!record.local_error.empty())
    result = {{"ok", false}, {"error", "not sent: " + record.local_error}, {"at", fleet::iso_utc(record.sent_at)}};
  impl_->commands.emplace_back(std::move(record), std::move(result));
  while (impl_->commands.size() > impl_->limits.max_commands) impl_->commands.pop_front();
}

std::optional<CommandRecord> FleetView::sent_command(const std::string& kiosk, const std::string& id) const {
  for (const auto& [record, result] : impl_->commands)
    if (record.id == id && record.kiosk == kiosk) return record;
  return std::nullopt;
}

std::vector<std::string> FleetView::targets(std::string_view target) const {
  std::set<std::string> known;
  for (const Site& s : impl_->sites) known.insert(s.kiosk);
  for (const auto& [id, k] : impl_->kiosks) known.insert(id);
  std::vector<std::string> out;
  if (target == "all") return {known.begin(), known.end()};
  if (target.rfind("group:", 0) == 0) {
    for (const Site& s : impl_->sites)
      if (s.group == target.substr(6)) out.push_back(s.kiosk);
  } else if (target.rfind("kiosk:", 0) == 0 && known.count(std::string(target.substr(6)))) {
    out.emplace_back(target.substr(6));
  }
  return out;
}

std::string FleetView::snapshot(std::time_t now) const {
  const Impl& m = *impl_;
  std::set<std::string> ids;
  for (const Site& s : m.sites) ids.insert(s.kiosk);
  for (const auto& [id, k] : m.kiosks) ids.insert(id);
  json kiosks = json::array();
  for (const std::string& id : ids) {
    json k = {{"id", id}};
    if (const Site* site = m.site(id)) {
      k["site"] = site->name;
      k["group"] = site->group;
      if (site->latitude && site->longitude) k["position"] = {*site->latitude, *site->longitude};
    }
    const auto it = m.kiosks.find(id);
    if (it == m.kiosks.end()) {
      k["alerts"] = json::array({{{"kind", "offline"}, {"severity", "critical"}, {"text", "never seen"}}});
    } else {
      k["state"] = it->second.state;
      k["seen_s"] = now - it->second.seen;
      k["alerts"] = m.alerts(it->second, now);
    }
    kiosks.push_back(std::move(k));
  }
  const auto tallies = [](const std::map<std::string, Tally>& table) {
    json rows = json::array();
    for (const auto& [key, t] : table)
      rows.push_back({{"key", key}, {"count", t.count}, {"cents", t.cents}, {"refunded", t.refunded}});
    return rows;
  };
  const bool today = m.sales_day == fleet::local_day(now);
  const std::map<std::string, Tally> none;
  json commands = json::array();
  for (auto it = m.commands.rbegin(); it != m.commands.rend(); ++it) {
    const CommandRecord& r = it->first;
    commands.push_back({{"id", r.id}, {"kiosk", r.kiosk}, {"command", r.command}, {"detail", r.detail},
                        {"sent_by", r.sent_by}, {"sent_at", fleet::iso_utc(r.sent_at)},
                        {"expires", fleet::iso_utc(r.expires)}, {"result", it->second}});
  }
  return json{{"now", fleet::iso_utc(now)},
              {"today", fleet::local_day(now)},
              {"kiosks", std::move(kiosks)},
              {"sales", {{"by_kiosk", tallies(today ? m.by_kiosk : none)},
                         {"by_brand", tallies(today ? m.by_brand : none)},
                         {"by_method", tallies(today ? m.by_method : none)}}},
              {"commands", std::move(commands)}}
      .dump();
}

}  // namespace kiosk::console
