// The --script language (documented in tests/e2e/README.md): one command per line, '#' starts
// a comment. Every command waits until the kiosk has settled before the next one runs.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/printer_status.hpp"
#include "core/service_mode.hpp"
#include "driver.hpp"
#include "gateway/module.hpp"
#include "journal/journal.hpp"
#include "sim/sim_payment.hpp"
#include "sim/sim_printer.hpp"

namespace kiosk::app {

namespace {

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line.substr(0, line.find('#')));
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool parse_int(const std::string& s, int* out) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  *out = std::stoi(s);
  return true;
}

// "expect WHAT N": the count (or level) the kiosk reports, against the script's number; at_least
// for the _min forms.
bool expect_number(const std::string& what, const std::string& text, long long actual, std::string* error,
                   bool at_least = false) {
  int want = 0;
  if (!parse_int(text, &want)) return *error = "expect " + what + " N", false;
  if (at_least ? actual >= want : actual == want) return true;
  *error = "expected " + what + (at_least ? " at least " : " ") + text + ", got " + std::to_string(actual);
  return false;
}

bool printer_word(const std::string& w, PrinterStatus* s) {
  if (w == "ok") *s = PrinterStatus::ok;
  else if (w == "near_end") *s = PrinterStatus::paper_near_end;
  else if (w == "paper_out") *s = PrinterStatus::paper_out;
  else if (w == "cover_open") *s = PrinterStatus::cover_open;
  else if (w == "unplug") *s = PrinterStatus::unplugged;
  else if (w == "fault") *s = PrinterStatus::fault;
  else return false;
  return true;
}

class ScriptRun {
 public:
  ScriptRun(KioskApp& app, UiHost& ui, std::string shots) : app_(app), ui_(ui), driver_(app, ui, 1'000'000), shots_(std::move(shots)) {}

  void start() { app_.start(driver_.now()); }

  // Every command but shot_now first waits for the start to settle (journal read back, gateway
  // link up); shot_now shows the first screen as a customer sees it, before that.
  bool settle_start(std::string* error) {
    if (start_settled_) return true;
    start_settled_ = true;
    app_.first_frame_shown();  // a script that does not look at it does not wait for it
    if (driver_.settle(error)) return true;
    *error = "start: " + *error;
    return false;
  }

