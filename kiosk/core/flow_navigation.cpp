// The screens before any money moves: language, service, brand, number, plan, summary.
#include <algorithm>

#include "customer_number.hpp"
#include "flow.hpp"

namespace kiosk::flow {

namespace {

// Another brand or number: what we knew about the subscriber no longer holds.
void forget_subscriber(Session& se) {
  se.subscriber.reset();
  se.plans.clear();
  se.plan_id.clear();
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

}  // namespace

void end_session(Step& st) {
  Session fresh;
  fresh.lang = st.s.settings.default_lang;
  st.s.session = std::move(fresh);
  st.s.overlay_return = Screen::attract;
  st.fx.push_back(fx::RequestForgetSession{});
}

void cancel_session(Step& st) {
  const Lang lang = st.s.session.lang;
  const bool high_contrast = st.s.session.high_contrast;
  const bool large_text = st.s.session.large_text;
  st.s.session = Session{};
  st.s.session.lang = lang;
  st.s.session.high_contrast = high_contrast;
  st.s.session.large_text = large_text;
  st.fx.push_back(fx::RequestForgetSession{});
}

void set_language(Step& st, const ev::LanguageChosen& e) { st.s.session.lang = e.lang; }

void open_help(Step& st) {
  if (st.s.screen != Screen::help) st.s.session.help_page = 0;
}

void enable_speech(Step& st) { st.s.session.speech = true; }

void change_volume(Step& st, const ev::VolumeChanged& e) {
  st.s.session.volume = std::clamp(st.s.session.volume + e.delta * volume_step, volume_step, 100);
}

void toggle_contrast(Step& st) { st.s.session.high_contrast = !st.s.session.high_contrast; }

void toggle_text_size(Step& st) {
  Session& se = st.s.session;
  se.large_text = !se.large_text;
  // The pages of plans change size: show the page that holds the chosen plan.
  for (std::size_t i = 0; i < se.plans.size(); ++i)
    if (se.plans[i].id == se.plan_id) se.plans_page = static_cast<int>(i) / plans_per_page(st.s);
  se.help_page = 0;
}

void page_help(Step& st, const ev::HelpPaged& e) {
  st.s.session.help_page = std::clamp(st.s.session.help_page + e.delta, 0, help_topic_count - 1);
}

void choose_service(Step& st, const ev::ServiceChosen& e) { st.s.session.service = e.service; }

void choose_brand(Step& st, const ev::BrandChosen& e) {
  Session& se = st.s.session;
  if (se.brand != e.brand) {
    forget_subscriber(se);
    se.by_customer_number = false;  // another operator may not take them
  }
  se.brand = e.brand;
  se.number_error_key.clear();
}

void type_digit(Step& st, const ev::DigitPressed& e) {
  std::string* field = keypad_field(st.s);
  if (!field || e.digit < '0' || e.digit > '9') return;
  // Room for 0032 4xx xx xx xx; a receipt code has six digits.
  const std::size_t limit = st.s.screen == Screen::reprint          ? reprint_code_length
                            : st.s.session.by_customer_number ? customer_number_max_digits
                                                              : 13;
  if (field->size() < limit) *field += e.digit;
  keypad_edited(st.s.session);
}

void delete_digit(Step& st) {
  std::string* field = keypad_field(st.s);
  if (!field) return;
  if (!field->empty()) field->pop_back();
  keypad_edited(st.s.session);
}

void clear_digits(Step& st) {
  std::string* field = keypad_field(st.s);
  if (!field) return;
  field->clear();
  keypad_edited(st.s.session);
}

void ask_reprint(Step& st) {
  st.s.session.reprint = Session::ReprintState::waiting;
  st.fx.push_back(fx::RequestReprint{st.s.session.reprint_input, st.s.session.lang});
}

void toggle_identify_by(Step& st) {
  Session& se = st.s.session;
  se.by_customer_number = !se.by_customer_number;
  se.number_input.clear();
  se.number_error_key.clear();
}

void look_up_customer(Step& st) {
  Session& se = st.s.session;
  // The number comes with the answer; until then none is known for this session.
  forget_subscriber(se);
  se.number.reset();
  st.fx.push_back(fx::RequestLookup{*se.brand, MobileNumber{}, se.number_input});
}

void look_up_number(Step& st) {
  Session& se = st.s.session;
  const MobileNumber number = std::get<MobileNumber>(parse_mobile(se.number_input));
  if (se.number != number) forget_subscriber(se);
  se.number = number;
  st.fx.push_back(fx::RequestLookup{*se.brand, number});
}

void show_number_error(Step& st) {
  Session& se = st.s.session;
  if (se.by_customer_number) {
    se.number_error_key = "number.error.customer_number";
    return;
  }
  const PhoneParse parsed = parse_mobile(se.number_input);
  if (const auto* err = std::get_if<PhoneError>(&parsed)) se.number_error_key = std::string(phone_error_key(*err));
}

void refuse_deactivated(Step& st) { st.s.session.number_error_key = "number.error.deactivated"; }
void show_not_found(Step& st) {
  Session& se = st.s.session;
  se.number_error_key = se.by_customer_number ? "number.error.customer_not_found" : "number.error.not_found";
}

void keep_subscriber(Step& st, const ev::SubscriberFound& e) {
  Session& se = st.s.session;
  if (se.by_customer_number && e.number) se.number = *e.number;
  se.subscriber = e.subscriber;
  se.plans = e.plans;
  se.plans_page = 0;
}

// The plans screen opens on the plan chosen before, else the subscriber's current plan, else the first.
void pick_plan(Step& st) {
  Session& se = st.s.session;
  if (!se.plan_id.empty() && find_plan(se.plans, se.plan_id)) return;
  const Plan* current = se.subscriber ? find_plan(se.plans, se.subscriber->current_plan_id) : nullptr;
  const Plan* pick = current ? current : (se.plans.empty() ? nullptr : &se.plans.front());
  se.plan_id = pick ? pick->id : "";
  se.months = pick ? pick->durations_months.front() : 1;
}

void keep_subscriber_pick_plan(Step& st, const ev::SubscriberFound& e) {
  keep_subscriber(st, e);
  pick_plan(st);
}

void renew_instead(Step& st) { st.s.session.service = ev::Service::renew; }

void renew_instead_pick_plan(Step& st) {
  renew_instead(st);
  pick_plan(st);
}

void choose_plan(Step& st, const ev::PlanChosen& e) {
  const Plan* p = find_plan(st.s.session.plans, e.plan_id);
  st.s.session.plan_id = p->id;
  st.s.session.months = p->durations_months.front();
}

void choose_duration(Step& st, const ev::DurationChosen& e) { st.s.session.months = e.months; }

void page_plans(Step& st, const ev::PlansPaged& e) {
  const int per_page = plans_per_page(st.s);
  const int count = static_cast<int>(st.s.session.plans.size());
  const int pages = std::max(1, (count + per_page - 1) / per_page);
  st.s.session.plans_page = std::clamp(st.s.session.plans_page + e.delta, 0, pages - 1);
}

void make_quote(Step& st) {
  Session& se = st.s.session;
  se.quote = quote(*chosen_plan(st.s), se.months, *se.subscriber, st.s.today);
  se.want_receipt = receipt_printable(st.s);
}

void toggle_receipt(Step& st) { st.s.session.want_receipt = !st.s.session.want_receipt; }
void toggle_sms(Step& st) { st.s.session.want_sms = !st.s.session.want_sms; }

void open_reprint(Step& st) {
  st.s.session.reprint_input.clear();
  st.s.session.reprint = Session::ReprintState::entering;
}

void show_reprint_outcome(Step& st, const ev::ReprintFinished& e) {
  using R = Session::ReprintState;
  st.s.session.reprint = !e.found ? R::not_found : e.printed ? R::printed : R::failed;
}

void drop_declined_payment(Step& st) { st.s.session.txn.reset(); }

void look_up_again(Step& st) {
  const Session& se = st.s.session;
  if (se.by_customer_number) st.fx.push_back(fx::RequestLookup{*se.brand, MobileNumber{}, se.number_input});
  else st.fx.push_back(fx::RequestLookup{*se.brand, *se.number});
}

}  // namespace kiosk::flow
