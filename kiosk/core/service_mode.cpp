#include "service_mode.hpp"

#include <algorithm>

#include "flow.hpp"

namespace kiosk {

namespace {

void ask(std::vector<Effect>& fx, svc::Request r) { fx.push_back(fx::RequestService{std::move(r)}); }

void leave(State& s, std::vector<Effect>& fx, const std::string& why) {
  s.service_mode.reset();  // the PIN typed so far goes with it
  ask(fx, svc::Note{"service-mode-left", why});
}

void run(ServiceMode& m, std::vector<Effect>& fx, ServiceAction a, std::string note) {
  m.running = a;
  m.confirming.reset();
  m.outcome.reset();
  m.page = ServicePage::menu;
  ask(fx, svc::RunAction{a, std::move(note)});
}

int open_pages(const ServiceMode& m) {
  const int n = m.status ? static_cast<int>(m.status->open.size()) : 0;
  return std::max(1, (n + service_open_per_page - 1) / service_open_per_page);
}

struct Apply {
  State& s;
  ServiceMode& m;
  std::vector<Effect>& fx;

  void operator()(const svc::Asked&) {}  // already on
  void operator()(const svc::PinDigit& d) {
    if (m.page != ServicePage::pin || m.checking || d.digit < '0' || d.digit > '9') return;
    if (m.pin.size() < service_pin_max) m.pin.push_back(d.digit);
    m.verdict = PinVerdict::none;
  }
  void operator()(const svc::PinDeleted&) {
    if (m.page == ServicePage::pin && !m.checking && !m.pin.empty()) m.pin.pop_back();
  }
  void operator()(const svc::PinSubmitted&) {
    if (m.page != ServicePage::pin || m.checking || m.pin.size() < service_pin_min) return;
    m.checking = true;
    ask(fx, svc::CheckPin{m.pin});
    m.pin.clear();
  }
  void operator()(const svc::PinChecked& c) {
    // Only the answer to the PIN this mode asked about: one asked before the technician left
    // and came back opens nothing.
    if (m.page != ServicePage::pin || !m.checking) return;
    m.checking = false;
    m.verdict = c.verdict;
    m.tries_left = c.tries_left;
    m.locked_s = c.locked_s;
    if (c.verdict != PinVerdict::right) return;
    m.page = ServicePage::menu;
    ask(fx, svc::GatherStatus{});
  }
  void operator()(const svc::LanguageChosen& l) { m.lang = service_lang_for(l.lang); }
  void operator()(const svc::PageOpened& p) {
    // The menu's pages need the PIN; the confirm page is reached by asking for an action.
    if (m.page == ServicePage::pin || p.page == ServicePage::pin || p.page == ServicePage::confirm) return;
    m.page = p.page;
    m.confirming.reset();
    if (p.page == ServicePage::sales) {
      m.open_page = 0;
      ask(fx, svc::GatherStatus{});
    }
  }
  void operator()(const svc::PagedOpen& p) {
    if (m.page == ServicePage::sales) m.open_page = std::clamp(m.open_page + p.delta, 0, open_pages(m) - 1);
  }
  void operator()(const svc::ActionAsked& a) {
    if (m.page == ServicePage::pin || m.running) return;
    if (a.action == ServiceAction::out_of_service &&
        (a.note.size() < 2 || a.note[0] != customer_note_mark ||
         std::find(std::begin(customer_notes), std::end(customer_notes), a.note.substr(1)) == std::end(customer_notes)))
      return;  // the screen offers the notes only
    if (service_action_confirmed_first(a.action)) {
      m.confirming = a.action;
      m.page = ServicePage::confirm;
      return;
    }
    run(m, fx, a.action, a.note);
  }
  void operator()(const svc::ActionConfirmed&) {
    if (m.page != ServicePage::confirm || !m.confirming || m.running) return;
    run(m, fx, *m.confirming, "");
  }
  void operator()(const svc::ActionFinished& f) {
    // Its outcome stays up for a full two minutes.
    m.last_input_ms = s.now_ms;
    m.running.reset();
    m.outcome = f.outcome;
    ask(fx, svc::GatherStatus{});
  }
  void operator()(const svc::StatusGathered& g) {
    m.status = g.status;
    m.open_page = std::min(m.open_page, open_pages(m) - 1);
  }
  void operator()(const svc::Left&) {}  // handled before
};

// Whether the input is the technician's own (it restarts the idle timer); the app's answers
// are not.
bool by_technician(const svc::Input& in) {
  return !std::holds_alternative<svc::PinChecked>(in) && !std::holds_alternative<svc::ActionFinished>(in) &&
         !std::holds_alternative<svc::StatusGathered>(in);
}

}  // namespace

std::string_view service_action_name(ServiceAction a) {
  switch (a) {
    case ServiceAction::test_print: return "test-print";
    case ServiceAction::terminal_check: return "terminal-check";
    case ServiceAction::end_of_day: return "end-of-day";
    case ServiceAction::retry: return "retry";
    case ServiceAction::out_of_service: return "out-of-service";
    case ServiceAction::in_service: return "in-service";
    case ServiceAction::diagnostics: return "diagnostics";
    case ServiceAction::restart: return "restart";
  }
  return "?";
}

bool service_action_confirmed_first(ServiceAction a) {
  return a == ServiceAction::end_of_day || a == ServiceAction::restart;
}

bool service_mode_allowed(const State& s) {
  return (s.screen == Screen::attract || s.screen == Screen::out_of_service) && !flow::money_in_flight(s) &&
         !s.session.txn;
}

Lang service_lang_for(Lang kiosk_lang) {
  switch (kiosk_lang) {
    case Lang::nl:
    case Lang::fr:
    case Lang::de:
    case Lang::en: return kiosk_lang;
    default: return Lang::en;
  }
}

void service_input(State& s, const svc::Input& input, std::vector<Effect>& fx) {
  if (!s.service_mode) {
    if (!std::holds_alternative<svc::Asked>(input)) return;  // a late answer after the mode ended
    if (!service_mode_allowed(s)) {
      ask(fx, svc::Note{"service-mode-refused", "a customer is using the kiosk (screen " +
                                                    std::string(screen_name(s.screen)) + ")"});
      return;
    }
    ServiceMode m;
    m.lang = service_lang_for(s.settings.default_lang);
    m.last_input_ms = s.now_ms;
    s.service_mode = std::move(m);
    ask(fx, svc::Note{"service-mode-asked", ""});
    return;
  }
  ServiceMode& m = *s.service_mode;
  if (by_technician(input)) m.last_input_ms = s.now_ms;
  if (std::holds_alternative<svc::Left>(input)) {
    if (!m.running) leave(s, fx, "left by the technician");
    return;
  }
  std::visit(Apply{s, m, fx}, input);
}

void service_tick(State& s, std::vector<Effect>& fx) {
  if (!s.service_mode) return;
  if (!service_mode_allowed(s)) return leave(s, fx, "the kiosk is no longer free");
  const ServiceMode& m = *s.service_mode;
  const std::int64_t idle = s.now_ms - m.last_input_ms;
  // An action under way (a print, a closing) finishes first, unless it never answers.
  if (!m.running && !m.checking && idle >= service_idle_ms) leave(s, fx, "two minutes without input");
  else if (idle >= service_stuck_ms) leave(s, fx, "ten minutes without input or answer");
}

}  // namespace kiosk
