// The kiosk on the operator's fleet (fleet/fleet_link.hpp): its state when it changes and every
// minute, each sale's outcome as an event, and the console's commands carried out once each
// through the control socket's own code, with their results.
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>

#include "core/flow.hpp"
#include "fleet/fleet_command.hpp"
#include "gateway/module.hpp"
#include "journal/journal.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"
#include "service_facts.hpp"

namespace kiosk::app {

namespace {

using nlohmann::json;

constexpr auto state_every = std::chrono::seconds(60);
constexpr auto state_look = std::chrono::seconds(1);
constexpr std::size_t max_sales_followed = 64;
// A diagnostics bundle goes to the console when it is small enough for one message.
constexpr std::size_t max_bundle_message = 4 << 20;

std::string journal_key(const std::string& id) { return "fleet_command:" + id; }

}  // namespace

// Worker thread, once the module is open.
void KioskApp::start_fleet(const gateway::ModuleApi* module) {
  if (config_.fleet_host.empty() || !module) return;
  fleet::FleetOptions o;
  o.host = config_.fleet_host;
  o.port = config_.fleet_port;
  o.ca_path = config_.fleet_ca;
  o.cert_path = config_.fleet_client_cert;
  o.key_path = config_.fleet_client_key;
  o.kiosk_id = config_.kiosk.kiosk_id;
  std::string error;
  fleet_ = module->fleet_link(o, &error);
  if (!fleet_) return log_warn("ALERT fleet: " + error + ": no fleet link");
  log_info("fleet: " + o.host + ":" + std::to_string(o.port) + " as " + o.kiosk_id);
  fleet_ready_.store(true, std::memory_order_release);
}

std::string KioskApp::fleet_state() {
  json s = kiosk_facts();
  s.update(json{{"online", true},
                {"in_use", customer_at_kiosk(state_)},
                {"gateway", {{"link_up", gateway_up_.load()}}},
                {"catalog", {{"version", state_.catalog.version}, {"valid_until", iso_date(state_.catalog.valid_until)}}},
                {"unsettled", state_.open.size()},
                {"last_sale_at", fleet_last_sale_at_}});
  // In whole hundreds of MB, so that a log line does not make a new state.
  if (const long long free = disk_free_bytes(config_.data_dir); free >= 0) s["disk_free_mb"] = free / (100 << 20) * 100;
  // How long the oldest unsettled transaction has been open: since the journal began it, so
  // that a restart does not make an old one look new.
  const std::time_t now = std::time(nullptr);
  std::map<std::string, std::time_t> since;
  std::optional<std::vector<JournaledTransaction>> journaled;  // read once a new one appears
  for (const OpenTransaction& t : state_.open) {
    if (const auto known = fleet_unsettled_since_.find(t.reference); known != fleet_unsettled_since_.end()) {
      since[t.reference] = known->second;
      continue;
    }
    if (!journaled && journal_) journaled = journal_->open_transactions();
    since[t.reference] = now;
    if (!journaled) continue;
    for (const JournaledTransaction& j : *journaled)
      if (j.reference == t.reference)
        if (const auto created = parse_iso_utc(j.created_at)) since[t.reference] = std::min(now, *created);
  }
  fleet_unsettled_since_ = std::move(since);
  if (!fleet_unsettled_since_.empty()) {
    std::time_t oldest = now;
    for (const auto& [reference, at] : fleet_unsettled_since_) oldest = std::min(oldest, at);
    s["oldest_unsettled_s"] = now - oldest;
  }
  const fleet::FleetLink::Status link = fleet_->status();
  s["fleet_dropped"] = link.dropped;
  return s.dump();
}

// UI thread, from pump().
void KioskApp::serve_fleet() {
  if (!fleet_ready_.load(std::memory_order_acquire)) return;
  for (const std::string& payload : fleet_->take_commands()) fleet_command(payload);
  // A restart that came during a customer's session runs once the session is over.
  if (!fleet_waiting_.empty() && !customer_at_kiosk(state_) && !flow::money_in_flight(state_)) {
    std::vector<fleet::FleetCommand> waiting;
    waiting.swap(fleet_waiting_);
    for (fleet::FleetCommand& c : waiting) run_fleet_command(std::move(c));
  }
  std::vector<std::pair<std::string, std::string>> results;
  {
    std::lock_guard lock(fleet_results_->mutex);
    results.swap(fleet_results_->answers);
  }
  for (const auto& [id, answer] : results) fleet_result(id, answer);
  const auto now = std::chrono::steady_clock::now();
  if (now - fleet_state_looked_ < state_look) return;
  fleet_state_looked_ = now;
  std::string state = fleet_state();
  if (state == fleet_state_sent_ && now - fleet_state_sent_at_ < state_every) return;
  fleet_->publish_state(state);
  fleet_state_sent_ = std::move(state);
  fleet_state_sent_at_ = now;
}

void KioskApp::fleet_command(const std::string& payload) {
  std::string id, error;
  const std::time_t now = std::time(nullptr);
  const auto cmd = fleet::parse_fleet_command(payload, &id, &error);
  if (!cmd) {
    log_warn("fleet: a command is refused: " + error);
    if (!id.empty()) fleet_->publish("result", fleet::refusal_message(id, error, now));
    return;
  }
  if (!journal_) {
    fleet_->publish("result", fleet::refusal_message(cmd->id, "the journal cannot keep the command", now));
    return;
  }
  // Once, however often the broker delivers it: a repeat gets the result kept the first time
  // (one still waiting for its turn has none yet).
  for (const fleet::FleetCommand& w : fleet_waiting_)
    if (w.id == cmd->id) return;
  if (const auto kept = journal_->setting(journal_key(cmd->id))) return fleet_->publish("result", *kept);
  if (cmd->expires < now) return fleet_result(cmd->id, json{{"ok", false}, {"error", "expired"}}.dump());
  // Never under a customer's feet: a restart waits for the session to end (a catalog waits in
  // its own way; the other commands are refused with the reason, as for a technician).
  const bool waits = cmd->command == "restart" && (customer_at_kiosk(state_) || flow::money_in_flight(state_));
  // Taken before it runs: a crash half-way does not run it a second time.
  const std::string placeholder = waits ? "waiting for the customer's session to end, when the kiosk stopped"
                                        : "interrupted before its result was kept";
  if (!journal_->set_setting(journal_key(cmd->id), fleet::refusal_message(cmd->id, placeholder, now), &error)) {
    fleet_->publish("result", fleet::refusal_message(cmd->id, "the journal cannot keep the command: " + error, now));
    return;
  }
  log_info("fleet: command " + cmd->id + " (" + cmd->command + ") from " + (cmd->sent_by.empty() ? "?" : cmd->sent_by) +
           (waits ? ": waits for the customer's session to end" : ""));
  if (waits) return fleet_waiting_.push_back(*cmd);
  run_fleet_command(*cmd);
}

void KioskApp::run_fleet_command(fleet::FleetCommand cmd) {
  ControlSocket::Request request;
  request.line = cmd.request;
  request.actor = "fleet (" + (cmd.sent_by.empty() ? std::string("console") : cmd.sent_by) + ")";
  // Answered now or later (a print, the terminal's closing), maybe off the UI thread: kept until
  // pump() journals and sends it.
  request.answer = [results = fleet_results_, id = cmd.id](const std::string& answer) {
    std::lock_guard lock(results->mutex);
    results->answers.emplace_back(id, answer);
  };
  on_control(std::move(request));
}

void KioskApp::fleet_result(const std::string& id, const std::string& answer) {
  const std::time_t now = std::time(nullptr);
  const json j = json::parse(answer, nullptr, false);
  if (j.is_object() && j.contains("bundle_base64") && j["bundle_base64"].is_string()) {
    const std::string& bundle = j["bundle_base64"].get_ref<const std::string&>();
    if (bundle.size() <= max_bundle_message)
      fleet_->publish("diagnostics", json{{"id", id}, {"name", j.value("name", "")}, {"bundle_base64", bundle}}.dump());
  }
  const std::string message = fleet::result_message(id, answer, now);
  std::string error;
  if (journal_ && !journal_->set_setting(journal_key(id), message, &error))
    log_warn("fleet: the result of " + id + " is not kept: " + error);
  fleet_->publish("result", message);
}

void KioskApp::fleet_notice(const std::string& kind, const std::string& detail) {
  if (fleet_ready_.load(std::memory_order_acquire))
    fleet_->publish("event", json{{"kind", kind}, {"detail", detail}, {"at", iso_utc(std::time(nullptr))}}.dump());
}

// From the journal's steps: what was bought at intent, the outcome by settled.
void KioskApp::fleet_sale_step(const JournalEntry& entry) {
  if (config_.fleet_host.empty()) return;
  const auto field = [&entry](const char* key) {
    const auto it = entry.fields.find(key);
    return it == entry.fields.end() ? std::string() : it->second;
  };
  if (entry.step == JournalStep::intent) {
    if (fleet_sales_.size() >= max_sales_followed) fleet_sales_.erase(fleet_sales_.begin());
    // Never the number, card data or the receipt code.
    fleet_sales_[entry.reference] = {field("brand"), field("plan"), field("amount_cents"), field("method"), "not_charged"};
    return;
  }
  const auto sale = fleet_sales_.find(entry.reference);
  if (sale == fleet_sales_.end()) return;
  if (entry.step == JournalStep::delivered) sale->second.outcome = "delivered";
  if (entry.step == JournalStep::reversed) sale->second.outcome = "refunded";
  if (entry.step != JournalStep::settled) return;
  const FleetSale& s = sale->second;
  const long long cents = std::atoll(s.amount_cents.c_str());
  fleet_last_sale_at_ = iso_utc(std::time(nullptr));
  if (fleet_ready_.load(std::memory_order_acquire))
    fleet_->publish("event", json{{"kind", "sale"}, {"reference", entry.reference}, {"brand", s.brand}, {"plan", s.plan},
                                  {"amount_cents", cents}, {"method", s.method}, {"outcome", s.outcome},
                                  {"at", fleet_last_sale_at_}}
                                 .dump());
  fleet_sales_.erase(sale);
}

}  // namespace kiosk::app
