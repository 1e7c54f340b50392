// The technician's service mode on the screen (core/service_mode.hpp): the PIN checked off the
// UI thread through the TLS module (the kiosk links no OpenSSL) with its lock kept in the
// journal, the actions carried out by the same code as kioskctl's (control_commands.cpp), and
// the kiosk's state gathered for the screen.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "gateway/service.hpp"
#include "gateway_module.hpp"
#include "hal/payment_terminal.hpp"
#include "hal/receipt_printer.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"
#include "service_facts.hpp"
#include "service_pin_lock.hpp"
#include "sys/durable_file.hpp"
#include "version/version.hpp"
#include "worker.hpp"

namespace kiosk::app {

namespace {

using nlohmann::json;

constexpr const char* screen_actor = "at the screen (PIN)";

std::int64_t wall_s() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string scalar_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// A command's answer (control_commands.cpp) as the screen shows it: its plain values, the
// terminal's own, and the journal's card money beside the terminal's total.
ServiceOutcome outcome_of(ServiceAction action, const std::string& answer) {
  ServiceOutcome o{action, false, {}};
  const json j = json::parse(answer, nullptr, false);
  if (!j.is_object()) return o.values.emplace_back("error", "no answer"), o;
  o.ok = j.value("ok", false);
  for (const auto& [key, value] : j.items()) {
    if (value.is_primitive()) o.values.emplace_back(key, scalar_text(value));
    else if (key == "terminal" && value.is_object())
      for (const auto& [k, v] : value.items())
        if (v.is_primitive()) o.values.emplace_back("terminal." + k, scalar_text(v));
  }
  if (j.contains("journal") && j["journal"].is_object()) {
    const json& journal = j["journal"];
    o.values.emplace_back("journal_card_net_cents", std::to_string(journal.value("card_taken_cents", 0LL) -
                                                                   journal.value("card_returned_cents", 0LL)));
  }
  return o;
}

// A folder below `root` (to two levels: /media/STICK, /run/media/USER/STICK) that is a mount
// point of its own and writable: a USB stick someone mounted.
std::string mounted_stick(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  struct stat root_st {};
  if (::stat(root.c_str(), &root_st) != 0) return "";
  std::vector<std::pair<std::string, dev_t>> look{{root, root_st.st_dev}};
  for (int depth = 0; depth < 2; ++depth) {
    std::vector<std::pair<std::string, dev_t>> next;
    for (const auto& [dir, dev] : look) {
      for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
           it.increment(ec)) {
        struct stat st {};
        const std::string path = it->path().string();
        if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
        if (st.st_dev != dev && ::access(path.c_str(), W_OK) == 0) return path;
        next.emplace_back(path, st.st_dev);
      }
      ec.clear();
    }
    look = std::move(next);
  }
  return "";
}

}  // namespace

bool KioskApp::handle(const fx::RequestService& effect) {
  struct Visit {
    KioskApp& app;
    void operator()(const svc::CheckPin& c) { app.check_service_pin(c.pin); }
    // After the batch this effect came in (pump()): an action may itself dispatch events (out
    // of service, recovery asked again), which must not cut into the batch.
    void operator()(const svc::RunAction& r) { app.service_actions_.push_back(r); }
    void operator()(const svc::GatherStatus&) {
      app.probe_gateway();
      app.queue_.post(ev::Technician{svc::StatusGathered{app.gather_service_status()}});
    }
    void operator()(const svc::Note& n) {
      note_action(app.journal_.get(), screen_actor, n.action, n.detail,
                  "service mode: " + n.action + (n.detail.empty() ? "" : " (" + n.detail + ")"));
    }
  };
  std::visit(Visit{*this}, effect.request);
  return true;
}

