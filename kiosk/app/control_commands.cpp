// The technician's commands through the control socket (kioskctl status, test-print,
// end-of-day, out-of-service, diagnostics, retry, restart), carried out on the UI thread. Every
// action is logged and kept in the journal's service log with who asked; none but status starts
// while a customer uses the kiosk.
#include <pwd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/service_mode.hpp"
#include "core/utf8.hpp"
#include "hal/payment_terminal.hpp"
#include "hal/receipt_printer.hpp"
#include "journal/journal.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"
#include "render/day_report.hpp"
#include "render/test_page.hpp"
#include "render/text_painter.hpp"
#include "service_facts.hpp"
#include "sys/base64.hpp"
#include "version/version.hpp"

namespace kiosk::app {

namespace {

using nlohmann::json;

// Three lines at most in large text, so that the screen still has room for every language.
constexpr std::size_t max_reason_chars = 80;

std::string refusal(const std::string& why) { return json{{"ok", false}, {"error", why}}.dump(); }

std::string who(uid_t uid) {
  passwd pw{};
  passwd* found = nullptr;
  char buf[4096];
  if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found)
    return std::string(pw.pw_name) + " (uid " + std::to_string(uid) + ")";
  return "uid " + std::to_string(uid);
}

// Who asked: the technician at the screen, or the socket's peer by name.
std::string actor_of(const ControlSocket::Request& r) { return r.actor.empty() ? who(r.uid) : r.actor; }

// A reason customers will read: one line of printable text, at most 80 characters, or one of
// the notes every language has ("@back_soon").
std::string reason_problem(const std::string& reason) {
  if (reason.empty()) return "the reason is empty";
  if (reason[0] == customer_note_mark) {
    for (std::string_view note : customer_notes)
      if (reason.substr(1) == note) return "";
    std::string known;
    for (std::string_view note : customer_notes) known += (known.empty() ? "" : ", ") + std::string(1, customer_note_mark) + std::string(note);
    return "a reason starting with " + std::string(1, customer_note_mark) + " is one of " + known;
  }
  const std::vector<char32_t> cps = utf8_decode(reason);
  if (cps.size() > max_reason_chars) return "the reason is longer than 80 characters";
  for (char32_t c : cps) {
    if (c == 0xFFFD) return "the reason is not valid UTF-8";
    if (c < 0x20 || (c >= 0x7F && c < 0xA0) || is_bidi_control(c)) return "the reason has control characters";
  }
  return "";
}

// A callback for the terminal's thread: it notes what the terminal reports in the shared
// record, then wakes the UI thread, which answers the technician (serve_control()).
template <typename Reports, typename Note>
auto report_back(std::shared_ptr<Reports> reports, EventQueue* queue, Note note) {
  return [reports = std::move(reports), queue, note](auto... reported) {
    {
      std::lock_guard lock(reports->mutex);
      note(*reports, reported...);
    }
    queue->nudge();
  };
}

// "2026-12-06T00:51:04.000Z" as local time for paper: "2026-12-06 01:51".
std::string local_text(const std::string& iso_utc_text) {
  const std::optional<std::time_t> t = parse_iso_utc(iso_utc_text);
  return t ? time_text(*t, "%Y-%m-%d %H:%M", false) : iso_utc_text;
}

json sales_json(const Journal::Sales& sales) {
  json lines = json::array();
  for (const Journal::SalesLine& l : sales.lines)
    lines.push_back({{"brand", l.brand}, {"method", l.method}, {"renewals", l.delivered}, {"cents", l.delivered_cents}});
  return {{"delivered", lines},
          {"card_taken_cents", sales.card_taken_cents},
          {"card_returned_cents", sales.card_returned_cents},
          {"wallet_taken_cents", sales.wallet_taken_cents},
          {"wallet_returned_cents", sales.wallet_returned_cents},
          {"returned", sales.returned},
          {"unsettled", sales.unsettled}};
}

}  // namespace

void KioskApp::open_control_socket() {
  std::string path = config_.control_socket;
  if (path.empty()) {
    // systemd's RuntimeDirectory= (the first, if several): readable by the kiosk's group.
    const char* runtime = std::getenv("RUNTIME_DIRECTORY");
    const std::string dir = runtime && *runtime ? std::string(runtime).substr(0, std::string(runtime).find(':'))
                                                : config_.data_dir;
    path = dir + "/control.sock";
  }
  std::string error;
  control_ = ControlSocket::open(path, [this] { queue_.nudge(); }, &error);
  if (control_) log_info("control socket: " + path);
  else log_warn("control socket not available (kioskctl status … will not reach this kiosk): " + error);
}

