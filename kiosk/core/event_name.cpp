#include "events.hpp"

#include <array>
#include <utility>

#include "flow_table.hpp"

namespace kiosk {

namespace {
template <typename T> struct Name;
template <> struct Name<ev::JournalReadBack> { static constexpr std::string_view value = "journal_read_back"; };
template <> struct Name<ev::PaymentLookedUp> { static constexpr std::string_view value = "payment_looked_up"; };
template <> struct Name<ev::RenewalResolved> { static constexpr std::string_view value = "renewal_resolved"; };
template <> struct Name<ev::PaymentUnknown> { static constexpr std::string_view value = "payment_unknown"; };
template <> struct Name<ev::SpeechRequested> { static constexpr std::string_view value = "speech_requested"; };
template <> struct Name<ev::VolumeChanged> { static constexpr std::string_view value = "volume_changed"; };
template <> struct Name<ev::Technician> { static constexpr std::string_view value = "technician"; };
template <> struct Name<ev::Started> { static constexpr std::string_view value = "started"; };
template <> struct Name<ev::Ticked> { static constexpr std::string_view value = "ticked"; };
template <> struct Name<ev::LanguageChosen> { static constexpr std::string_view value = "language_chosen"; };
template <> struct Name<ev::LanguageSwitchOpened> { static constexpr std::string_view value = "language_switch_opened"; };
template <> struct Name<ev::HelpOpened> { static constexpr std::string_view value = "help_opened"; };
template <> struct Name<ev::DisplayOpened> { static constexpr std::string_view value = "display_opened"; };
template <> struct Name<ev::ContrastToggled> { static constexpr std::string_view value = "contrast_toggled"; };
template <> struct Name<ev::HelpPaged> { static constexpr std::string_view value = "help_paged"; };
template <> struct Name<ev::TextSizeToggled> { static constexpr std::string_view value = "text_size_toggled"; };
template <> struct Name<ev::OverlayClosed> { static constexpr std::string_view value = "overlay_closed"; };
template <> struct Name<ev::ServiceChosen> { static constexpr std::string_view value = "service_chosen"; };
template <> struct Name<ev::BrandChosen> { static constexpr std::string_view value = "brand_chosen"; };
template <> struct Name<ev::DigitPressed> { static constexpr std::string_view value = "digit_pressed"; };
template <> struct Name<ev::DigitDeleted> { static constexpr std::string_view value = "digit_deleted"; };
template <> struct Name<ev::NumberCleared> { static constexpr std::string_view value = "number_cleared"; };
template <> struct Name<ev::NumberSubmitted> { static constexpr std::string_view value = "number_submitted"; };
template <> struct Name<ev::IdentifyByToggled> { static constexpr std::string_view value = "identify_by_toggled"; };
template <> struct Name<ev::PlanChosen> { static constexpr std::string_view value = "plan_chosen"; };
template <> struct Name<ev::DurationChosen> { static constexpr std::string_view value = "duration_chosen"; };
template <> struct Name<ev::PlansPaged> { static constexpr std::string_view value = "plans_paged"; };
template <> struct Name<ev::PlanConfirmed> { static constexpr std::string_view value = "plan_confirmed"; };
template <> struct Name<ev::ReceiptToggled> { static constexpr std::string_view value = "receipt_toggled"; };
template <> struct Name<ev::SmsToggled> { static constexpr std::string_view value = "sms_toggled"; };
template <> struct Name<ev::SummaryConfirmed> { static constexpr std::string_view value = "summary_confirmed"; };
template <> struct Name<ev::PayMethodChosen> { static constexpr std::string_view value = "pay_method_chosen"; };
template <> struct Name<ev::BackPressed> { static constexpr std::string_view value = "back_pressed"; };
template <> struct Name<ev::CancelPressed> { static constexpr std::string_view value = "cancel_pressed"; };
template <> struct Name<ev::MoreTimeAsked> { static constexpr std::string_view value = "more_time_asked"; };
template <> struct Name<ev::RetryPressed> { static constexpr std::string_view value = "retry_pressed"; };
template <> struct Name<ev::ContinuePressed> { static constexpr std::string_view value = "continue_pressed"; };
template <> struct Name<ev::FinishPressed> { static constexpr std::string_view value = "finish_pressed"; };
template <> struct Name<ev::SmsInsteadAsked> { static constexpr std::string_view value = "sms_instead_asked"; };
template <> struct Name<ev::ReminderAsked> { static constexpr std::string_view value = "reminder_asked"; };
template <> struct Name<ev::SubscriberFound> { static constexpr std::string_view value = "subscriber_found"; };
template <> struct Name<ev::LookupFailed> { static constexpr std::string_view value = "lookup_failed"; };
template <> struct Name<ev::RenewalDelivered> { static constexpr std::string_view value = "renewal_delivered"; };
template <> struct Name<ev::RenewalFailed> { static constexpr std::string_view value = "renewal_failed"; };
template <> struct Name<ev::RenewalUnknown> { static constexpr std::string_view value = "renewal_unknown"; };
template <> struct Name<ev::PaymentPrompted> { static constexpr std::string_view value = "payment_prompted"; };
template <> struct Name<ev::WalletCodeReady> { static constexpr std::string_view value = "wallet_code_ready"; };
template <> struct Name<ev::PaymentApproved> { static constexpr std::string_view value = "payment_approved"; };
template <> struct Name<ev::PaymentFailed> { static constexpr std::string_view value = "payment_failed"; };
template <> struct Name<ev::PaymentReversed> { static constexpr std::string_view value = "payment_reversed"; };
template <> struct Name<ev::TerminalAvailabilityChanged> { static constexpr std::string_view value = "terminal_availability_changed"; };
template <> struct Name<ev::PrinterStatusChanged> { static constexpr std::string_view value = "printer_status_changed"; };
template <> struct Name<ev::ReceiptPrinted> { static constexpr std::string_view value = "receipt_printed"; };
template <> struct Name<ev::CatalogLoaded> { static constexpr std::string_view value = "catalog_loaded"; };
template <> struct Name<ev::JournalFailed> { static constexpr std::string_view value = "journal_failed"; };
template <> struct Name<ev::ReprintOpened> { static constexpr std::string_view value = "reprint_opened"; };
template <> struct Name<ev::ReprintFinished> { static constexpr std::string_view value = "reprint_finished"; };
template <> struct Name<ev::TakenOutOfService> { static constexpr std::string_view value = "taken_out_of_service"; };
template <> struct Name<ev::PutBackInService> { static constexpr std::string_view value = "put_back_in_service"; };
template <> struct Name<ev::RecoveryRetryAsked> { static constexpr std::string_view value = "recovery_retry_asked"; };
}  // namespace

std::string_view event_name(const Event& e) {
  return std::visit([](const auto& v) { return Name<std::decay_t<decltype(v)>>::value; }, e);
}

namespace {
template <std::size_t... I>
constexpr std::array<std::string_view, sizeof...(I)> names_by_index(std::index_sequence<I...>) {
  return {Name<std::variant_alternative_t<I, Event>>::value...};
}
constexpr auto type_names = names_by_index(std::make_index_sequence<flow::event_count>{});
}  // namespace

std::string_view flow::event_type_name(std::size_t index) {
  if (index == after_any_event) return "(after any event)";
  return index < type_names.size() ? type_names[index] : "?";
}

}  // namespace kiosk
