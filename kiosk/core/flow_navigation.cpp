// The screens before any money moves: language, service, brand, number, plan, summary.
#include <algorithm>

#include "flow.hpp"

namespace kiosk::flow {

namespace {

bool is_overlay(Screen s) { return s == Screen::language || s == Screen::help || s == Screen::display; }

void open_overlay(Step& st, Screen overlay) {
  if (st.s.screen == Screen::out_of_service) return;
  if (!is_overlay(st.s.screen)) st.s.overlay_return = st.s.screen;
  st.go(overlay);
}

void close_overlay(Step& st) { st.go(st.s.overlay_return); }

void show_plans(Step& st) {
  Session& se = st.s.session;
  if (se.plan_id.empty() || !find_plan(se.plans, se.plan_id)) {
    const Plan* current = se.subscriber ? find_plan(se.plans, se.subscriber->current_plan_id) : nullptr;
    const Plan* pick = current ? current : (se.plans.empty() ? nullptr : &se.plans.front());
    se.plan_id = pick ? pick->id : "";
    se.months = pick ? pick->durations_months.front() : 1;
  }
  st.go(Screen::plans);
}

// After a successful look-up while renewing: suspended numbers see their fee first.
void continue_to_renewal(Step& st) {
  const Session& se = st.s.session;
  if (se.subscriber && se.subscriber->status == SubscriberStatus::suspended)
    st.go(Screen::suspended);
  else
    show_plans(st);
}

// Leaves the personal data behind but keeps the language for the "cancelled" message.
void cancel_session(Step& st) {
  const Lang lang = st.s.session.lang;
  const bool high_contrast = st.s.session.high_contrast;
  const bool large_text = st.s.session.large_text;
  st.s.session = Session{};
  st.s.session.lang = lang;
  st.s.session.high_contrast = high_contrast;
  st.s.session.large_text = large_text;
  st.go(Screen::cancelled);
  st.fx.push_back(fx::RequestForgetSession{});
}

}  // namespace

void on(Step& st, const ev::LanguageChosen& e) {
  st.s.session.lang = e.lang;
  if (st.s.screen == Screen::attract) st.go(Screen::service);
  else if (st.s.screen == Screen::language) close_overlay(st);
}

void on(Step& st, const ev::LanguageSwitchOpened&) { open_overlay(st, Screen::language); }
void on(Step& st, const ev::HelpOpened&) {
  if (st.s.screen != Screen::help) st.s.session.help_page = 0;
  open_overlay(st, Screen::help);
}
void on(Step& st, const ev::DisplayOpened&) { open_overlay(st, Screen::display); }
void on(Step& st, const ev::SpeechRequested&) { st.s.session.speech = true; }

void on(Step& st, const ev::VolumeChanged& e) {
  if (!st.s.session.speech) return;
  st.s.session.volume = std::clamp(st.s.session.volume + e.delta * volume_step, volume_step, 100);
}

void on(Step& st, const ev::ContrastToggled&) { st.s.session.high_contrast = !st.s.session.high_contrast; }
void on(Step& st, const ev::TextSizeToggled&) {
  Session& se = st.s.session;
  se.large_text = !se.large_text;
  // The pages of plans change size: show the page that holds the chosen plan.
  for (std::size_t i = 0; i < se.plans.size(); ++i)
    if (se.plans[i].id == se.plan_id) se.plans_page = static_cast<int>(i) / plans_per_page(st.s);
  se.help_page = 0;
}

void on(Step& st, const ev::HelpPaged& e) {
  if (st.s.screen != Screen::help) return;
  st.s.session.help_page = std::clamp(st.s.session.help_page + e.delta, 0, help_topic_count - 1);
}

void on(Step& st, const ev::OverlayClosed&) {
  if (is_overlay(st.s.screen)) close_overlay(st);
}

void on(Step& st, const ev::ServiceChosen& e) {
  if (st.s.screen != Screen::service) return;
  st.s.session.service = e.service;
  st.go(Screen::brand);
}

void on(Step& st, const ev::BrandChosen& e) {
  if (st.s.screen != Screen::brand) return;
  Session& se = st.s.session;
  if (se.brand != e.brand) {  // another brand: what we knew about the number no longer holds
    se.subscriber.reset();
    se.plans.clear();
    se.plan_id.clear();
  }
  se.brand = e.brand;
  se.number_error_key.clear();
  st.go(Screen::number);
}

// The digits the keypad edits on this screen (the number, or a receipt code), or nullptr.
std::string* keypad_field(State& s) {
  if (s.screen == Screen::number) return &s.session.number_input;
  if (s.screen == Screen::reprint && s.session.reprint != Session::ReprintState::waiting)
    return &s.session.reprint_input;
  return nullptr;
}

// A key was pressed: the last message (a number error, a reprint outcome) no longer applies.
void keypad_edited(Session& se) {
  se.number_error_key.clear();
  se.reprint = Session::ReprintState::entering;
}

void on(Step& st, const ev::DigitPressed& e) {
  std::string* field = keypad_field(st.s);
  if (!field || e.digit < '0' || e.digit > '9') return;
  // Room for 0032 4xx xx xx xx; a receipt code has six digits.
  const std::size_t limit = st.s.screen == Screen::reprint ? reprint_code_length : 13;
  if (field->size() < limit) *field += e.digit;
  keypad_edited(st.s.session);
}

void on(Step& st, const ev::DigitDeleted&) {
  std::string* field = keypad_field(st.s);
  if (!field) return;
  if (!field->empty()) field->pop_back();
  keypad_edited(st.s.session);
}

void on(Step& st, const ev::NumberCleared&) {
  std::string* field = keypad_field(st.s);
  if (!field) return;
  field->clear();
  keypad_edited(st.s.session);
}

void on(Step& st, const ev::NumberSubmitted&) {
  Session& rs = st.s.session;
  if (st.s.screen == Screen::reprint) {
    if (rs.reprint_input.size() != reprint_code_length || rs.reprint == Session::ReprintState::waiting) return;
    rs.reprint = Session::ReprintState::waiting;
    st.fx.push_back(fx::RequestReprint{rs.reprint_input});
    return;
  }
  if (st.s.screen != Screen::number || !st.s.session.brand) return;
  Session& se = st.s.session;
  const PhoneParse parsed = parse_mobile(se.number_input);
  if (const auto* err = std::get_if<PhoneError>(&parsed)) {
    se.number_error_key = std::string(phone_error_key(*err));
    return;
  }
  const MobileNumber number = std::get<MobileNumber>(parsed);
  if (se.number != number) {
    se.subscriber.reset();
    se.plans.clear();
    se.plan_id.clear();
  }
  se.number = number;
  st.go(Screen::lookup);
  st.fx.push_back(fx::RequestLookup{*se.brand, number});
}

void on(Step& st, const ev::SubscriberFound& e) {
  if (st.s.screen != Screen::lookup) return;
  Session& se = st.s.session;
  if (e.subscriber.status == SubscriberStatus::expired) {  // deactivated for good
    se.number_error_key = "number.error.deactivated";
    st.go(Screen::number);
    return;
  }
  se.subscriber = e.subscriber;
  se.plans = e.plans;
  se.plans_page = 0;
  if (se.service == ev::Service::balance) st.go(Screen::balance);
  else continue_to_renewal(st);
}

void on(Step& st, const ev::LookupFailed& e) {
  if (st.s.screen != Screen::lookup) return;
  if (e.error == ev::LookupError::not_found) {
    st.s.session.number_error_key = "number.error.not_found";
    st.go(Screen::number);
  } else {
    st.go(Screen::unavailable);
  }
}

void on(Step& st, const ev::ContinuePressed&) {
  if (st.s.screen == Screen::suspended) {
    show_plans(st);
  } else if (st.s.screen == Screen::balance) {
    st.s.session.service = ev::Service::renew;
    continue_to_renewal(st);
  }
}

void on(Step& st, const ev::PlanChosen& e) {
  if (st.s.screen != Screen::plans) return;
  const Plan* p = find_plan(st.s.session.plans, e.plan_id);
  if (!p) return;
  st.s.session.plan_id = p->id;
  st.s.session.months = p->durations_months.front();
}

void on(Step& st, const ev::DurationChosen& e) {
  if (st.s.screen != Screen::plans) return;
  const Plan* p = chosen_plan(st.s);
  if (!p) return;
  const auto& d = p->durations_months;
  if (std::find(d.begin(), d.end(), e.months) != d.end()) st.s.session.months = e.months;
}

void on(Step& st, const ev::PlansPaged& e) {
  if (st.s.screen != Screen::plans) return;
  const int per_page = plans_per_page(st.s);
  const int count = static_cast<int>(st.s.session.plans.size());
  const int pages = std::max(1, (count + per_page - 1) / per_page);
  st.s.session.plans_page = std::clamp(st.s.session.plans_page + e.delta, 0, pages - 1);
}

void on(Step& st, const ev::PlanConfirmed&) {
  if (st.s.screen != Screen::plans) return;
  Session& se = st.s.session;
  const Plan* p = chosen_plan(st.s);
  if (!p || !se.subscriber) return;
  se.quote = quote(*p, se.months, *se.subscriber, st.s.today);
  se.want_receipt = receipt_printable(st.s);
  st.go(Screen::summary);
}

void on(Step& st, const ev::ReceiptToggled&) {
  if (st.s.screen != Screen::summary || !receipt_printable(st.s)) return;
  st.s.session.want_receipt = !st.s.session.want_receipt;
}

void on(Step& st, const ev::SmsToggled&) {
  if (st.s.screen != Screen::summary) return;
  st.s.session.want_sms = !st.s.session.want_sms;
}

void on(Step& st, const ev::SummaryConfirmed&) {
  if (st.s.screen != Screen::summary || !st.s.session.quote) return;
  st.go(Screen::pay_method);
}

void on(Step& st, const ev::BackPressed&) {
  if (!back_available(st.s)) return;  // no way back once money moves; end screens only finish
  switch (st.s.screen) {
    case Screen::language:
    case Screen::help:
    case Screen::display: close_overlay(st); break;
    case Screen::service: end_session(st); break;
    case Screen::reprint: st.go(Screen::service); break;
    case Screen::brand: st.go(Screen::service); break;
    case Screen::number: st.go(Screen::brand); break;
    case Screen::balance:
    case Screen::suspended:
    case Screen::plans: st.go(Screen::number); break;
    case Screen::summary: st.go(Screen::plans); break;
    case Screen::pay_method: st.go(Screen::summary); break;
    default: break;
  }
}

void on(Step& st, const ev::CancelPressed&) {
  switch (st.s.screen) {
    case Screen::paying:
    case Screen::wallet: cancel_payment(st); break;
    case Screen::declined: cancel_session(st); break;
    case Screen::language:
    case Screen::help:
    case Screen::display:
      // Cancel from an overlay cancels what lies beneath, as long as no money moves.
      if (!money_in_flight(st.s)) {
        if (st.s.overlay_return == Screen::attract) close_overlay(st);
        else cancel_session(st);
      }
      break;
    default:
      if (back_available(st.s)) cancel_session(st);  // every step before the money moves
      break;
  }
}

void on(Step& st, const ev::FinishPressed&) {
  if (is_end_screen(st.s.screen) || st.s.screen == Screen::balance || st.s.screen == Screen::reprint) end_session(st);
}

void on(Step& st, const ev::ReprintOpened&) {
  if (st.s.screen != Screen::service) return;
  st.s.session.reprint_input.clear();
  st.s.session.reprint = Session::ReprintState::entering;
  st.go(Screen::reprint);
}

void on(Step& st, const ev::ReprintFinished& e) {
  if (st.s.screen != Screen::reprint || st.s.session.reprint != Session::ReprintState::waiting) return;
  using R = Session::ReprintState;
  st.s.session.reprint = !e.found ? R::not_found : e.printed ? R::printed : R::failed;
}

void on(Step& st, const ev::RetryPressed&) {
  if (st.s.screen == Screen::declined) {
    st.s.session.txn.reset();
    st.go(Screen::pay_method);
  } else if (st.s.screen == Screen::unavailable && st.s.session.brand && st.s.session.number) {
    st.go(Screen::lookup);
    st.fx.push_back(fx::RequestLookup{*st.s.session.brand, *st.s.session.number});
  }
}

}  // namespace kiosk::flow

namespace kiosk {

bool back_available(const State& s) {
  if (s.screen == Screen::reprint) return s.session.reprint != Session::ReprintState::waiting;
  switch (s.screen) {
    case Screen::language:
    case Screen::help:
    case Screen::display:
    case Screen::service:
    case Screen::brand:
    case Screen::number:
    case Screen::balance:
    case Screen::suspended:
    case Screen::plans:
    case Screen::summary:
    case Screen::pay_method: return true;
    default: return false;
  }
}

}  // namespace kiosk