void KioskApp::serve_control() {
  {
    std::optional<std::pair<bool, Cents>> closed;
    bool checked = false;
    {
      std::lock_guard lock(terminal_reports_->mutex);
      closed.swap(terminal_reports_->result);
      std::swap(checked, terminal_reports_->checked);
    }
    if (closed) finish_day_closing(closed->first, closed->second);
    if (checked) finish_terminal_check();
  }
  if (!control_) return;
  control_->serve([this](ControlSocket::Request&& r) {
    // Whatever a request holds, it is answered and the kiosk goes on.
    auto answer = r.answer;
    try {
      on_control(std::move(r));
    } catch (const std::exception& e) {
      log_warn(std::string("control socket: request not carried out: ") + e.what());
      answer(refusal(std::string("not carried out: ") + e.what()));
    }
  });
}

void KioskApp::on_control(ControlSocket::Request&& request) {
  const json j = json::parse(request.line, nullptr, false);
  const std::string command = j.is_object() && j.contains("command") && j["command"].is_string() ? j["command"].get<std::string>() : "";
  if (command == "status") return request.answer(control_status());
  if (command == "catalog-install") return install_catalog(std::move(request), j);
  const bool known = command == "test-print" || command == "end-of-day" || command == "out-of-service" ||
                     command == "diagnostics" || command == "retry" || command == "restart" ||
                     command == "terminal-check";
  if (!known) return request.answer(refusal(command.empty() ? "no command in the request" : "unknown command '" + command + "'"));
  const std::string actor = actor_of(request);
  if (customer_at_kiosk(state_)) {
    const std::string why = "refused: a customer is using the kiosk (screen " + std::string(screen_name(state_.screen)) +
                            "); try again when it is idle";
    note_action(journal_.get(), actor, command, why, "technician " + actor + ": " + command + " " + why);
    return request.answer(refusal(why));
  }
  if (command == "test-print") return start_test_print(std::move(request));
  if (command == "end-of-day") return start_day_closing(std::move(request));
  if (command == "terminal-check") return start_terminal_check(std::move(request));
  if (command == "retry") {
    const std::size_t open = state_.open.size();
    note_action(journal_.get(), actor, "retry", std::to_string(open) + " open",
                "technician " + actor + ": recovery asked now (" + std::to_string(open) + " open)");
    dispatch(ev::RecoveryRetryAsked{});
    return request.answer(json{{"ok", true}, {"open_transactions", open}}.dump());
  }
  if (command == "restart") {
    // The main loop ends cleanly; systemd starts the kiosk again (Restart=always).
    note_action(journal_.get(), actor, "restart", "", "technician " + actor + ": restart");
    restart_requested_ = true;
    return request.answer(json{{"ok", true}, {"restarting", true}}.dump());
  }
  if (command == "diagnostics") {
    std::string name;
    const std::string bundle = diagnostics_bundle(&name);
    if (bundle.empty()) return request.answer(refusal("the diagnostics bundle could not be made"));
    note_action(journal_.get(), actor, "diagnostics", name,
                "technician " + actor + ": diagnostics bundle " + name + " (" + std::to_string(bundle.size()) + " bytes)");
    return request.answer(json{{"ok", true}, {"name", name}, {"bytes", bundle.size()}, {"bundle_base64", base64_encode(bundle)}}.dump());
  }
  if (j.contains("out") && !j["out"].is_boolean()) return request.answer(refusal("'out' must be true or false"));
  const bool out = !j.contains("out") || j["out"].get<bool>();
  const std::string reason = j.contains("reason") && j["reason"].is_string() ? j["reason"].get<std::string>() : "";
  if (out) {
    if (const std::string problem = reason_problem(reason); !problem.empty()) return request.answer(refusal(problem));
  }
  set_out_of_service(std::move(request), out, reason);
}

