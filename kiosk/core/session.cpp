#include "session.hpp"

#include <algorithm>
#include <array>
#include <type_traits>
#include <utility>

#include "flow.hpp"
#include "flow_table.hpp"
#include "service_mode.hpp"

namespace kiosk {

namespace {

template <typename... T>
struct Types {};

template <typename E, typename... T>
constexpr bool listed(Types<T...>) {
  return (std::is_same_v<E, T> || ...);
}

// Every event says whether it restarts the idle timer: the person's taps and keys do; devices,
// the gateway, time, recovery and the technician's commands do not (MoreTimeAsked neither: it grants its extension
// itself). A new event type that is in neither list fails to compile below.
using RestartsIdleTimer =
    Types<ev::LanguageChosen, ev::LanguageSwitchOpened, ev::HelpOpened, ev::DisplayOpened, ev::ContrastToggled,
          ev::TextSizeToggled, ev::HelpPaged, ev::OverlayClosed, ev::ServiceChosen, ev::BrandChosen,
          ev::DigitPressed, ev::DigitDeleted, ev::NumberCleared, ev::NumberSubmitted, ev::IdentifyByToggled,
          ev::PlanChosen, ev::DurationChosen, ev::PlansPaged, ev::PlanConfirmed, ev::ReceiptToggled, ev::SmsToggled,
          ev::SummaryConfirmed, ev::PayMethodChosen, ev::BackPressed, ev::CancelPressed, ev::RetryPressed,
          ev::ContinuePressed, ev::FinishPressed, ev::SmsInsteadAsked, ev::ReminderAsked, ev::ReprintOpened,
          ev::SpeechRequested, ev::VolumeChanged>;
using KeepsIdleTimer =
    Types<ev::Started, ev::Ticked, ev::MoreTimeAsked, ev::SubscriberFound, ev::LookupFailed, ev::RenewalDelivered,
          ev::RenewalFailed, ev::RenewalUnknown, ev::ReprintFinished, ev::PaymentPrompted, ev::WalletCodeReady,
          ev::PaymentApproved, ev::PaymentFailed, ev::PaymentUnknown, ev::PaymentReversed,
          ev::TerminalAvailabilityChanged, ev::JournalFailed, ev::JournalReadBack, ev::PaymentLookedUp,
          ev::RenewalResolved, ev::PrinterStatusChanged, ev::ReceiptPrinted, ev::CatalogLoaded,
          ev::TakenOutOfService, ev::PutBackInService, ev::RecoveryRetryAsked>;
// The technician's service mode has its own timer (service_mode.hpp).
using ForTechnician = Types<ev::Technician>;

template <typename... E>
constexpr bool each_classified_once(std::variant<E...>*) {
  return ((int(listed<E>(RestartsIdleTimer{})) + int(listed<E>(KeepsIdleTimer{})) + int(listed<E>(ForTechnician{})) ==
           1) &&
          ...);
}
static_assert(each_classified_once(static_cast<Event*>(nullptr)),
              "every event type is in exactly one of RestartsIdleTimer, KeepsIdleTimer and ForTechnician");

template <std::size_t... I>
constexpr std::array<bool, sizeof...(I)> user_input_by_index(std::index_sequence<I...>) {
  return {listed<std::variant_alternative_t<I, Event>>(RestartsIdleTimer{})...};
}
constexpr auto is_user_input = user_input_by_index(std::make_index_sequence<std::variant_size_v<Event>>{});

void enter(State& s, flow::Target to) {
  switch (to.kind) {
    case flow::Target::Kind::stay: return;
    case flow::Target::Kind::beneath: s.screen = s.overlay_return; return;
    case flow::Target::Kind::screen:
      if (flow::is_overlay(to.screen) && !flow::is_overlay(s.screen)) s.overlay_return = s.screen;
      s.screen = to.screen;
      return;
  }
}

}  // namespace

State initial_state(const KioskSettings& settings) {
  State s;
  s.settings = settings;
  s.session.lang = settings.default_lang;
  return s;
}

Update update(State state, const Event& event) {
  Update out{std::move(state), {}};
  if (const auto* t = std::get_if<ev::Technician>(&event)) {
    service_input(out.state, t->input, out.effects);
    return out;
  }
  flow::Step step{out.state, out.effects};
  const Screen before = out.state.screen;
  const bool user_input = is_user_input[event.index()];
  // The technician has the screen: the customer's keys (a headset, the volume) wait.
  if (user_input && out.state.service_mode) return out;
  if (user_input) out.state.last_input_ms = out.state.now_ms;
  // Taps act on what is shown. Devices, the gateway and time also act on the screen an overlay
  // lies over (an answer that moves the customer on closes the overlay).
  const flow::Transition* t = flow::transition_for(out.state, event, before);
  if (!t && !user_input && flow::is_overlay(before))
    t = flow::transition_for(out.state, event, out.state.overlay_return);
  if (t) {
    if (t->action.run) t->action.run(step, event);
    enter(out.state, t->to);
  }
  // Attract and out of service follow whether the kiosk can sell, whatever changed that.
  if (const flow::Transition* c = flow::completion_for(out.state)) enter(out.state, c->to);
  // "More time" is counted per screen; moving on starts a fresh allowance and a fresh timer.
  if (out.state.screen != before) {
    out.state.extensions_used = 0;
    out.state.last_input_ms = out.state.now_ms;
  }
  if (std::holds_alternative<ev::Ticked>(event)) service_tick(out.state, out.effects);
  return out;
}

namespace flow {

void Step::journal(const std::string& reference, JournalStep step,
                   std::map<std::string, std::string> fields) {
  fx.push_back(fx::RequestJournal{JournalEntry{reference, step, std::move(fields), {}}});
}

Fields reversal_fields(const ev::PaymentReversed& e) {
  if (e.provider_ref.empty()) return {};
  return {{"reversal_ref", e.provider_ref}};
}

bool is_overlay(Screen s) { return s == Screen::language || s == Screen::help || s == Screen::display; }

bool is_current(const State& s, const std::string& reference) {
  return s.session.txn && s.session.txn->reference == reference;
}

bool is_end_screen(Screen screen) {
  switch (screen) {
    case Screen::done:
    case Screen::declined:
    case Screen::cancelled:
    case Screen::unavailable:
    case Screen::reversed:
    case Screen::pending: return true;
    default: return false;
  }
}

bool can_sell(const State& s) { return out_of_service_reason(s) == OutOfServiceReason::none; }

bool money_in_flight(const State& s) {
  if (!s.session.txn) return false;
  using P = Transaction::Phase;
  const P p = s.session.txn->phase;
  return p == P::paying || p == P::aborting || p == P::approved || p == P::delivering ||
         p == P::reversing;
}

ReceiptData make_receipt(const State& s, ReceiptData::Kind kind) {
  ReceiptData r;
  r.kind = kind;
  r.lang = s.session.lang;
  r.kiosk_id = s.settings.kiosk_id;
  r.location = s.settings.location;
  r.support_phone = s.settings.support_phone;
  r.software_version = s.settings.software_version;
  if (s.session.brand) r.brand = *s.session.brand, r.brand_name = brand_name(s, *s.session.brand);
  if (s.session.number) r.number_masked = mask_mobile(*s.session.number);
  if (const Plan* p = chosen_plan(s)) r.plan_name = p->name;
  r.months = s.session.months;
  if (s.session.txn) {
    const Transaction& t = *s.session.txn;
    r.valid_until = t.new_expiry;
    r.amount = t.amount;
    r.method = t.method;
    r.payment = t.payment;
    r.reference = t.reference;
    r.confirmation_id = t.confirmation_id;
    r.reprint_code = reprint_code(t.reference);
  }
  // Itemised as the summary was, when that quote is what was charged.
  const bool charged = kind == ReceiptData::Kind::renewal || kind == ReceiptData::Kind::pending;
  if (const auto& q = s.session.quote; charged && q && q->total == r.amount) {
    r.price = q->base;
    r.discount = q->discount;
    r.reactivation_fee = q->reactivation_fee;
    r.bonus_credit = q->bonus_credit;
  }
  return r;
}

}  // namespace flow

// ---- derived facts ------------------------------------------------------------------------

const BrandInfo* brand_info(const State& s, const Brand& brand) { return find_brand(s.catalog.brands, brand); }

std::string brand_name(const State& s, const Brand& brand) { return brand_name(s.catalog.brands, brand); }

bool customer_at_kiosk(const State& s) { return s.screen != Screen::attract && s.screen != Screen::out_of_service; }

bool customer_numbers_offered(const State& s) {
  const BrandInfo* t = s.session.brand ? brand_info(s, *s.session.brand) : nullptr;
  return t && t->customer_numbers;
}

CivilDate reminder_date(const State& s) {
  return s.session.txn ? add_days(s.session.txn->new_expiry, -s.settings.reminder_days_before) : CivilDate{};
}

bool reminder_offered(const State& s) {
  const Session& se = s.session;
  return s.settings.reminder_days_before > 0 && se.txn && se.txn->phase == Transaction::Phase::delivered &&
         se.number && s.today < reminder_date(s);
}

bool sms_can_stand_in(const State& s) {
  const Session& se = s.session;
  using P = Transaction::Phase;
  return se.txn && se.txn->receipt_failed && !se.want_sms && se.number &&
         (se.txn->phase == P::delivered || se.txn->phase == P::reversed);
}

bool screen_has_idle_timeout(const State& s) {
  if (flow::money_in_flight(s)) return false;  // never time out while money moves
  switch (s.screen) {
    case Screen::attract:
    case Screen::out_of_service:
    case Screen::lookup:
    case Screen::paying:
    case Screen::wallet:
    case Screen::delivering: return false;
    default: return true;
  }
}

namespace {
int timeout_for(const State& s) {
  return flow::is_end_screen(s.screen) ? s.settings.end_screen_s : s.settings.idle_timeout_s;
}

std::int64_t idle_ms_left(const State& s, std::int64_t now_ms) {
  return static_cast<std::int64_t>(timeout_for(s)) * 1000 - (now_ms - s.last_input_ms);
}
}  // namespace

bool flow::idle_time_up(const State& s, std::int64_t now_ms) {
  return screen_has_idle_timeout(s) && idle_ms_left(s, now_ms) <= 0;
}

int wallet_seconds_left(const State& s) {
  const auto& txn = s.session.txn;
  if (!txn || txn->wallet_expires_ms == 0) return -1;
  return static_cast<int>(std::max<std::int64_t>(0, (txn->wallet_expires_ms - s.now_ms + 999) / 1000));
}

int idle_seconds_left(const State& s) {
  const std::int64_t left_ms = idle_ms_left(s, s.now_ms);
  return left_ms <= 0 ? 0 : static_cast<int>((left_ms + 999) / 1000);
}

bool back_available(const State& s) { return flow::transition_for(s, ev::BackPressed{}, s.screen) != nullptr; }

bool idle_warning_visible(const State& s) {
  // End screens return quietly; input screens warn first.
  if (!screen_has_idle_timeout(s) || flow::is_end_screen(s.screen)) return false;
  return idle_seconds_left(s) <= s.settings.idle_warning_s;
}

bool idle_countdown_visible(const State& s) {
  if (!screen_has_idle_timeout(s) || flow::is_end_screen(s.screen)) return false;
  const int left = idle_seconds_left(s);
  return left > s.settings.idle_warning_s && left <= s.settings.idle_warning_s + s.settings.idle_countdown_s;
}

std::string reprint_code(const std::string& reference) {
  // FNV-1a, folded to six digits: short enough to type, and a lookup matches the reference too.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : reference) h = (h ^ c) * 1099511628211ULL;
  std::string code = std::to_string(h % 1000000);
  while (code.size() < reprint_code_length) code.insert(code.begin(), '0');
  return code;
}

const Plan* chosen_plan(const State& s) { return find_plan(s.session.plans, s.session.plan_id); }

bool receipt_printable(const State& s) { return printer_can_print(s.printer); }

int plans_per_page(const State& s) {
  return std::max(1, s.session.large_text ? s.settings.plans_per_page - 1 : s.settings.plans_per_page);
}

bool recovery_asking(const State& s) {
  for (const OpenTransaction& t : s.open)
    if (t.in_flight || (t.need != OpenTransaction::Need::technician && t.next_try_ms <= s.now_ms)) return true;
  return false;
}

std::string_view out_of_service_reason_name(OutOfServiceReason r) {
  switch (r) {
    case OutOfServiceReason::journal: return "journal";
    case OutOfServiceReason::technician: return "technician";
    case OutOfServiceReason::recovering: return "recovering";
    case OutOfServiceReason::terminal: return "terminal";
    case OutOfServiceReason::catalog: return "catalog";
    case OutOfServiceReason::none: break;
  }
  return "none";
}

std::string out_of_service_code(OutOfServiceReason r) {
  if (r == OutOfServiceReason::none) return "";
  std::string code = "OOS-";
  for (char c : out_of_service_reason_name(r)) code += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return code;
}

bool payment_outcome_unknown(const State& s) {
  if (!s.session.txn) return false;
  for (const OpenTransaction& t : s.open)
    if (t.reference == s.session.txn->reference && t.need == OpenTransaction::Need::payment_outcome) return true;
  return false;
}

OutOfServiceReason out_of_service_reason(const State& s) {
  if (!s.journal_ok) return OutOfServiceReason::journal;
  if (s.technician_reason) return OutOfServiceReason::technician;
  if (catalog_expired(s.catalog, s.today)) return OutOfServiceReason::catalog;
  if (flow::recovery_blocks_sales(s)) return OutOfServiceReason::recovering;
  // No way to pay left (the terminal is away and there is no e-wallet).
  if (!s.terminal_available && !s.settings.wallet_enabled) return OutOfServiceReason::terminal;
  return OutOfServiceReason::none;
}

}  // namespace kiosk
