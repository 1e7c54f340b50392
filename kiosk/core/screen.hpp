#pragma once
#include <optional>
#include <string_view>

namespace kiosk {

// Every screen the kiosk can show. Names (screen_name) are stable: scripts and the gallery use them.
enum class Screen {
  attract,        // welcome, languages in their own script
  language,       // language switch, reachable from every screen
  service,        // renew / check balance / help
  help,           // questions users ask
  display,        // contrast and text size, reachable from every screen
  reprint,        // a receipt printed again by its code
  brand,
  number,         // keypad
  lookup,         // asking the operator about the number
  balance,        // result of "check balance and expiry"
  suspended,      // number suspended: reactivation fee before renewing
  plans,          // plan and duration
  summary,        // repeat everything back, final price, receipt options
  pay_method,     // card or e-wallet
  paying,         // card terminal prompts
  wallet,         // QR code for the e-wallet
  delivering,     // sending the renewal to the operator
  done,
  declined,       // payment refused; retry or stop
  cancelled,      // the user stopped; nothing charged
  unavailable,    // operator can't be reached; nothing charged
  reversed,       // paid but not delivered: the payment was returned
  pending,        // paid, delivery outcome not known yet: kept and resolved later
  out_of_service, // a device the kiosk needs is missing
};

inline constexpr int screen_count = static_cast<int>(Screen::out_of_service) + 1;

std::string_view screen_name(Screen screen);
std::optional<Screen> parse_screen(std::string_view name);

}  // namespace kiosk