// A signed catalog: kept at once, sold from once nobody is at the kiosk (a customer's session
// is never changed under their feet). Refusals are journaled as installs are.
void KioskApp::install_catalog(ControlSocket::Request&& request, const json& j) {
  const std::string actor = actor_of(request);
  if (!j.contains("file") || !j["file"].is_string()) return request.answer(refusal("no signed catalog in the request"));
  std::string error;
  const std::uint64_t version = catalog_.install(j["file"].get<std::string>(), catalog_verifier(), state_.today, &error);
  if (version == 0) {
    log_warn("ALERT catalog: the one " + actor + " sent is refused: " + error);
    note_action(journal_.get(), actor, "catalog-install", "refused: " + error, "");
    fleet_notice("catalog_refused", error);
    return request.answer(refusal("catalog refused: " + error));
  }
  note_action(journal_.get(), actor, "catalog-install", "version " + std::to_string(version),
              "technician " + actor + ": catalog version " + std::to_string(version) + " installed");
  apply_pending_catalog();  // at once unless a customer is at the kiosk
  request.answer(json{{"ok", true}, {"version", version}, {"applied", !catalog_.has_pending()}}.dump());
}

// What the technician's status and the fleet's state both say of the kiosk.
json KioskApp::kiosk_facts() {
  const OutOfServiceReason why = out_of_service_reason(state_);
  json terminal = {{"kind", config_.terminal_kind}, {"available", state_.terminal_available}};
  for (const auto& [name, value] : devices_.card->diagnosis()) terminal[name] = value;
  return {{"kiosk", config_.kiosk.kiosk_id},
          {"location", config_.kiosk.location},
          {"version", std::string(kiosk_version())},
          {"in_service", why == OutOfServiceReason::none},
          {"out_of_service", std::string(out_of_service_reason_name(why))},
          {"reason", state_.technician_reason.value_or("")},
          {"printer", {{"kind", config_.printer_kind},
                       {"status", std::string(printer_status_name(state_.printer))},
                       {"model", devices_.printer->describe()}}},
          {"terminal", std::move(terminal)}};
}

std::string KioskApp::control_status() {
  json status = kiosk_facts();
  status.update(json{
      {"ok", true},
      {"screen", std::string(screen_name(state_.screen))},
      {"customer_at_kiosk", customer_at_kiosk(state_)},
      {"wallet", {{"enabled", config_.kiosk.wallet_enabled}, {"kind", config_.wallet_kind}, {"available", devices_.wallet->available()}}},
      {"gateway", {{"embedded", config_.gateway_host.empty()}, {"host", config_.gateway_host}, {"link_up", gateway_up_.load()}}},
      {"journal", {{"ok", state_.journal_ok && journal_ != nullptr}, {"open_transactions", state_.open.size()},
                   {"outbox_pending", outbox_pending()}}},
      {"receipts_printed", receipts_printed_}});
  if (!config_.fleet_host.empty()) {
    json fleet = {{"host", config_.fleet_host}, {"port", config_.fleet_port}, {"connected", false}};
    if (fleet_ready_.load(std::memory_order_acquire)) {
      const fleet::FleetLink::Status link = fleet_->status();
      fleet["connected"] = link.connected;
      fleet["queued"] = link.queued;
      fleet["dropped"] = link.dropped;
      if (!link.last_error.empty()) fleet["error"] = link.last_error;
    }
    status["fleet"] = std::move(fleet);
  }
  if (const auto catalog = catalog_.current())
    status["catalog"] = {{"version", catalog->file.version},
                         {"valid_until", iso_date(catalog->file.valid_until)},
                         {"installed", catalog->installed},
                         {"pending", catalog_.has_pending()}};
  // What recovery is finishing, and when it asks next (kioskctl retry: now).
  json open = json::array();
  for (const OpenTransaction& t : state_.open) {
    json o = {{"reference", t.reference},
              {"need", std::string(open_need_name(t.need))},
              {"method", t.method == PayMethod::card ? "card" : "wallet"},
              {"amount_cents", t.amount},
              {"attempts", t.attempts},
              {"asking", t.in_flight}};
    if (const int s = seconds_to_next_try(t, state_.now_ms); s >= 0) o["next_try_in_s"] = s;
    if (!t.damaged.empty()) o["damaged"] = t.damaged;
    open.push_back(std::move(o));
  }
  status["open"] = std::move(open);
  if (const long long free = disk_free_bytes(config_.data_dir); free >= 0) status["disk_free_bytes"] = free;
  if (journal_) status["today"] = sales_json(sales_today(*journal_));
  status["service_mode"] = state_.service_mode.has_value();
  return status.dump();
}