  // Runs one command; false with `error` set when it did not hold.
  bool command(const std::vector<std::string>& w, std::string* error) {
    const std::string& verb = w[0];
    const auto arity = [&](std::size_t n) {
      if (w.size() == n) return true;
      *error = "'" + verb + "' takes " + std::to_string(n - 1) + " argument(s)";
      return false;
    };
    if (verb == "shot_now") {
      const bool saved = arity(2) && save_shot(w[1], error);
      app_.first_frame_shown();
      return saved;
    }
    if (!settle_start(error)) return false;
    if (verb == "tap") return arity(2) && driver_.tap(w[1], error);
    if (verb == "key") {  // key up|down|left|right|ok|back|help|repeat: the navigation keypad
      if (!arity(2)) return false;
      const auto k = ui::parse_nav_key(w[1]);
      if (!k) return *error = "unknown key '" + w[1] + "'", false;
      return driver_.key(*k, error);
    }
    if (verb == "type") {
      if (!arity(2)) return false;
      for (char c : w[1]) {
        if (c < '0' || c > '9') return *error = "type takes digits only", false;
        if (!driver_.tap(std::string("key_") + c, error)) return false;
      }
      return true;
    }
    if (verb == "type_code") {  // the receipt code of the latest journaled transaction
      if (!arity(2) || w[1] != "last") return *error = "type_code last", false;
      const auto all = app_.journal().transactions();
      if (all.empty()) return *error = "the journal is empty", false;
      for (char c : reprint_code(all.back().reference))
        if (!driver_.tap(std::string("key_") + c, error)) return false;
      return true;
    }
    if (verb == "advance") {
      int seconds = 0;
      if (!arity(2) || !parse_int(w[1], &seconds)) return *error = "advance takes whole seconds", false;
      driver_.advance(seconds);
      return driver_.settle(error);
    }
    if (verb == "hold") {  // hold X Y SECONDS: a finger held still (the hidden corner)
      int x = 0, y = 0, seconds = 0;
      if (!arity(4) || !parse_int(w[1], &x) || !parse_int(w[2], &y) || !parse_int(w[3], &seconds))
        return *error = "hold X Y SECONDS", false;
      return driver_.hold(static_cast<float>(x), static_cast<float>(y), seconds, error);
    }
    if (verb == "shot") return arity(2) && save_shot(w[1], error);
    if (verb == "device") return w.size() == 3 ? device(w[1], w[2], error) : (*error = "device DEVICE ACTION", false);
    if (verb == "gateway" && w.size() == 3 && w[1] == "days") {  // the gateway's day, N days ahead
      int days = 0;
      if (!parse_int(w[2], &days) || days < 0) return *error = "gateway days N (0 or more)", false;
      gateway::EmbeddedGateway* g = app_.embedded_gateway(error);
      if (!g) return false;
      g->set_days_ahead(days);
      return driver_.settle(error);
    }
    if (verb == "gateway" && w.size() >= 4 && w[1] == "reply") {  // gateway reply +32… WORDS: an SMS reply
      std::string text;
      for (std::size_t i = 3; i < w.size(); ++i) text += (i > 3 ? " " : "") + w[i];
      gateway::EmbeddedGateway* g = app_.embedded_gateway(error);
      if (!g) return false;
      g->relay_reply(w[2], text);
      return true;
    }
    if (verb == "gateway") {  // gateway MODE [PATH]: a fault, for every request or those under PATH
      if (w.size() != 2 && w.size() != 3) return *error = "gateway MODE [PATH]", false;
      return app_.set_gateway_fault(w[1], w.size() == 3 ? w[2] : "", error);
    }
    if (verb == "expect") return w.size() >= 2 ? expect(w, error) : (*error = "expect what?", false);
    if (verb == "wait" && w.size() == 1) return driver_.settle(error, true);
    if (verb == "wait" && w.size() == 2 && w[1] == "recovered") return wait_recovered(error);
    if (verb == "wait" && w.size() == 2 && w[1] == "outbox") return wait_outbox(error);
    if (verb == "wait" && w.size() == 2 && w[1] == "code") return wait_code(error);
    if (verb == "wait" && w.size() == 3 && w[1] == "screen") return wait_screen(w[2], error);
    if (verb == "wait" && w.size() == 3 && w[1] == "catalog") return wait_catalog(w[2], error);
    if (verb == "wait" && w.size() == 3 && w[1] == "file") return wait_file(w[2], error);
    if (verb == "serve" && w.size() == 1) return serve(error);
    if (verb == "wait" && w.size() == 2 && !w[1].empty() && w[1].size() <= 2 &&
        w[1].find_first_not_of("0123456789") == std::string::npos)
      return wait_wall_clock(std::stoi(w[1]), error);
    *error = "unknown command '" + verb + "'";
    return false;
  }

 private:
  bool save_shot(const std::string& name, std::string* error) {
    std::filesystem::create_directories(shots_);
    driver_.render();
    bool ok = ui_.save_png(shots_ + "/" + name + ".png", error);
    return ok;
  }

  bool device(const std::string& dev, const std::string& action, std::string* error) {
    if (dev == "terminal" || dev == "wallet") {
      sim::SimPayment* simulated = dev == "terminal" ? app_.sim_card() : app_.sim_wallet();
      if (!simulated) return *error = "the configured " + dev + " is not simulated (its behaviour is set where it runs)", false;
      sim::SimPayment& d = *simulated;
      sim::Outcome o;
      if (action == "unplug") d.set_plugged(false);
      else if (action == "plug") d.set_plugged(true);
      else if (sim::parse_outcome(action, &o)) d.script(o);
      else return *error = "unknown " + dev + " action '" + action + "'", false;
    } else if (dev == "printer") {
      PrinterStatus s;
      if (!printer_word(action, &s)) return *error = "unknown printer action '" + action + "'", false;
      if (!app_.sim_printer()) return *error = "the configured printer is not simulated", false;
      app_.sim_printer()->set_condition(s);
    } else {
      return *error = "unknown device '" + dev + "'", false;
    }
    return driver_.settle(error);
  }

