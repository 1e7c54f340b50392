#include "payment.hpp"

namespace kiosk {

std::string_view terminal_prompt_key(TerminalPrompt p) {
  switch (p) {
    case TerminalPrompt::present_card: return "paying.prompt.present_card";
    case TerminalPrompt::insert_card: return "paying.prompt.insert_card";
    case TerminalPrompt::enter_pin: return "paying.prompt.enter_pin";
    case TerminalPrompt::please_wait: return "paying.prompt.please_wait";
    case TerminalPrompt::remove_card: return "paying.prompt.remove_card";
    case TerminalPrompt::try_again: return "paying.prompt.try_again";
  }
  return "paying.prompt.please_wait";
}

std::string_view payment_failure_key(PaymentFailure f) {
  switch (f) {
    case PaymentFailure::declined: return "declined.reason.declined";
    case PaymentFailure::cancelled: return "declined.reason.cancelled";
    case PaymentFailure::card_unreadable: return "declined.reason.card_unreadable";
    case PaymentFailure::timeout: return "declined.reason.timeout";
    case PaymentFailure::terminal_unavailable: return "declined.reason.terminal_unavailable";
  }
  return "declined.reason.declined";
}

bool valid_provider_ref(std::string_view ref) {
  if (ref.empty() || ref.size() > 64) return false;
  for (char c : ref)
    if (c <= ' ' || c > '~') return false;
  return true;
}

std::string mask_pan(std::string_view pan) {
  std::string digits;
  for (char c : pan)
    if ((c >= '0' && c <= '9') || c == '*') digits += c;
  if (digits.size() < 10) return std::string(digits.size(), '*');
  for (std::size_t i = 6; i + 4 < digits.size(); ++i) digits[i] = '*';
  return digits;
}

}  // namespace kiosk