Lang KioskApp::technician_lang() const {
  return state_.service_mode ? state_.service_mode->lang : service_lang_for(config_.kiosk.default_lang);
}

void KioskApp::start_test_print(ControlSocket::Request&& request) {
  if (pending_print_) return request.answer(refusal("a test print is under way"));
  if (!printer_can_print(state_.printer))
    return request.answer(refusal("the printer cannot print: " + std::string(printer_status_name(state_.printer))));
  TextPainter* text = painter();
  if (!text) return request.answer(refusal("no fonts for the test print"));
  const std::string actor = actor_of(request);
  note_action(journal_.get(), actor, "test-print", "", "technician " + actor + ": test print");
  pending_print_ = std::move(request);
  const Lang lang = technician_lang();
  TestPage page{config_.kiosk.kiosk_id, config_.kiosk.location, std::string(kiosk_version()), local_timestamp(lang),
                config_.printer_kind};
  devices_.printer->print(test_print_reference,
                          layout_test_page(page, catalogs_.technician(lang), *text, devices_.printer->width_dots()));
}

void KioskApp::finish_test_print(bool ok) {
  if (!pending_print_) return;
  log_info(std::string("test print ") + (ok ? "printed" : "FAILED"));
  note_action(journal_.get(), "kiosk", "test-print", ok ? "printed" : "failed", "");
  pending_print_->answer(ok ? json{{"ok", true}, {"printed", true}}.dump()
                            : refusal("the printer did not print (" + std::string(printer_status_name(state_.printer)) + ")"));
  pending_print_.reset();
}

void KioskApp::start_day_closing(ControlSocket::Request&& request) {
  if (pending_closing_) return request.answer(refusal("an end of day is under way"));
  const std::string actor = actor_of(request);
  note_action(journal_.get(), actor, "end-of-day", "", "technician " + actor + ": end of day");
  pending_closing_ = std::move(request);
  // The terminal answers on its own thread; the UI thread picks it up in serve_control().
  const bool has_closing = devices_.card->close_day(report_back(
      terminal_reports_, &queue_, [](TerminalReports& r, bool ok, Cents total) { r.result = std::make_pair(ok, total); }));
  if (!has_closing) finish_day_closing(false, -2);
}

void KioskApp::start_terminal_check(ControlSocket::Request&& request) {
  if (pending_check_) return request.answer(refusal("a terminal check is under way"));
  const std::string actor = actor_of(request);
  note_action(journal_.get(), actor, "terminal-check", "", "technician " + actor + ": terminal check");
  pending_check_ = std::move(request);
  devices_.card->diagnose(report_back(terminal_reports_, &queue_, [](TerminalReports& r) { r.checked = true; }));
}

void KioskApp::finish_terminal_check() {
  if (!pending_check_) return;
  json terminal = {{"kind", config_.terminal_kind}, {"available", state_.terminal_available}};
  for (const auto& [name, value] : devices_.card->diagnosis()) terminal[name] = value;
  note_action(journal_.get(), "kiosk", "terminal-check", terminal.dump(), "");
  pending_check_->answer(json{{"ok", true}, {"terminal", terminal}}.dump());
  pending_check_.reset();
}

void KioskApp::finish_day_closing(bool ok, Cents terminal_total) {
  if (!pending_closing_) return;
  const std::time_t now = std::time(nullptr);
  // The journal's side covers what the terminal's does: since the last closing, or today.
  std::optional<std::string> since = journal_ ? journal_->setting("last_day_closing") : std::nullopt;
  if (since && (!parse_iso_utc(*since) || *since > iso_utc(now + 1))) {
    log_warn("end of day: the last closing's time in the journal is not one (" + since->substr(0, 40) +
             "): today's totals instead");
    since.reset();
  }
  const std::string from = since ? *since : iso_utc(local_midnight(now));
  const std::string to = iso_utc(now + 1);
  json answer = {{"ok", ok}, {"from", from}, {"to", to}};
  if (terminal_total == -2) {
    answer["ok"] = true;  // nothing to close; the journal's totals still say what was sold
    answer["terminal"] = "this terminal has no day closing";
  } else {
    answer["terminal_closed"] = ok;
    if (terminal_total >= 0) answer["terminal_total_cents"] = terminal_total;
  }
  if (journal_) {
    const Journal::Sales sales = journal_->sales_between(from, to);
    answer["journal"] = sales_json(sales);
    if (ok && terminal_total >= 0) {
      const long long expected = sales.card_taken_cents - sales.card_returned_cents;
      answer["difference_cents"] = terminal_total - expected;
      if (terminal_total != expected)
        log_warn("ALERT end of day: the terminal reports " + std::to_string(terminal_total) + " cents, the journal " +
                 std::to_string(expected) + " cents");
    }
    if (ok) journal_->set_setting("last_day_closing", to, nullptr);
    note_action(journal_.get(), "kiosk", "end-of-day", answer.dump(), "");
  }
  if (!ok && terminal_total != -2) answer["error"] = "the terminal did not close its day";
  answer["report_printed"] = print_day_report(answer);
  log_info("end of day: " + answer.dump());
  pending_closing_->answer(answer.dump());
  pending_closing_.reset();
}