  // Until recovery has settled every transaction it follows: a second of kiosk time passes per
  // round, so that its backoff runs, and real time too, for the terminal and the gateway.
  bool wait_recovered(std::string* error) {
    constexpr int rounds = 120;
    for (int i = 0; i < rounds; ++i) {
      if (!driver_.settle(error, true)) return false;
      if (app_.state().open.empty()) return true;
      driver_.advance(1);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    *error = std::to_string(app_.state().open.size()) + " transaction(s) still open after " + std::to_string(rounds) +
             " rounds; first: " + app_.state().open.front().reference;
    return false;
  }

  // Real seconds pass (a device's own timers run on the wall clock), events handled meanwhile.
  bool wait_wall_clock(int seconds, std::string* error) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
      if (!driver_.settle(error)) return false;
      app_.queue().wait_for(std::chrono::milliseconds(100));
    }
    return driver_.settle(error, true);
  }

  // Until `done()` holds, brought about by something outside the script (a technician's
  // kioskctl, the fleet's console, a test); `seconds` at most, then `late()` says what is missing.
  template <typename Done, typename Late>
  bool wait_outside(Done done, Late late, std::string* error, int seconds = 60) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
      if (!driver_.settle(error)) return false;
      if (done()) return true;
      app_.queue().wait_for(std::chrono::milliseconds(50));
    }
    *error = late() + " within " + std::to_string(seconds) + " s";
    return false;
  }

  bool wait_screen(const std::string& name, std::string* error) {
    const std::optional<Screen> screen = parse_screen(name);
    if (!screen) return *error = "unknown screen '" + name + "'", false;
    const auto now = [&] { return std::string(screen_name(app_.state().screen)); };
    return wait_outside([&] { return app_.state().screen == *screen || app_.restart_requested(); },
                        [&] { return "screen " + name + " did not come (now " + now() + ")"; }, error);
  }

  // Until the kiosk sells from this catalog version, installed from outside (kioskctl).
  bool wait_catalog(const std::string& version, std::string* error) {
    return wait_outside([&] { return std::to_string(app_.state().catalog.version) == version; },
                        [&] { return "catalog version " + version + " did not come (now " +
                                     std::to_string(app_.state().catalog.version) + ")"; },
                        error);
  }

  // A kiosk left on (the fleet's demo): on its screens, doing what the fleet or a technician
  // asks, until it is stopped or a restart is asked for.
  bool serve(std::string* error) {
    while (!app_.restart_requested()) {
      if (!driver_.settle(error)) return false;
      app_.queue().wait_for(std::chrono::milliseconds(50));
    }
    return true;
  }

  // Until a file exists: a test outside says that it is ready for the script's next step (a
  // browser's steps, say: five minutes at most).
  bool wait_file(const std::string& path, std::string* error) {
    return wait_outside([&] { return std::filesystem::exists(path); },
                        [&] { return "file " + path + " did not come"; }, error, 300);
  }

  // Until the e-wallet's code is on the screen (an e-wallet on the network takes a moment).
  bool wait_code(std::string* error) {
    for (int i = 0; i < 300; ++i) {
      if (!driver_.settle(error)) return false;
      const auto& txn = app_.state().session.txn;
      if (txn && !txn->wallet_qr.empty()) return true;
      app_.queue().wait_for(std::chrono::milliseconds(100));
    }
    *error = "no wallet code after 30 s";
    return false;
  }

  // Until every SMS and report is handed over; the outbox retries on the wall clock.
  bool wait_outbox(std::string* error) {
    for (int i = 0; i < 300; ++i) {
      if (!driver_.settle(error)) return false;
      if (app_.outbox_pending() == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    *error = std::to_string(app_.outbox_pending()) + " outbox item(s) not handed over after 30 s";
    return false;
  }

  bool expect(const std::vector<std::string>& w, std::string* error) {
    const State& s = app_.state();
    if (w[1] == "screen" && w.size() == 3) {
      if (screen_name(s.screen) == w[2]) return true;
      *error = "expected screen " + w[2] + ", got " + std::string(screen_name(s.screen));
      return false;
    }
    if (w[1] == "service" && w.size() == 3) {  // the technician's page: pin|menu|sales|note|confirm|off
      static constexpr const char* pages[] = {"pin", "menu", "sales", "note", "confirm"};
      const std::string now = s.service_mode ? pages[static_cast<int>(s.service_mode->page)] : "off";
      if (now == w[2]) return true;
      *error = "expected service mode " + w[2] + ", got " + now;
      return false;
    }
    if (w[1] == "pin" && (w.size() == 3 || w.size() == 4)) {  // pin none|wrong|locked|unavailable [TRIES_LEFT]
      static constexpr const char* verdicts[] = {"none", "right", "wrong", "locked", "unavailable"};
      if (!s.service_mode) return *error = "the service mode is off", false;
      const std::string now = verdicts[static_cast<int>(s.service_mode->verdict)];
      if (now != w[2]) return *error = "expected PIN " + w[2] + ", got " + now, false;
      return w.size() == 3 || expect_number("tries left", w[3], s.service_mode->tries_left, error);
    }
    if (w[1] == "outcome" && w.size() == 4) {  // outcome ACTION ok|failed: the last service action's
      if (!s.service_mode || !s.service_mode->outcome) return *error = "no service action has finished", false;
      const ServiceOutcome& o = *s.service_mode->outcome;
      const std::string now = std::string(service_action_name(o.action)) + " " + (o.ok ? "ok" : "failed");
      if (now == w[2] + " " + w[3]) return true;
      return *error = "expected outcome " + w[2] + " " + w[3] + ", got " + now + " " + o.value("error"), false;
    }
    if (w[1] == "service_log" && w.size() >= 3) {  // service_log ACTION [WORDS in its detail]
      std::string want;
      for (std::size_t i = 3; i < w.size(); ++i) want += (i > 3 ? " " : "") + w[i];
      for (const Journal::ServiceAction& a : app_.journal().service_actions(200))
        if (a.action == w[2] && a.detail.find(want) != std::string::npos) return true;
      return *error = "the service log has no " + w[2] + (want.empty() ? "" : " with '" + want + "'"), false;
    }
    if (w[1] == "idle_warning" || w[1] == "no_idle_warning") {
      const bool want = w[1] == "idle_warning";
      if (idle_warning_visible(s) == want) return true;
      *error = want ? "no idle warning is shown" : "an idle warning is shown";
      return false;
    }
    if ((w[1] == "widget" || w[1] == "disabled") && w.size() == 3) {
      driver_.render();
      const auto* widget = ui_.report().find(w[2]);
      const bool want_enabled = w[1] == "widget";
      if (widget && widget->enabled == want_enabled) return true;
      *error = "widget " + w[2] + (widget ? (want_enabled ? " is disabled" : " is enabled") : " is not on screen");
      return false;
    }
    if (w[1] == "receipts" && w.size() == 3) return expect_number("receipts printed", w[2], app_.receipts_printed(), error);
    if (w[1] == "journal" && w.size() == 3) {
      const auto all = app_.journal().transactions();
      if (all.empty()) return *error = "the journal is empty", false;
      const auto& last = all.back();
      for (const std::string& step : last.steps)
        if (step == w[2]) return true;
      *error = "the last transaction (" + last.reference + ") has no step " + w[2] + "; its state is " + last.state;
      return false;
    }
    if (w[1] == "out_of_service" && w.size() == 3) {  // why: journal, technician, recovering, terminal
      const std::string_view name = out_of_service_reason_name(out_of_service_reason(s));
      if (w[2] == name) return true;
      *error = "out of service for " + std::string(name) + ", not " + w[2];
      return false;
    }
    if ((w[1] == "gateway_reminders" && w.size() == 3) || (w[1] == "gateway_sms" && w.size() == 4)) {
      gateway::EmbeddedGateway* g = app_.embedded_gateway(error);
      if (!g) return false;
      return w[1] == "gateway_reminders"
                 ? expect_number("reminders kept by the gateway", w[2], g->reminders_kept(), error)
                 : expect_number(w[2] + " SMS at the gateway", w[3], g->sms_count(w[2]), error);
    }
    if ((w[1] == "outbox" || w[1] == "outbox_min") && w.size() == 3)  // SMS and reports not handed over yet
      return expect_number("outbox items", w[2], static_cast<long long>(app_.outbox_pending()), error,
                           w[1] == "outbox_min");
    if (w[1] == "speech" && w.size() == 3) {  // speech on|off for this session
      if ((w[2] == "on") == s.session.speech) return true;
      return *error = std::string("speech is ") + (s.session.speech ? "on" : "off"), false;
    }
    if ((w[1] == "spoken" || w[1] == "spoken_exactly") && w.size() >= 3) {  // the last thing said
      std::string want;
      for (std::size_t i = 2; i < w.size(); ++i) want += (i > 2 ? " " : "") + w[i];
      // Synthesis runs on its own thread: let it finish first.
      for (int i = 0; i < 300 && ui_.speech() && ui_.speech()->busy(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      const std::string said = ui_.speech() ? ui_.speech()->last_said() : "";
      const bool match = w[1] == "spoken" ? said.find(want) != std::string::npos : said == want;
      if (match && ui_.speech()->samples_played() > 0) return true;
      *error = "last said: '" + said + "'";
      return false;
    }
    if (w[1] == "display" && w.size() == 4) {  // theme and text size: standard|high_contrast normal|large
      const std::string now = std::string(s.session.high_contrast ? "high_contrast" : "standard") + " " +
                              (s.session.large_text ? "large" : "normal");
      if (now == w[2] + " " + w[3]) return true;
      return *error = "the display is " + now, false;
    }
    if (w[1] == "volume" && w.size() == 3) return expect_number("volume", w[2], s.session.volume, error);
    if (w[1] == "focus" && w.size() == 3) {  // the keypad's focus ring is on this widget
      driver_.render();
      if (ui_.focus() == w[2]) return true;
      *error = "the focus is on '" + ui_.focus() + "', not " + w[2];
      return false;
    }
    if (w[1] == "open" && w.size() == 3)  // unsettled transactions in the journal
      return expect_number("open transactions", w[2],
                           static_cast<long long>(app_.journal().open_transactions().size()), error);
    if (w[1] == "no_journal" && w.size() == 2) {
      if (app_.journal().transactions().empty()) return true;
      return *error = "the journal has transactions", false;
    }
    *error = "unknown expectation";
    return false;
  }

  KioskApp& app_;
  UiHost& ui_;
  Driver driver_;
  std::string shots_;
  bool start_settled_ = false;
};

}  // namespace

int run_script(const std::string& path, KioskApp& app, UiHost& ui, const std::string& shots_dir) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return 1;
  }
  ScriptRun run(app, ui, shots_dir);
  std::string error;
  run.start();
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const auto w = words(line);
    if (w.empty()) continue;
    if (!run.command(w, &error)) {
      std::cerr << path << ":" << number << ": " << line << "\n  " << error << "\n";
      return 1;
    }
    if (app.restart_requested()) {  // as the service would: end cleanly, here
      std::cout << path << ":" << number << ": a technician asked for a restart: the script ends here\n";
      return 0;
    }
  }
  if (!run.settle_start(&error)) {
    std::cerr << path << ": " << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace kiosk::app
