#pragma once
// The technician's service mode on the kiosk's own screen: what it shows and what it asks of
// the app. The mode itself (service_mode.hpp) is pure, like the rest of the core; the PIN's
// hash, the lock and the actions belong to the app.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "civil_date.hpp"
#include "lang.hpp"
#include "money.hpp"
#include "printer_status.hpp"

namespace kiosk {

enum class ServicePage {
  pin,      // the technician types the PIN
  menu,     // the kiosk's state and the actions
  sales,    // today's sales and the open transactions
  note,     // out of service: what customers are told
  confirm,  // an action that cannot be undone, asked again
};

enum class ServiceAction { test_print, terminal_check, end_of_day, retry, out_of_service, in_service, diagnostics, restart };
std::string_view service_action_name(ServiceAction a);  // "test-print", … as kioskctl names them

// What customers read while the kiosk is out of service, chosen on the screen: stored as the
// reason "@<name>" and shown in the customer's language (kioskctl may use them too).
inline constexpr std::string_view customer_notes[] = {"back_soon", "back_hour", "back_tomorrow"};
inline constexpr char customer_note_mark = '@';

// The answer to a PIN.
enum class PinVerdict {
  none,
  right,
  wrong,        // tries_left more before the lock
  locked,       // too many wrong: locked for locked_s more seconds
  unavailable,  // no PIN configured, or it cannot be checked now (the app logs why)
};

// What the app found about the kiosk, for the technician (refreshed on entry and after actions).
struct ServiceStatus {
  std::string version;
  std::string kiosk_id;
  PrinterStatus printer = PrinterStatus::ok;
  std::string printer_kind, printer_model;
  bool terminal_available = false;
  std::string terminal_kind;
  std::vector<std::pair<std::string, std::string>> terminal;  // what the terminal said of itself
  bool gateway_embedded = true;
  std::string gateway_host, gateway_pin;
  bool gateway_answered = false;
  int gateway_latency_ms = -1;
  std::string gateway_checked_at;  // local "HH:MM:SS" of the last answer, or empty
  long long disk_free_mb = -1;
  bool journal_ok = true;
  int journal_open = 0;
  int outbox_pending = 0;
  // The catalog sold from: its version (0: none), brands and last day.
  std::uint64_t catalog_version = 0;
  int catalog_brands = 0;
  CivilDate catalog_valid_until;
  struct SalesLine {
    std::string brand, method;
    int renewals = 0;
    Cents cents = 0;
  };
  std::vector<SalesLine> sales_today;
  Cents card_net_today = 0, wallet_net_today = 0;
  int returned_today = 0;
  struct Open {
    std::string reference;  // the kiosk's own; no personal data
    Cents amount = 0;
    std::string need;
    int next_try_s = -1;  // -1: asking now, or waiting for a technician
  };
  std::vector<Open> open;
};

// What came of an action: ok or not, and values the screen knows how to say ("error",
// "terminal_cents", "journal_cents", "difference_cents", "file", "software", …).
struct ServiceOutcome {
  ServiceAction action = ServiceAction::test_print;
  bool ok = false;
  std::vector<std::pair<std::string, std::string>> values;
  std::string value(const std::string& key) const {
    for (const auto& [k, v] : values)
      if (k == key) return v;
    return "";
  }
};

// The mode while it is on (State::service_mode): the customer's screens are not shown and take
// no input; devices, the gateway and recovery carry on underneath.
struct ServiceMode {
  ServicePage page = ServicePage::pin;
  Lang lang = Lang::en;            // nl, fr, de or en: the technician's screens have those
  std::string pin;                 // digits typed; handed to the app and cleared on submit
  bool checking = false;           // a PIN is being checked
  PinVerdict verdict = PinVerdict::none;
  int tries_left = 0, locked_s = 0;
  std::int64_t last_input_ms = 0;  // the mode ends service_idle_ms after this
  std::optional<ServiceAction> running;     // asked, not answered yet
  std::optional<ServiceAction> confirming;  // on the confirm page
  std::optional<ServiceOutcome> outcome;    // the last action's
  std::optional<ServiceStatus> status;      // as last gathered
  int open_page = 0;
};

// The technician's inputs (screens and keys) and the app's answers.
namespace svc {
struct Asked {};                  // the service key, or the hidden corner held down
struct PinDigit { char digit; };
struct PinDeleted {};
struct PinSubmitted {};
struct PinChecked { PinVerdict verdict; int tries_left = 0; int locked_s = 0; };
struct LanguageChosen { Lang lang; };
struct PageOpened { ServicePage page; };
struct PagedOpen { int delta; };  // the open transactions, a page at a time
// `note`: for out_of_service, the customer note ("@back_soon").
struct ActionAsked { ServiceAction action; std::string note = {}; };
struct ActionConfirmed {};
struct ActionFinished { ServiceOutcome outcome; };
struct StatusGathered { ServiceStatus status; };
struct Left {};
using Input = std::variant<Asked, PinDigit, PinDeleted, PinSubmitted, PinChecked, LanguageChosen, PageOpened, PagedOpen,
                           ActionAsked, ActionConfirmed, ActionFinished, StatusGathered, Left>;

// What the mode asks of the app.
struct CheckPin { std::string pin; };  // answered by PinChecked
struct RunAction { ServiceAction action; std::string note; };  // answered by ActionFinished
struct GatherStatus {};  // answered by StatusGathered
// Into the journal's service log (entries, exits, refusals); the app notes PIN checks itself.
struct Note { std::string action; std::string detail; };
using Request = std::variant<CheckPin, RunAction, GatherStatus, Note>;
}  // namespace svc

}  // namespace kiosk