bool KioskApp::print_day_report(const nlohmann::json& closing) {
  TextPainter* text = painter();
  if (!text || !printer_can_print(state_.printer)) {
    log_warn("end of day: no report printed (printer " + std::string(printer_status_name(state_.printer)) + ")");
    return false;
  }
  DayReport r;
  r.kiosk_id = config_.kiosk.kiosk_id;
  r.location = config_.kiosk.location;
  r.version = std::string(kiosk_version());
  r.printed_at = local_text(iso_utc(std::time(nullptr)));
  r.from = local_text(closing.value("from", std::string()));
  r.to = local_text(closing.value("to", std::string()));
  r.terminal = !closing.contains("terminal_closed")     ? DayReport::Terminal::no_closing
               : closing["terminal_closed"].get<bool>() ? DayReport::Terminal::closed
                                                        : DayReport::Terminal::failed;
  r.terminal_total_cents = closing.value("terminal_total_cents", -1LL);
  if (closing.contains("journal")) {
    const json& j = closing["journal"];
    for (const json& l : j["delivered"])
      r.lines.push_back({brand_name(state_, Brand{l["brand"].get<std::string>()}), l["method"].get<std::string>(), l["renewals"].get<int>(),
                         l["cents"].get<long long>()});
    r.card_taken_cents = j["card_taken_cents"];
    r.card_returned_cents = j["card_returned_cents"];
    r.wallet_taken_cents = j["wallet_taken_cents"];
    r.wallet_returned_cents = j["wallet_returned_cents"];
    r.returned = j["returned"];
    r.unsettled = j["unsettled"];
  }
  devices_.printer->print(day_report_reference, layout_day_report(r, catalogs_.technician(technician_lang()), *text,
                                                                 devices_.printer->width_dots()));
  return true;
}

void KioskApp::set_out_of_service(ControlSocket::Request&& request, bool out, const std::string& reason) {
  const std::string actor = actor_of(request);
  std::string error = "no journal";
  // Kept first: a restart must find the kiosk as the technician left it.
  if (!journal_ || !journal_->set_setting("out_of_service", out ? std::optional(reason) : std::nullopt, &error))
    return request.answer(refusal("not kept, so not done: " + error));
  note_action(journal_.get(), actor, out ? "out-of-service" : "in-service", reason,
              "technician " + actor + ": " + (out ? "out of service: " + reason : std::string("back in service")));
  if (out) dispatch(ev::TakenOutOfService{reason});
  else dispatch(ev::PutBackInService{});
  request.answer(json{{"ok", true}, {"in_service", out_of_service_reason(state_) == OutOfServiceReason::none},
                      {"out_of_service", std::string(out_of_service_reason_name(out_of_service_reason(state_)))},
                      {"reason", state_.technician_reason.value_or("")}}
                     .dump());
}

void KioskApp::restore_out_of_service() {
  if (!journal_) return;
  if (std::optional<std::string> reason = journal_->setting("out_of_service")) {
    // Out of service stays; a reason that is not one customers may read is not shown.
    if (const std::string problem = reason_problem(*reason); !problem.empty()) {
      log_warn("out of service since before this start; its stored reason is not shown: " + problem);
      reason->clear();
    } else {
      log_info("out of service since before this start: " + *reason);
    }
    dispatch(ev::TakenOutOfService{*reason});
  }
}

}  // namespace kiosk::app