void KioskApp::check_service_pin(const std::string& pin) {
  const auto answer = [this](svc::PinChecked c) { queue_.post(ev::Technician{c}); };
  std::string error;
  const gateway::ModuleApi* api = config_.service_pin_hash.empty() ? nullptr : gateway_module(&error);
  if (config_.service_pin_hash.empty()) error = "no PIN is configured ([service] pin_hash; kioskctl service-pin hash)";
  if (!api || !journal_) {
    if (api) error = "no journal to keep the tries in";
    note_action(journal_.get(), screen_actor, "service-pin", "not checked: " + error, "service mode: PIN not checked: " + error);
    return answer({PinVerdict::unavailable});
  }
  ServicePinLock lock(*journal_);
  const svc::PinChecked gate = lock.before_check(wall_s());
  if (gate.verdict != PinVerdict::none) {
    const std::string why = gate.verdict == PinVerdict::locked
                                ? "refused: locked for " + std::to_string(gate.locked_s) + " s more"
                                : std::string("not checked: the count of tries cannot be kept");
    note_action(journal_.get(), screen_actor, "service-pin", why, "service mode: PIN " + why);
    return answer(gate);
  }
  // scrypt takes a tenth of a second or more on purpose: off the UI thread.
  if (pin_check_.joinable()) pin_check_.join();
  {
    std::lock_guard guard(service_checks_->mutex);
    // An answer still here belongs to a check the technician left before it came (the mode
    // asks one at a time): it must not answer this one. Its try stays counted.
    service_checks_->pin.reset();
    service_checks_->pin_checking = true;
  }
  pin_check_ = std::thread([checks = service_checks_, queue = &queue_, api, hash = config_.service_pin_hash, pin] {
    std::string error;
    const bool right = api->verify_secret(hash, pin, &error);
    {
      std::lock_guard lock(checks->mutex);
      checks->pin = ServiceChecks::Pin{right, error};
      checks->pin_checking = false;
    }
    queue->nudge();
  });
}

bool KioskApp::run_service_actions() {
  std::vector<svc::RunAction> actions;
  actions.swap(service_actions_);
  for (const svc::RunAction& r : actions) run_service_action(r);
  return !actions.empty();
}

void KioskApp::finish_service_checks() {
  std::optional<ServiceChecks::Pin> pin;
  bool probed = false;
  {
    std::lock_guard lock(service_checks_->mutex);
    pin.swap(service_checks_->pin);
    std::swap(probed, service_checks_->probed);
  }
  if (pin) {
    svc::PinChecked c{PinVerdict::unavailable};
    std::string detail;
    if (!pin->error.empty()) {
      detail = "not checked: " + pin->error;  // the stored hash is not one
    } else if (journal_) {
      c = ServicePinLock(*journal_).after_check(pin->right, wall_s());
      detail = c.verdict == PinVerdict::right    ? "right: service mode entered"
               : c.verdict == PinVerdict::locked ? "wrong: service mode locked for 15 minutes"
                                                 : "wrong: " + std::to_string(c.tries_left) + " tries left";
    }
    note_action(journal_.get(), screen_actor, "service-pin", detail, "service mode: PIN " + detail);
    queue_.post(ev::Technician{c});
  }
  if (probed && state_.service_mode) queue_.post(ev::Technician{svc::StatusGathered{gather_service_status()}});
}

void KioskApp::probe_gateway() {
  if (!gateway_up_.load(std::memory_order_acquire)) return;
  {
    std::lock_guard lock(service_checks_->mutex);
    if (service_checks_->probing) return;
    service_checks_->probing = true;
  }
  worker_->run([this, checks = service_checks_, queue = &queue_] {
    const auto t0 = std::chrono::steady_clock::now();
    std::string detail;
    const bool answered = client_->kiosk_record(&detail).has_value();
    const int ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
    if (!answered) log_warn("service mode: the gateway did not answer: " + detail);
    {
      std::lock_guard lock(checks->mutex);
      checks->probing = false;
      checks->probed = true;
      checks->gateway_answered = answered;
      checks->gateway_latency_ms = ms;
      if (answered) checks->gateway_answered_at = std::time(nullptr);
    }
    queue->nudge();
  });
}

