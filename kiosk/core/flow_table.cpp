// Where the customer goes: every screen change the kiosk can make, as one table. The first row
// whose screen, event and guard match is taken; an event no row takes changes nothing.
#include "flow_table.hpp"

#include <algorithm>

#include "customer_number.hpp"
#include "flow.hpp"

namespace kiosk::flow {

namespace {

// ---- typed guards and actions, erased to one signature for the table --------------------------

template <typename F>
struct EventOf;
template <typename R, typename A, typename E>
struct EventOf<R (*)(A, const E&)> {
  using type = E;
};

template <auto F>
constexpr Guard when(std::string_view name) {
  using Fn = decltype(F);
  if constexpr (std::is_invocable_r_v<bool, Fn, const State&>) {
    return {name, any_event, [](const State& s, const Event&) { return F(s); }};
  } else {
    using E = typename EventOf<Fn>::type;
    return {name, event_index<E>, [](const State& s, const Event& e) { return F(s, std::get<E>(e)); }};
  }
}

template <auto F>
constexpr Action act(std::string_view name) {
  using Fn = decltype(F);
  if constexpr (std::is_invocable_v<Fn, Step&>) {
    return {name, any_event, [](Step& st, const Event&) { F(st); }};
  } else {
    using E = typename EventOf<Fn>::type;
    return {name, event_index<E>, [](Step& st, const Event& e) { F(st, std::get<E>(e)); }};
  }
}

template <typename E>
constexpr Transition on(ScreenSet from, Guard guard, Target target, Action action = {}) {
  return {from, event_index<E>, guard, target, action};
}
template <typename E>
constexpr Transition on(ScreenSet from, Target target, Action action = {}) {
  return {from, event_index<E>, Guard{}, target, action};
}
constexpr Transition after_any(ScreenSet from, Guard guard, Target target) {
  return {from, after_any_event, guard, target, Action{}};
}

// ---- guards -----------------------------------------------------------------------------------

using Phase = Transaction::Phase;

bool phase_is(const State& s, std::initializer_list<Phase> phases) {
  return s.session.txn && std::find(phases.begin(), phases.end(), s.session.txn->phase) != phases.end();
}
bool this_payment(const State& s, const std::string& reference) {
  return is_current(s, reference) && phase_is(s, {Phase::paying, Phase::aborting});
}

bool speech_on(const State& s) { return s.session.speech; }
bool code_editable(const State& s) { return s.session.reprint != Session::ReprintState::waiting; }
bool code_complete(const State& s) { return code_editable(s) && s.session.reprint_input.size() == reprint_code_length; }
bool valid_number(const State& s) {
  return s.session.brand && !s.session.by_customer_number &&
         std::holds_alternative<MobileNumber>(parse_mobile(s.session.number_input));
}
bool valid_customer_number_typed(const State& s) {
  return s.session.brand && s.session.by_customer_number && customer_numbers_offered(s) &&
         valid_customer_number(s.session.number_input);
}
bool brand_chosen(const State& s) { return s.session.brand.has_value(); }
bool deactivated(const State&, const ev::SubscriberFound& e) { return e.subscriber.status == SubscriberStatus::expired; }
bool checking_balance(const State& s) { return s.session.service == ev::Service::balance; }
bool found_suspended(const State&, const ev::SubscriberFound& e) {
  return e.subscriber.status == SubscriberStatus::suspended;
}
bool not_found(const State&, const ev::LookupFailed& e) { return e.error == ev::LookupError::not_found; }
bool subscriber_suspended(const State& s) {
  return s.session.subscriber && s.session.subscriber->status == SubscriberStatus::suspended;
}
bool plan_offered(const State& s, const ev::PlanChosen& e) { return find_plan(s.session.plans, e.plan_id) != nullptr; }
bool duration_offered(const State& s, const ev::DurationChosen& e) {
  const Plan* p = chosen_plan(s);
  return p && std::find(p->durations_months.begin(), p->durations_months.end(), e.months) != p->durations_months.end();
}
bool plan_and_subscriber(const State& s) { return chosen_plan(s) && s.session.subscriber; }
bool quoted(const State& s) { return s.session.quote.has_value(); }
// Nothing is sold without a durable record.
bool ready_to_sell(const State& s) {
  const Session& se = s.session;
  return se.quote && se.number && se.brand && chosen_plan(s) && s.journal_ok;
}
bool card_ready(const State& s, const ev::PayMethodChosen& e) {
  return e.method == PayMethod::card && s.terminal_available && ready_to_sell(s);
}
bool wallet_ready(const State& s, const ev::PayMethodChosen& e) {
  return e.method == PayMethod::wallet && s.settings.wallet_enabled && ready_to_sell(s);
}
bool payment_under_way(const State& s) { return phase_is(s, {Phase::paying}); }
bool no_money_moves(const State& s) { return !money_in_flight(s); }
bool attract_beneath(const State& s) { return !money_in_flight(s) && s.overlay_return == Screen::attract; }
bool number_known(const State& s) {
  const Session& se = s.session;
  return se.brand && (se.by_customer_number ? valid_customer_number(se.number_input) : se.number.has_value());
}
bool waiting_for_reprint(const State& s) { return !code_editable(s); }
// Another reference, or this one after the customer was told it failed (a wallet confirmed
// after the cancel): given back either way.
bool for_another_payment(const State& s, const ev::PaymentApproved& e) {
  return !is_current(s, e.reference) || phase_is(s, {Phase::failed});
}
bool cancelled_meanwhile(const State& s, const ev::PaymentApproved& e) {
  return is_current(s, e.reference) && phase_is(s, {Phase::aborting});
}
bool approved_now(const State& s, const ev::PaymentApproved& e) {
  return is_current(s, e.reference) && phase_is(s, {Phase::paying});
}
bool stopped(const State& s, const ev::PaymentFailed& e) {
  return this_payment(s, e.reference) &&
         (phase_is(s, {Phase::aborting}) || e.failure == PaymentFailure::cancelled);
}
bool refused(const State& s, const ev::PaymentFailed& e) { return this_payment(s, e.reference); }
bool outcome_lost(const State& s, const ev::PaymentUnknown& e) { return this_payment(s, e.reference); }
bool code_for_this_payment(const State& s, const ev::WalletCodeReady& e) { return is_current(s, e.reference); }
bool recovery_follows(const State& s, const ev::PaymentReversed& e) { return followed_by_recovery(s, e.reference); }
bool another_reversal(const State& s, const ev::PaymentReversed& e) {
  return !is_current(s, e.reference) || phase_is(s, {Phase::failed});
}
bool give_back_failed(const State& s, const ev::PaymentReversed& e) {
  return is_current(s, e.reference) && phase_is(s, {Phase::reversing}) && !e.ok;
}
bool given_back(const State& s, const ev::PaymentReversed& e) {
  return is_current(s, e.reference) && phase_is(s, {Phase::reversing}) && e.ok;
}
template <typename E>
bool this_delivery(const State& s, const E& e) {
  return is_current(s, e.reference) && phase_is(s, {Phase::delivering});
}
bool timed_out(const State& s, const ev::Ticked& e) { return idle_time_up(s, e.now_ms); }
bool wallet_code_unused(const State& s, const ev::Ticked& e) {
  return phase_is(s, {Phase::paying}) && !s.session.txn->wallet_qr.empty() &&
         e.now_ms - s.last_input_ms >= s.settings.wallet_timeout_s * 1000LL;
}
bool more_time_allowed(const State& s) {
  return idle_warning_visible(s) && s.extensions_used < s.settings.max_extensions;
}
bool announced_payment(const State& s, const ev::JournalFailed& e) {
  return is_current(s, e.reference) && phase_is(s, {Phase::paying});
}
bool settled_as(const State& s, Phase phase) { return phase_is(s, {phase}); }
bool settled_delivered(const State& s) { return settled_as(s, Phase::delivered); }
bool settled_refunded(const State& s) { return settled_as(s, Phase::reversed); }
bool settled_not_charged(const State& s) { return settled_as(s, Phase::failed); }
bool reminder_not_asked(const State& s) { return reminder_offered(s) && !s.session.reminder_asked; }
bool cannot_sell(const State& s) { return !can_sell(s); }
bool sells_again(const State& s) { return can_sell(s); }

// ---- screens ----------------------------------------------------------------------------------

using enum Screen;

constexpr ScreenSet every_screen = all_screens_but({}, "any screen");
constexpr ScreenSet in_service = all_screens_but({out_of_service}, "any screen in service");
constexpr ScreenSet overlays = screens({language, help, display});
constexpr ScreenSet before_payment =
    screens({service, brand, number, balance, suspended, plans, summary, pay_method}, "a step before payment");
constexpr ScreenSet outcomes = screens({done, declined, cancelled, unavailable, reversed, pending}, "an outcome");
constexpr ScreenSet payment = screens({paying, wallet});
// Answers about the session's money are taken wherever the customer is: the transaction decides.
constexpr ScreenSet wherever_the_money_is = all_screens_but({}, "any screen, the transaction decides");

// ---- the table --------------------------------------------------------------------------------

constexpr Transition table[] = {
    // Start and time.
    on<ev::Started>(every_screen, to(attract), act<&start>("start")),
    on<ev::Ticked>(every_screen, when<&timed_out>("idle time up"), to(attract), act<&time_out>("end the session")),
    on<ev::Ticked>(only(wallet), when<&wallet_code_unused>("code unused too long"), stay,
                   act<&withdraw_wallet_code>("withdraw the code")),
    on<ev::Ticked>(every_screen, stay, act<&keep_time>("keep time, ask recovery")),
    on<ev::MoreTimeAsked>(every_screen, when<&more_time_allowed>("warning shown, extension left"), stay,
                          act<&grant_more_time>("grant more time")),
    after_any(only(attract), when<&cannot_sell>("cannot sell"), to(out_of_service)),
    after_any(only(out_of_service), when<&sells_again>("can sell"), to(attract)),

    // Devices and the journal.
    on<ev::TerminalAvailabilityChanged>(every_screen, stay, act<&note_terminal>("note the terminal")),
    on<ev::PrinterStatusChanged>(every_screen, stay, act<&note_printer>("note the printer")),
    on<ev::CatalogLoaded>(every_screen, stay, act<&keep_catalog>("sell from the new catalog")),
    on<ev::TakenOutOfService>(every_screen, stay, act<&take_out_of_service>("note the technician's reason")),
    on<ev::PutBackInService>(every_screen, stay, act<&put_back_in_service>("forget the reason")),
    on<ev::RecoveryRetryAsked>(every_screen, stay, act<&retry_recovery_now>("ask recovery's questions now")),
    on<ev::ReceiptPrinted>(every_screen, stay, act<&record_receipt>("journal the receipt, note a failure")),
    on<ev::JournalFailed>(wherever_the_money_is, when<&announced_payment>("payment not started"), to(unavailable),
                          act<&stop_announced_payment>("stop selling")),
    on<ev::JournalFailed>(every_screen, stay, act<&note_journal_failed>("stop selling")),

    // Language, help and display lie over any screen and go back to it.
    on<ev::LanguageChosen>(only(attract), to(service), act<&set_language>("set language")),
    on<ev::LanguageChosen>(only(language), beneath, act<&set_language>("set language")),
    on<ev::LanguageChosen>(every_screen, stay, act<&set_language>("set language")),
    on<ev::LanguageSwitchOpened>(in_service, to(language)),
    on<ev::HelpOpened>(in_service, to(help), act<&open_help>("first topic")),
    on<ev::DisplayOpened>(in_service, to(display)),
    on<ev::OverlayClosed>(overlays, beneath),
    on<ev::HelpPaged>(only(help), stay, act<&page_help>("page help")),
    on<ev::ContrastToggled>(every_screen, stay, act<&toggle_contrast>("toggle contrast")),
    on<ev::TextSizeToggled>(every_screen, stay, act<&toggle_text_size>("toggle text size")),
    on<ev::SpeechRequested>(every_screen, stay, act<&enable_speech>("speak")),
    on<ev::VolumeChanged>(every_screen, when<&speech_on>("speaking"), stay, act<&change_volume>("change volume")),

    // Before any money moves.
    on<ev::ServiceChosen>(only(service), to(brand), act<&choose_service>("choose service")),
    on<ev::ReprintOpened>(only(service), to(reprint), act<&open_reprint>("empty code")),
    on<ev::BrandChosen>(only(brand), to(number), act<&choose_brand>("choose brand")),
    on<ev::DigitPressed>(only(number), stay, act<&type_digit>("type digit")),
    on<ev::DigitPressed>(only(reprint), when<&code_editable>("code editable"), stay, act<&type_digit>("type digit")),
    on<ev::DigitDeleted>(only(number), stay, act<&delete_digit>("delete digit")),
    on<ev::DigitDeleted>(only(reprint), when<&code_editable>("code editable"), stay, act<&delete_digit>("delete digit")),
    on<ev::NumberCleared>(only(number), stay, act<&clear_digits>("clear")),
    on<ev::NumberCleared>(only(reprint), when<&code_editable>("code editable"), stay, act<&clear_digits>("clear")),
    on<ev::NumberSubmitted>(only(reprint), when<&code_complete>("code complete"), stay, act<&ask_reprint>("print again")),
    on<ev::NumberSubmitted>(only(number), when<&valid_number>("valid number"), to(lookup),
                            act<&look_up_number>("look up")),
    on<ev::NumberSubmitted>(only(number), when<&valid_customer_number_typed>("valid customer number"), to(lookup),
                            act<&look_up_customer>("look up by customer number")),
    on<ev::IdentifyByToggled>(only(number), when<&customer_numbers_offered>("operator takes customer numbers"), stay,
                              act<&toggle_identify_by>("phone or customer number")),
    on<ev::NumberSubmitted>(only(number), when<&brand_chosen>("brand chosen"), stay,
                            act<&show_number_error>("say what is wrong")),
    on<ev::ReprintFinished>(only(reprint), when<&waiting_for_reprint>("waiting"), stay,
                            act<&show_reprint_outcome>("show outcome")),
    on<ev::SubscriberFound>(only(lookup), when<&deactivated>("deactivated"), to(number),
                            act<&refuse_deactivated>("say deactivated")),
    on<ev::SubscriberFound>(only(lookup), when<&checking_balance>("checking balance"), to(balance),
                            act<&keep_subscriber>("keep subscriber")),
    on<ev::SubscriberFound>(only(lookup), when<&found_suspended>("suspended"), to(suspended),
                            act<&keep_subscriber>("keep subscriber")),
    on<ev::SubscriberFound>(only(lookup), to(plans), act<&keep_subscriber_pick_plan>("keep subscriber, pick plan")),
    on<ev::LookupFailed>(only(lookup), when<&not_found>("not found"), to(number), act<&show_not_found>("say not found")),
    on<ev::LookupFailed>(only(lookup), to(unavailable)),
    on<ev::ContinuePressed>(only(suspended), to(plans), act<&pick_plan>("pick plan")),
    on<ev::ContinuePressed>(only(balance), when<&subscriber_suspended>("suspended"), to(suspended),
                            act<&renew_instead>("renew")),
    on<ev::ContinuePressed>(only(balance), to(plans), act<&renew_instead_pick_plan>("renew, pick plan")),
    on<ev::PlanChosen>(only(plans), when<&plan_offered>("plan offered"), stay, act<&choose_plan>("choose plan")),
    on<ev::DurationChosen>(only(plans), when<&duration_offered>("duration offered"), stay,
                           act<&choose_duration>("choose duration")),
    on<ev::PlansPaged>(only(plans), stay, act<&page_plans>("page plans")),
    on<ev::PlanConfirmed>(only(plans), when<&plan_and_subscriber>("plan and subscriber known"), to(summary),
                          act<&make_quote>("quote")),
    on<ev::ReceiptToggled>(only(summary), when<&receipt_printable>("printer ready"), stay,
                           act<&toggle_receipt>("toggle receipt")),
    on<ev::SmsToggled>(only(summary), stay, act<&toggle_sms>("toggle SMS")),
    on<ev::SummaryConfirmed>(only(summary), when<&quoted>("quoted"), to(pay_method)),

    // Back and cancel: only before any money moves.
    on<ev::BackPressed>(overlays, beneath),
    on<ev::BackPressed>(only(service), to(attract), act<&end_session>("end the session")),
    on<ev::BackPressed>(only(reprint), when<&code_editable>("code editable"), to(service)),
    on<ev::BackPressed>(only(brand), to(service)),
    on<ev::BackPressed>(only(number), to(brand)),
    on<ev::BackPressed>(screens({balance, suspended, plans}), to(number)),
    on<ev::BackPressed>(only(summary), to(plans)),
    on<ev::BackPressed>(only(pay_method), to(summary)),
    on<ev::CancelPressed>(payment, when<&payment_under_way>("payment under way"), stay,
                          act<&abort_payment>("abort payment")),
    on<ev::CancelPressed>(only(declined), to(cancelled), act<&cancel_session>("forget the customer")),
    on<ev::CancelPressed>(overlays, when<&attract_beneath>("over attract"), beneath),
    on<ev::CancelPressed>(overlays, when<&no_money_moves>("no money moving"), to(cancelled),
                          act<&cancel_session>("forget the customer")),
    on<ev::CancelPressed>(before_payment, to(cancelled), act<&cancel_session>("forget the customer")),
    on<ev::CancelPressed>(only(reprint), when<&code_editable>("code editable"), to(cancelled),
                          act<&cancel_session>("forget the customer")),
    on<ev::SmsInsteadAsked>(screens({done, reversed}), when<&sms_can_stand_in>("no receipt, no SMS yet"), stay,
                            act<&send_sms_instead>("SMS in place of the receipt")),
    on<ev::ReminderAsked>(only(done), when<&reminder_not_asked>("offered, not asked yet"), stay,
                          act<&ask_reminder>("SMS reminder before the end")),
    on<ev::FinishPressed>(outcomes, to(attract), act<&end_session>("end the session")),
    on<ev::FinishPressed>(screens({balance, reprint}), to(attract), act<&end_session>("end the session")),
    on<ev::RetryPressed>(only(declined), to(pay_method), act<&drop_declined_payment>("drop declined payment")),
    on<ev::RetryPressed>(only(unavailable), when<&number_known>("number known"), to(lookup),
                         act<&look_up_again>("look up")),

    // Payment: every step that moves money is journaled first. Answers about money are taken on
    // any screen: the transaction, not what is shown, decides.
    on<ev::PayMethodChosen>(only(pay_method), when<&card_ready>("card, terminal ready"), to(paying),
                            act<&start_payment>("journal intent, ask for payment")),
    on<ev::PayMethodChosen>(only(pay_method), when<&wallet_ready>("wallet"), to(wallet),
                            act<&start_payment>("journal intent, ask for payment")),
    on<ev::PaymentPrompted>(wherever_the_money_is, when<&payment_under_way>("payment under way"), stay,
                            act<&show_prompt>("show prompt")),
    on<ev::WalletCodeReady>(wherever_the_money_is, when<&code_for_this_payment>("this payment"), stay,
                            act<&show_wallet_code>("show code")),
    on<ev::PaymentApproved>(wherever_the_money_is, when<&for_another_payment>("another reference, or told failed"), stay,
                            act<&give_back_stale>("give it back")),
    on<ev::PaymentApproved>(wherever_the_money_is, when<&cancelled_meanwhile>("cancelled meanwhile"), to(delivering),
                            act<&return_cancelled_payment>("give it back")),
    on<ev::PaymentApproved>(wherever_the_money_is, when<&approved_now>("this payment"), to(delivering),
                            act<&deliver>("ask for the renewal")),
    on<ev::PaymentFailed>(wherever_the_money_is, when<&stopped>("cancelled"), to(cancelled), act<&record_failure>("journal")),
    on<ev::PaymentFailed>(wherever_the_money_is, when<&refused>("this payment"), to(declined), act<&record_failure>("journal")),
    on<ev::PaymentUnknown>(wherever_the_money_is, when<&outcome_lost>("this payment"), to(pending),
                           act<&keep_unknown_payment>("recovery asks the terminal")),
    on<ev::PaymentReversed>(wherever_the_money_is, when<&recovery_follows>("recovery follows it"), stay,
                            act<&recovery_reversal>("recovery settles")),
    on<ev::PaymentReversed>(wherever_the_money_is, when<&another_reversal>("another reference, or told failed"), stay,
                            act<&note_stale_reversal>("journal")),
    on<ev::PaymentReversed>(wherever_the_money_is, when<&give_back_failed>("not returned"), to(pending),
                            act<&keep_unreturned>("recovery gives it back")),
    on<ev::PaymentReversed>(wherever_the_money_is, when<&given_back>("returned"), to(reversed),
                            act<&refund>("refund receipt and SMS")),

    // The renewal at the operator.
    on<ev::RenewalDelivered>(wherever_the_money_is, when<&this_delivery<ev::RenewalDelivered>>("this renewal"), to(done),
                             act<&confirm_renewal>("receipt and SMS")),
    on<ev::RenewalFailed>(wherever_the_money_is, when<&this_delivery<ev::RenewalFailed>>("this renewal"), stay,
                          act<&give_back_undelivered>("give the money back")),
    on<ev::RenewalUnknown>(wherever_the_money_is, when<&this_delivery<ev::RenewalUnknown>>("this renewal"), to(pending),
                           act<&keep_unknown_delivery>("recovery asks the gateway")),

    // Recovery: transactions the session no longer follows.
    on<ev::JournalReadBack>(every_screen, stay, act<&take_over_open>("recovery takes over")),
    on<ev::PaymentLookedUp>(every_screen, stay, act<&settle_looked_up>("recovery settles")),
    on<ev::RenewalResolved>(every_screen, stay, act<&settle_resolved>("recovery settles")),
    // The customer still waiting on "still confirming" sees the outcome once recovery has it.
    after_any(only(pending), when<&settled_delivered>("settled: delivered"), to(done)),
    after_any(only(pending), when<&settled_refunded>("settled: money returned"), to(reversed)),
    after_any(only(pending), when<&settled_not_charged>("settled: not charged"), to(declined)),
};

// A guard or action reads the event of its own row only.
constexpr bool well_typed() {
  for (const Transition& t : table) {
    if (t.guard.event != any_event && t.guard.event != t.event) return false;
    if (t.action.event != any_event && t.action.event != t.event) return false;
  }
  return true;
}
static_assert(well_typed(), "a guard or action reads another event than its row's");

// A new event type that no row takes fails the build: decide where it leads, even if nowhere.
// The technician's service mode is not the customer's flow: update() hands it to service_mode.
constexpr bool every_event_has_a_row() {
  for (std::size_t e = 0; e < event_count; ++e)
    if (e != event_index<ev::Technician> && std::none_of(std::begin(table), std::end(table), [&](const Transition& t) { return t.event == e; }))
      return false;
  return true;
}
static_assert(every_event_has_a_row(), "an event type has no row in the flow table");

}  // namespace

std::span<const Transition> transitions() { return table; }

namespace {
const Transition* first_match(std::size_t event, const State& s, const Event& e, Screen screen) {
  for (const Transition& t : table)
    if (t.event == event && t.from.has(screen) && (!t.guard.holds || t.guard.holds(s, e))) return &t;
  return nullptr;
}
}  // namespace

const Transition* transition_for(const State& s, const Event& e, Screen screen) {
  return first_match(e.index(), s, e, screen);
}

const Transition* completion_for(const State& s) {
  // Completion guards read the state only; the event they are given is never looked at.
  static const Event none = ev::OverlayClosed{};
  return first_match(after_any_event, s, none, s.screen);
}

}  // namespace kiosk::flow
