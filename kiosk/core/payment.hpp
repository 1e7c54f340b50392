#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "money.hpp"

namespace kiosk {

enum class PayMethod { card, wallet };

// What the card terminal asks the customer to do, shown translated on our screen.
enum class TerminalPrompt { present_card, insert_card, enter_pin, please_wait, remove_card, try_again };

// The outcome of an approved payment: only what a PCI-scoped terminal may hand to the kiosk.
struct PaymentReceipt {
  std::string card_type;       // "Bancontact", "Visa"; a wallet its brand, "Bancontact Pay"
  std::string pan_masked;      // first 6 / last 4 at most: "670300******1234"
  std::string terminal_id;
  std::uint32_t trace = 0;
  // The provider's own handle on the payment, opaque to the kiosk: what a reversal or a lookup
  // hands back (a ZVT receipt number, a Bancontact paymentId).
  std::string provider_ref;
  std::string auth_code;
  std::vector<std::string> terminal_lines;  // the terminal's own receipt text
};

// Why a payment did not happen. Codes follow the ZVT result codes where one exists.
enum class PaymentFailure { declined, cancelled, card_unreadable, timeout, terminal_unavailable };

std::string_view terminal_prompt_key(TerminalPrompt prompt);
std::string_view payment_failure_key(PaymentFailure failure);
// A provider reference the journal can keep and hand back: 1 to 64 printable ASCII characters.
bool valid_provider_ref(std::string_view ref);
// Keeps at most the first six and last four digits of a PAN; anything else becomes '*'.
std::string mask_pan(std::string_view pan);

}  // namespace kiosk