ServiceStatus KioskApp::gather_service_status() {
  ServiceStatus st;
  st.version = std::string(kiosk_version());
  st.kiosk_id = config_.kiosk.kiosk_id;
  st.printer = state_.printer;
  st.printer_kind = config_.printer_kind;
  st.printer_model = devices_.printer->describe();
  st.printer_model += (st.printer_model.empty() ? "" : ", ") + std::to_string(devices_.printer->width_dots()) + " dots";
  st.terminal_available = state_.terminal_available;
  st.terminal_kind = config_.terminal_kind;
  st.terminal = devices_.card->diagnosis();
  st.gateway_embedded = config_.gateway_host.empty();
  st.gateway_host = config_.gateway_host;
  if (!config_.gateway_pins.empty()) st.gateway_pin = config_.gateway_pins.front();
  {
    std::lock_guard lock(service_checks_->mutex);
    st.gateway_answered = service_checks_->gateway_answered;
    st.gateway_latency_ms = service_checks_->gateway_latency_ms;
    if (service_checks_->gateway_answered_at > 0) st.gateway_checked_at = time_text(service_checks_->gateway_answered_at, "%H:%M:%S", false);
  }
  if (const long long free = disk_free_bytes(config_.data_dir); free >= 0) st.disk_free_mb = free / (1024 * 1024);
  st.journal_ok = state_.journal_ok && journal_ != nullptr;
  st.journal_open = static_cast<int>(state_.open.size());
  st.outbox_pending = static_cast<int>(outbox_pending());
  st.catalog_version = state_.catalog.version;
  st.catalog_brands = static_cast<int>(state_.catalog.brands.size());
  st.catalog_valid_until = state_.catalog.valid_until;
  if (journal_) {
    const Journal::Sales sales = sales_today(*journal_);
    for (const Journal::SalesLine& l : sales.lines) st.sales_today.push_back({brand_name(state_, Brand{l.brand}), l.method, l.delivered, l.delivered_cents});
    st.card_net_today = sales.card_taken_cents - sales.card_returned_cents;
    st.wallet_net_today = sales.wallet_taken_cents - sales.wallet_returned_cents;
    st.returned_today = sales.returned;
  }
  for (const OpenTransaction& t : state_.open)
    st.open.push_back({t.reference, t.amount, std::string(open_need_name(t.need)), seconds_to_next_try(t, state_.now_ms)});
  return st;
}

void KioskApp::run_service_action(const svc::RunAction& r) {
  const ServiceAction action = r.action;
  if (action == ServiceAction::diagnostics) {
    ServiceOutcome o{action, false, {}};
    std::string error;
    const std::string path = export_diagnostics(&error);
    if (path.empty()) o.values.emplace_back("error", error);
    else o.ok = true, o.values.emplace_back("file", path);
    note_action(journal_.get(), screen_actor, "diagnostics", path.empty() ? "failed: " + error : path,
                "service mode: diagnostics " + (path.empty() ? "not written: " + error : "written to " + path));
    return queue_.post(ev::Technician{svc::ActionFinished{std::move(o)}});
  }
  json command;
  switch (action) {
    case ServiceAction::out_of_service: command = {{"command", "out-of-service"}, {"out", true}, {"reason", r.note}}; break;
    case ServiceAction::in_service: command = {{"command", "out-of-service"}, {"out", false}}; break;
    default: command = {{"command", std::string(service_action_name(action))}}; break;
  }
  ControlSocket::Request request;
  request.line = command.dump();
  request.uid = ::geteuid();
  request.actor = screen_actor;
  request.answer = [queue = &queue_, action](const std::string& answer) {
    queue->post(ev::Technician{svc::ActionFinished{outcome_of(action, answer)}});
  };
  on_control(std::move(request));
}

std::string KioskApp::export_diagnostics(std::string* error) {
  std::string name;
  const std::string bundle = diagnostics_bundle(&name);
  if (bundle.empty()) return *error = "the bundle could not be made", "";
  std::string dir;
  for (const std::string& root : config_.service_export_dirs)
    if (dir = mounted_stick(root); !dir.empty()) break;
  if (dir.empty()) {
    dir = config_.data_dir + "/diagnostics";
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return *error = dir + ": " + std::strerror(errno), "";
  }
  const std::string path = dir + "/" + name;
  if (!write_file_durably(path, bundle, 0600, error)) return "";
  return path;
}

}  // namespace kiosk::app
